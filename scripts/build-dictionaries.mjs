// Regenerates the committed field dictionaries in language-server/dictionaries/data/*.json from published,
// openly licensed definitions on the npm registry. The sources are fetched with `npm pack` at pinned versions
// into a temporary folder (they are large, so they are neither runtime nor dev dependencies):
//
//   npm run build && node scripts/build-dictionaries.mjs   # fetch the pinned sources, rewrite data/*.json
//   node scripts/build-dictionaries.mjs --sources DIR   # reuse already extracted packages (DIR/<name>/package)
//   node scripts/build-dictionaries.mjs meanings        # one part only: hl7v2, fhir, dicom or meanings
//
// Sources (see docs/dictionaries.md):
//   hl7-dictionary 1.0.1 (MIT)        HL7 v2.1–2.7.1 segments, fields, data types, tables
//   hl7.fhir.r4b.core 4.3.0 (CC0-1.0)  FHIR R4 (R4B: same definitions as R4 4.0.1 for the clinical resources)
//   hl7.fhir.r5.core 5.0.0 (CC0-1.0)   FHIR R5
//   dcmjs 0.52.2 (MIT)                 DICOM data dictionary (PS3.6 tags, keywords, VRs)
// The output is deterministic: same sources, same bytes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The version order the dictionaries use at run time, from the build (`npm run build` first).
const { compareHl7v2Versions } = await import(pathToFileURL(join(resolve(fileURLToPath(import.meta.url), '..', '..'), 'out', 'language-server', 'dictionaries', 'hl7v2-versions.js')).href);

const SOURCES = {
    hl7v2: { name: 'hl7-dictionary', version: '1.0.1', license: 'MIT' },
    fhirR4: { name: 'hl7.fhir.r4b.core', version: '4.3.0', license: 'CC0-1.0' },
    fhirR5: { name: 'hl7.fhir.r5.core', version: '5.0.0', license: 'CC0-1.0' },
    dicom: { name: 'dcmjs', version: '0.52.2', license: 'MIT' }
};

const outDir = resolve('language-server/dictionaries/data');
const sourcesArg = process.argv.indexOf('--sources');
const sourcesDir = sourcesArg > 0 ? resolve(process.argv[sourcesArg + 1]) : mkdtempSync(join(tmpdir(), 'interspec-dict-'));

/** The extracted `package/` folder of a pinned source, fetched with `npm pack` unless already there. */
function sourcePackage(source) {
    const dir = join(sourcesDir, source.name);
    if (!existsSync(join(dir, 'package'))) {
        mkdirSync(dir, { recursive: true });
        const tarball = execFileSync('npm', ['pack', `${source.name}@${source.version}`, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop();
        execFileSync('tar', ['xzf', join(dir, tarball), '-C', dir]);
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8'));
    if (manifest.version !== source.version) {
        throw new Error(`${source.name}: expected ${source.version}, found ${manifest.version} in ${dir}`);
    }
    return join(dir, 'package');
}

function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

function sortedObject(entries) {
    return Object.fromEntries([...entries].sort((a, b) => compare(a[0], b[0])));
}

function writeData(file, data) {
    mkdirSync(outDir, { recursive: true });
    const text = JSON.stringify(data) + '\n';
    writeFileSync(join(outDir, file), text);
    console.log(`${file}: ${(text.length / 1024).toFixed(0)} KiB`);
}

const clean = (text) => (text ?? '').replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------------------------
// HL7 v2
// ---------------------------------------------------------------------------------------------------------------

// Tables whose codes are listed on the fields that use them: the HL7-defined tables (those an ID field or component
// refers to) and these user-defined ones that integrations check in practice. Other user-defined tables keep only
// their number and name, because sites extend them and a code outside the suggested list is not an error.
const CHECKED_USER_TABLES = ['0001', '0002', '0004', '0007', '0078', '0080', '0203'];

// The source has one set of tables (from about v2.6) for all versions. Codes that other versions define and it
// lacks are added by hand, so that a message valid in its version is not flagged: value types withdrawn later
// (CE, TS) or added (CNE, ID in some lists), and the version ids after 2.6.
const SUPPLEMENTARY_CODES = {
    '0104': ['2.7', '2.7.1', '2.8', '2.8.1', '2.8.2', '2.9'],
    '0125': ['CE', 'CNE', 'ID', 'TS']
};

function buildHl7v2() {
    const require = createRequire(import.meta.url);
    const pkg = sourcePackage(SOURCES.hl7v2);
    const source = require(join(pkg, 'lib', 'index.js'));
    const tableId = (table) => (table === undefined || table === null || table === 0 ? undefined : String(table).padStart(4, '0'));
    const member = (def) => {
        const entry = [clean(def.desc), def.datatype || 'ST'];
        const table = tableId(def.table);
        if (table) entry.push(table);
        return entry;
    };
    // Versions repeat most definitions, so segments and data types are pooled, and so are their members.
    const members = new Pool();
    const segmentDefs = new Pool();
    const typeDefs = new Pool();
    const pooled = (pool, def) => pool.add({ name: def.name, members: def.members.map((m) => members.add(m)) });
    const segments = {};
    const types = {};
    const hl7Tables = new Set();
    const noteTables = (members) => {
        for (const m of members) if (m[1] === 'ID' && m[2]) hl7Tables.add(m[2]);
    };
    const versions = Object.keys(source.definitions).sort((a, b) => compareHl7v2Versions(a, b));
    for (const version of versions) {
        const definition = source.definitions[version];
        segments[version] = {};
        for (const [id, segment] of Object.entries(definition.segments)) {
            const fields = segment.fields.map(member);
            // The source lists OBX-5 as ST from 2.7 on; the standard keeps it "varies" (its type is OBX-2).
            if (id === 'OBX' && fields[4]) fields[4][1] = 'VARIES';
            noteTables(fields);
            segments[version][id] = pooled(segmentDefs, { name: clean(segment.desc), members: fields });
        }
        segments[version] = sortedObject(Object.entries(segments[version]));
        types[version] = {};
        for (const [id, type] of Object.entries(definition.fields)) {
            const components = (type.subfields ?? []).map(member);
            noteTables(components);
            types[version][id] = pooled(typeDefs, { name: clean(type.desc), members: components });
        }
        types[version] = sortedObject(Object.entries(types[version]));
    }
    const tables = [];
    for (const [number, table] of Object.entries(source.tables)) {
        const id = tableId(number);
        const entry = { name: clean(table.desc) };
        if (hl7Tables.has(id) || CHECKED_USER_TABLES.includes(id)) {
            // 'null', 'Varies' and '...' are placeholders in the source, not codes.
            const codes = Object.keys(table.values ?? {}).map((code) => code.trim()).filter((code) => code.length > 0 && !['null', 'Varies'].includes(code) && !code.includes('...'));
            entry.codes = [...new Set([...codes, ...(SUPPLEMENTARY_CODES[id] ?? [])])].sort(compare);
        }
        tables.push([id, entry]);
    }
    writeData('hl7v2.json', {
        source: `${SOURCES.hl7v2.name} ${SOURCES.hl7v2.version} (${SOURCES.hl7v2.license}); curated by hand: OBX-5 kept VARIES in 2.7+, codes added to tables ${Object.keys(SUPPLEMENTARY_CODES).join(', ')}`,
        versions,
        segments,
        types,
        segmentDefs: segmentDefs.items.map((def) => [def.name, def.members]),
        typeDefs: typeDefs.items.map((def) => [def.name, def.members]),
        members: members.items,
        tables: sortedObject(tables)
    });
}

/** HL7 v2 segment usage code of one field: R or O, then `*` (any number of repetitions) or the maximum, if it repeats. */
function fieldUsage(def) {
    const rep = def.rep === 0 ? '*' : def.rep > 1 ? String(def.rep) : '';
    return (def.opt === 2 ? 'R' : 'O') + rep;
}

/**
 * A message structure in the abstract message syntax of HL7 v2 chapter 2: `MSH [{SFT}] EVN PID [PD1] ...`,
 * `[ ]` optional, `{ }` repeating, a group written `[{ PR1 [{ROL}] }]` around its segments.
 */
function abstractSyntax(segments) {
    return segments.map((segment) => {
        const inner = segment.children ? `${abstractSyntax(segment.children)}` : segment.name;
        const repeating = segment.max !== 1;
        const body = repeating ? `{${segment.children ? ` ${inner} ` : inner}}` : segment.children ? `< ${inner} >` : inner;
        return segment.min === 0 ? `[${body.startsWith('<') ? ` ${inner} ` : body}]` : body;
    }).join(' ');
}

/**
 * Message structures (table 0354 and the structure definitions of each version) and field usage (optionality,
 * repetition), in a file of their own so that completion, hover and the structure rules load them only when asked.
 */
function buildHl7v2Messages() {
    const require = createRequire(import.meta.url);
    const pkg = sourcePackage(SOURCES.hl7v2);
    const source = require(join(pkg, 'lib', 'index.js'));
    const values = (number) => source.tables[number]?.values ?? {};
    const events = sortedObject(Object.entries(values('3')).map(([code, desc]) => [code.trim(), clean(desc).replace(/^[A-Z0-9/]+ - /, '')]));
    const messageTypes = sortedObject(Object.entries(values('76')).map(([code, desc]) => [code.trim(), clean(desc)]));
    // Table 0354: which trigger events share a structure (ADT_A01: A01, A04, A08, A13).
    const structureEvents = new Map(Object.entries(values('354')).map(([code, list]) => [code.trim(), clean(list).split(/\s*,\s*/).filter((e) => /^[A-Z0-9]{3}$/.test(e))]));
    const syntaxes = new Pool();
    const usages = new Pool();
    const versions = {};
    for (const version of Object.keys(source.definitions).sort(compareHl7v2Versions)) {
        const definition = source.definitions[version];
        const structures = [];
        for (const [id, message] of Object.entries(definition.messages ?? {})) {
            // The source has a few misspelt duplicates (OML_021 beside OML_O21 in 2.6): no trigger event starts with a digit.
            if (/_\d/.test(id)) continue;
            const own = /^[A-Z0-9]{3}_([A-Z0-9]{3})$/.exec(id)?.[1];
            const shared = (structureEvents.get(id) ?? []).filter((event) => event === own || !Object.hasOwn(definition.messages, `${id.slice(0, 3)}_${event}`));
            const eventList = [...new Set([...(own ? [own] : []), ...shared])].sort(compare);
            structures.push([id, [clean(message.desc), syntaxes.add(abstractSyntax(message.segments?.segments ?? [])), eventList.join(' ')]]);
        }
        const usage = Object.entries(definition.segments).map(([id, segment]) => [id, usages.add(segment.fields.map(fieldUsage).join(' '))]);
        versions[version] = { structures: sortedObject(structures), usage: sortedObject(usage) };
    }
    writeData('hl7v2-messages.json', {
        source: `${SOURCES.hl7v2.name} ${SOURCES.hl7v2.version} (${SOURCES.hl7v2.license}): message structures, tables 0003, 0076, 0354, field optionality and repetition`,
        messageTypes,
        events,
        versions,
        syntaxes: syntaxes.items,
        usages: usages.items
    });
}

/** Distinct values in first-seen order, each with its index. */
class Pool {
    items = [];
    #index = new Map();
    add(value) {
        const key = JSON.stringify(value);
        let index = this.#index.get(key);
        if (index === undefined) {
            index = this.items.push(value) - 1;
            this.#index.set(key, index);
        }
        return index;
    }
}

// ---------------------------------------------------------------------------------------------------------------
// FHIR
// ---------------------------------------------------------------------------------------------------------------

// Quantity profiles that other elements use as their type (Condition.onsetAge, Dosage.doseQuantity ...).
const ELEMENT_MEMBERS = new Set(['id', 'extension', 'modifierExtension']);
const RESOURCE_MEMBERS = new Set(['id', 'meta', 'implicitRules', 'language', 'text', 'contained', 'extension', 'modifierExtension']);
const QUANTITY_PROFILES = new Set(['Age', 'Count', 'Distance', 'Duration', 'MoneyQuantity', 'SimpleQuantity']);

function buildFhir(source, release) {
    const pkg = sourcePackage(source);
    const files = readdirSync(pkg).sort(compare);
    const read = (file) => JSON.parse(readFileSync(join(pkg, file), 'utf8'));
    const codeSystems = new Map();
    const valueSetDefs = new Map();
    for (const file of files) {
        if (file.startsWith('CodeSystem-')) {
            const cs = read(file);
            codeSystems.set(cs.url, cs);
        } else if (file.startsWith('ValueSet-')) {
            const vs = read(file);
            valueSetDefs.set(vs.url, vs);
        }
    }
    const flatten = (concepts, into) => {
        for (const concept of concepts ?? []) {
            into.push(concept.code);
            flatten(concept.concept, into);
        }
        return into;
    };
    /** The codes of a value set whose compose only lists codes or whole code systems; undefined otherwise. */
    const expand = (url) => {
        const vs = valueSetDefs.get(url.split('|')[0]);
        if (!vs?.compose || vs.compose.exclude) return undefined;
        const codes = [];
        for (const include of vs.compose.include) {
            if (include.filter || include.valueSet || !include.system) return undefined;
            if (include.concept) {
                codes.push(...include.concept.map((c) => c.code));
            } else {
                const cs = codeSystems.get(include.system);
                if (!cs?.concept || cs.content !== 'complete') return undefined;
                flatten(cs.concept, codes);
            }
        }
        return [...new Set(codes)].sort(compare);
    };
    const valueSets = new Map();
    const typeCode = (type) => {
        if (type.code.startsWith('http://hl7.org/fhirpath/System.')) {
            const fhirType = type.extension?.find((e) => e.url === 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type');
            return fhirType?.valueUrl ?? type.code.slice('http://hl7.org/fhirpath/System.'.length).toLowerCase();
        }
        return type.code;
    };
    const resources = [];
    const datatypes = [];
    const cardinalities = [];
    for (const file of files) {
        if (!file.startsWith('StructureDefinition-')) continue;
        const sd = read(file);
        if (sd.abstract) continue;
        const isResource = sd.kind === 'resource' && sd.derivation === 'specialization';
        const isDatatype = sd.kind === 'complex-type' && (sd.derivation === 'specialization' || (sd.derivation === 'constraint' && QUANTITY_PROFILES.has(sd.id)));
        if (!isResource && !isDatatype) continue;
        const name = sd.derivation === 'constraint' ? sd.id : sd.type;
        const root = sd.snapshot.element[0].path;
        const elements = [];
        const cardinalityOf = [];
        for (const element of sd.snapshot.element.slice(1)) {
            const path = element.path.slice(root.length + 1);
            // Every resource has the Resource/DomainResource members and every element has id and extension
            // (backbone elements also modifierExtension): the lookup adds them, so the data leaves them out.
            const last = path.slice(path.lastIndexOf('.') + 1);
            if (path.includes('.') || isDatatype ? ELEMENT_MEMBERS.has(last) : RESOURCE_MEMBERS.has(path)) continue;
            let types;
            if (element.contentReference) {
                types = element.contentReference.replace(/^.*#/, '#').replace(`#${root}.`, '#');
            } else {
                types = [...new Set((element.type ?? []).map(typeCode))].join('|');
            }
            const entry = [path, types, clean(element.short)];
            const binding = element.binding;
            if (binding?.strength === 'required' && binding.valueSet && /^(code|Coding|CodeableConcept)$/.test(types)) {
                const key = binding.valueSet.split('|')[0].replace(/^.*\/ValueSet\//, '');
                if (!valueSets.has(key)) valueSets.set(key, expand(binding.valueSet));
                if (valueSets.get(key)) entry.push(key);
            }
            elements.push(entry);
            // Cardinality other than the common 0..1, for hover, the repetition and required-targets rules.
            const cardinality = `${element.min ?? 0}..${element.max ?? '1'}`;
            if (cardinality !== '0..1') cardinalityOf.push([path, cardinality]);
        }
        const definition = { elements };
        // Bundle, Binary and Parameters are plain Resources: no text, contained or extension.
        if (isResource && !sd.baseDefinition.endsWith('/DomainResource')) definition.domainResource = false;
        (isResource ? resources : datatypes).push([name, definition]);
        cardinalities.push([name, Object.fromEntries(cardinalityOf)]);
    }
    return {
        source: `${source.name} ${source.version} (${source.license})`,
        release,
        resources: sortedObject(resources),
        datatypes: sortedObject(datatypes),
        valueSets: sortedObject([...valueSets].filter(([, codes]) => codes)),
        cardinalities: sortedObject(cardinalities)
    };
}

// ---------------------------------------------------------------------------------------------------------------
// DICOM
// ---------------------------------------------------------------------------------------------------------------

// dcmjs writes the VRs that depend on context in lower case.
const VR_NAMES = { ox: 'OB or OW', xs: 'US or SS', lt: 'US or OW', up: 'UL', na: 'NONE' };

/** `(0010,0020)` → `00100020`; a repeating group `(6000-60FF,3000)` → `60xx3000`. */
function maskedTag(tag) {
    const match = /^\(([0-9A-F]{4})(?:-([0-9A-F]{4}))?,([0-9A-F]{4})(?:-([0-9A-F]{4}))?\)$/.exec(tag);
    if (!match) return undefined;
    const mask = (from, to) => (to ? [...from].map((c, i) => (c === to[i] ? c : 'x')).join('') : from);
    return mask(match[1], match[2]) + mask(match[3], match[4]);
}

async function buildDicom() {
    const pkg = sourcePackage(SOURCES.dicom);
    const { dictionary } = await import(pathToFileURL(join(pkg, 'generate', 'dictionary.mjs')).href);
    const tags = [];
    for (const entry of Object.values(dictionary)) {
        // Standard and retired attributes; private and illegal ones are not part of PS3.6.
        if (!/^(DICOM|CP_|Supplement_)/.test(entry.version) || !entry.name || entry.name.endsWith('undefined')) continue;
        const tag = maskedTag(entry.tag);
        if (!tag) continue;
        const row = [entry.name.replace(/^RETIRED_/, ''), VR_NAMES[entry.vr] ?? entry.vr, entry.vm];
        if (entry.version === 'DICOM/retired' || entry.name.startsWith('RETIRED_')) row.push(1);
        tags.push([tag, row]);
    }
    writeData('dicom.json', {
        source: `${SOURCES.dicom.name} ${SOURCES.dicom.version} (${SOURCES.dicom.license}), generate/dictionary.mjs`,
        tags: sortedObject(tags)
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Code meanings
// ---------------------------------------------------------------------------------------------------------------

/**
 * What each code of the tables and value sets above means, in a file of its own that only completion and hover
 * load: HL7 v2 table values (hl7-dictionary's descriptions, one set of tables for all versions) and, per FHIR
 * release, each required value set code's display (from the value set's own concept list, else its CodeSystem;
 * the definitions would triple the file the bundles embed). Codes without a text in the source are left out.
 */
// The codes added by hand above (SUPPLEMENTARY_CODES) have no text in the source: their names in HL7 table 0125
// (the v2.5 data type names) and 0104 (the release ids). Two of the source's 0104 texts are misspelt ("Release
// 1.5.1" for 2.5.1, "Release 2. 1"); these replace them.
const SUPPLEMENTARY_MEANINGS = {
    '0104': Object.fromEntries([...SUPPLEMENTARY_CODES['0104'], '2.1', '2.5.1'].map((version) => [version, `Release ${version}`])),
    '0125': { CE: 'Coded Element', CNE: 'Coded with No Exceptions', ID: 'Coded Value for HL7 Defined Tables', TS: 'Time Stamp' }
};

function buildCodeMeanings() {
    const hl7v2Data = JSON.parse(readFileSync(join(outDir, 'hl7v2.json'), 'utf8'));
    const require = createRequire(import.meta.url);
    const source = require(join(sourcePackage(SOURCES.hl7v2), 'lib', 'index.js'));
    const hl7v2 = [];
    for (const [number, table] of Object.entries(source.tables)) {
        const id = String(number).padStart(4, '0');
        const listed = new Set(hl7v2Data.tables[id]?.codes ?? []);
        const meanings = [...Object.entries(table.values ?? {}), ...Object.entries(SUPPLEMENTARY_MEANINGS[id] ?? {})]
            .map(([code, text]) => [code.trim(), clean(text)])
            .filter(([code, text]) => listed.has(code) && text.length > 0);
        if (meanings.length > 0) hl7v2.push([id, sortedObject(meanings)]);
    }
    const fhir = (pkgSource, data) => {
        const pkg = sourcePackage(pkgSource);
        const read = (file) => JSON.parse(readFileSync(join(pkg, file), 'utf8'));
        const codeSystems = new Map();
        const valueSetDefs = new Map();
        for (const file of readdirSync(pkg).sort(compare)) {
            if (file.startsWith('CodeSystem-')) {
                const cs = read(file);
                codeSystems.set(cs.url, cs);
            } else if (file.startsWith('ValueSet-')) {
                const vs = read(file);
                valueSetDefs.set(vs.url.replace(/^.*\/ValueSet\//, ''), vs);
            }
        }
        const conceptsOf = (concepts, into = new Map()) => {
            for (const concept of concepts ?? []) {
                into.set(concept.code, concept);
                conceptsOf(concept.concept, into);
            }
            return into;
        };
        const valueSets = [];
        for (const [key, codes] of Object.entries(data.valueSets)) {
            const vs = valueSetDefs.get(key);
            const known = new Map();
            for (const include of vs?.compose?.include ?? []) {
                const system = conceptsOf(codeSystems.get(include.system)?.concept);
                for (const concept of include.concept ?? []) known.set(concept.code, { ...system.get(concept.code), ...concept });
                if (!include.concept) for (const [code, concept] of system) known.set(code, concept);
            }
            const meanings = codes.map((code) => [code, clean(known.get(code)?.display)]).filter(([, display]) => display.length > 0);
            if (meanings.length > 0) valueSets.push([key, sortedObject(meanings)]);
        }
        return sortedObject(valueSets);
    };
    const fhirData = (file) => JSON.parse(readFileSync(join(outDir, file), 'utf8'));
    writeData('code-meanings.json', {
        source: `${SOURCES.hl7v2.name} ${SOURCES.hl7v2.version} (${SOURCES.hl7v2.license}) table values, with names added by hand for the codes added to tables ${Object.keys(SUPPLEMENTARY_MEANINGS).join(', ')}; ${SOURCES.fhirR4.name} ${SOURCES.fhirR4.version} and ${SOURCES.fhirR5.name} ${SOURCES.fhirR5.version} (${SOURCES.fhirR4.license}) code displays`,
        hl7v2: sortedObject(hl7v2),
        fhir: { R4: fhir(SOURCES.fhirR4, fhirData('fhir-r4.json')), R5: fhir(SOURCES.fhirR5, fhirData('fhir-r5.json')) }
    });
}

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--') && arg !== process.argv[sourcesArg + 1]);
if (only.length === 0 || only.includes('hl7v2')) {
    buildHl7v2();
    buildHl7v2Messages();
}
if (only.length === 0 || only.includes('fhir')) {
    // FHIR R4 4.0.1 itself is not on the npm registry; R4B has the same definitions for the clinical resources.
    // Cardinalities go to a file of their own, loaded only by completion, hover and the rules that need them.
    const split = ({ cardinalities, ...definitions }, release) => {
        writeData(`fhir-${release}-cardinality.json`, { source: definitions.source, release: definitions.release, cardinalities });
        return definitions;
    };
    writeData('fhir-r4.json', { ...split(buildFhir(SOURCES.fhirR4, 'R4'), 'r4'), note: 'R4B (4.3.0) definitions stand in for R4 (4.0.1)' });
    writeData('fhir-r5.json', split(buildFhir(SOURCES.fhirR5, 'R5'), 'r5'));
}
if (only.length === 0 || only.includes('dicom')) await buildDicom();
if (only.length === 0 || only.includes('meanings')) buildCodeMeanings();

import { AstUtils } from 'langium';
import { isCodeTable, isInterface, isMapping, isMonitor, isSystem, type CodeTable, type Interface, type Mapping, type Standard } from '../generated/ast.js';
import { firstHl7v2VersionWith } from '../dictionaries/hl7v2-first-version.js';
import { hl7v2VersionStatus, type FieldLookup } from '../dictionaries/index.js';
import { interfaceStandard, lookupMappedField, mappingKind } from './field-kinds.js';
import { carriesPhi, descendantsOfType, isPlaceholder, listText, refName, type RuleCheck, type RuleContext } from './rule-context.js';

/** Accepted version forms per standard (names compared case-insensitively). */
const VERSION_FORMS: Record<string, { pattern: RegExp, example: string }> = {
    hl7v2: { pattern: /^2\.[1-9](\.\d+)?$/, example: 'HL7v2 "2.5.1"' },
    fhir: { pattern: /^(DSTU2|STU3|R4|R4B|R5|R6|[1-6]\.\d+\.\d+)$/i, example: 'FHIR R4' },
    dicom: { pattern: /^(\d{4}[a-e]|3\.0|3)$/i, example: 'DICOM "2024b"' }
};
/** Names that mean a family, not a standard one can test against. */
const VAGUE_STANDARDS = new Set(['hl7', 'hl7v3', 'api', 'interface', 'custom', 'proprietary']);
/** Standards without versions of their own. */
const UNVERSIONED_STANDARDS = new Set(['file', 'barcode', 'csv']);

const standardVersion: RuleCheck = {
    id: 'standard-version',
    check({ model, report }) {
        for (const node of model.elements.filter(isInterface)) {
            const standard = node.standard;
            if (!standard) {
                report(node, `Interface '${node.name}' declares no standard; write \`standard HL7v2 "2.5.1"\`, \`standard FHIR R4\`, \`standard DICOM "2024b"\` or \`standard REST openapi "<file>"\`.`, {
                    property: 'name'
                });
                continue;
            }
            const name = standard.name.toLowerCase();
            const version = standard.version === undefined ? undefined : String(standard.version);
            if (VAGUE_STANDARDS.has(name)) {
                report(standard, `'${standard.name}' is a family, not a testable standard; say which one and pin its version, e.g. \`standard HL7v2 "2.5.1"\` or \`standard FHIR R4\`.`);
            } else if (name === 'rest') {
                if (isPlaceholder(standard.openapi)) {
                    report(standard, 'A REST interface pins its contract: write `standard REST openapi "<path or URL of the OpenAPI document>"`.', {
                        fix: standard.openapi === undefined ? { title: 'Add an OpenAPI reference placeholder', target: standard, inline: ' openapi "TODO"' } : undefined
                    });
                }
            } else if (!UNVERSIONED_STANDARDS.has(name)) {
                const form = VERSION_FORMS[name];
                if (version === undefined || isPlaceholder(version)) {
                    report(standard, `Standard '${standard.name}' is not pinned to a version; write e.g. \`standard ${form?.example ?? `${standard.name} "<version>"`}\`.`, {
                        fix: version === undefined ? { title: 'Add a version placeholder', target: standard, inline: ' "TODO"' } : undefined
                    });
                } else {
                    checkVersion(standard, 'version', version, form, report);
                }
                if (standard.targetVersion !== undefined) {
                    checkVersion(standard, 'targetVersion', String(standard.targetVersion), form, report);
                }
            }
        }
    }
};

/** A pinned version has the standard's form and, for HL7 v2, is a released one (HL7 table 0104): `2.9.9` is not. */
function checkVersion(standard: Standard, property: 'version' | 'targetVersion', version: string, form: { pattern: RegExp, example: string } | undefined,
    report: RuleContext['report']): void {
    if (isPlaceholder(version)) {
        report(standard, `The receiver's version of '${standard.name}' is a placeholder; write it, e.g. \`standard ${form?.example ?? standard.name} -> "<version>"\`.`, { property });
    } else if (form && !form.pattern.test(version)) {
        report(standard, `'${version}' is not a ${standard.name} version; write e.g. \`standard ${form.example}\`.`, { property });
    } else if (standard.name.toLowerCase() === 'hl7v2' && hl7v2VersionStatus(version)?.status === 'unknown') {
        report(standard, `'${version}' is not a released HL7 v2 version (HL7 table 0104 lists 2.1 to 2.9, and 2.9.1 followed); write e.g. \`standard ${form?.example}\`.`, { property });
    }
}

function mappingsOf(node: Interface): Mapping[] {
    return node.messages.flatMap(message => message.mappings);
}

const patientIdentity: RuleCheck = {
    id: 'patient-identity',
    check({ model, workspace, report }) {
        for (const node of model.elements.filter(isInterface)) {
            const identifiers = mappingsOf(node).filter(m => m.authority !== undefined || mappingKind(m) === 'identifier');
            for (const mapping of identifiers) {
                if (isPlaceholder(mapping.authority)) {
                    report(mapping, `Identifier ${mapping.source} is mapped without its assigning authority; add \`identifier authority "<MRN, national id, …>"\`.`, {
                        property: 'source',
                        fix: mapping.authority === undefined ? { title: 'Add an identifier authority placeholder', target: mapping, inline: ' identifier authority "TODO"' } : undefined
                    });
                }
            }
            if (carriesPhi(node, workspace) && !identifiers.some(m => !isPlaceholder(m.authority))) {
                report(node, `Interface '${node.name}' carries patient data but maps no patient identifier with its assigning authority; add a mapping such as \`PID-3 -> Patient.identifier identifier authority "MRN"\`.`, {
                    property: 'name'
                });
            }
        }
    }
};

const units: RuleCheck = {
    id: 'units',
    check({ model, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            const declared = mapping.units;
            if (!declared) {
                if (mappingKind(mapping) === 'quantity') {
                    report(mapping, `${mapping.source} is a quantity mapped without units; add \`units "<UCUM unit>"\` (and \`-> "<target unit>" factor <n>\` if the receiver uses another unit).`, {
                        property: 'source',
                        fix: { title: 'Add a units placeholder', target: mapping, inline: ' units "TODO"' }
                    });
                }
                continue;
            }
            if (isPlaceholder(declared.source) || (declared.target !== undefined && isPlaceholder(declared.target))) {
                report(declared, `The units of ${mapping.source} are a placeholder; write the real unit (e.g. \`units "mg/dL"\`).`);
            } else if (declared.target !== undefined && declared.target !== declared.source && declared.factor === undefined && isPlaceholder(declared.conversion)) {
                report(declared, `${mapping.source} is sent in ${declared.source} and received in ${declared.target} without a conversion; add \`factor <n>\` or \`convert "<rule>"\`.`);
            }
        }
    }
};

/**
 * Whether a `timezone` text names a zone: an IANA name somewhere in it ("America/Chicago, kept as acquired"),
 * UTC, or an explicit offset carried in the value. "local time" alone does not.
 */
function namesTimeZone(text: string): boolean {
    if (/\b(UTC|GMT|offset)\b/i.test(text)) {
        return true;
    }
    return text.split(/[\s,;:()]+/).some(token => token.length > 0 && isIanaZone(token));
}

/** Zone names already tried: building an Intl.DateTimeFormat costs tens of microseconds, and specs repeat zones. */
const ianaZoneCache = new Map<string, boolean>();

function isIanaZone(zone: string): boolean {
    let known = ianaZoneCache.get(zone);
    if (known === undefined) {
        try {
            new Intl.DateTimeFormat('en', { timeZone: zone });
            known = true;
        } catch {
            known = false;
        }
        if (ianaZoneCache.size > 10_000) {
            ianaZoneCache.clear(); // notes are free text: keep a long-running server's memory bounded
        }
        ianaZoneCache.set(zone, known);
    }
    return known;
}

const timestamps: RuleCheck = {
    id: 'timestamps',
    check({ model, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            if (mapping.timezone !== undefined) {
                if (isPlaceholder(mapping.timezone) || !namesTimeZone(mapping.timezone)) {
                    report(mapping, `'${mapping.timezone}' names no time zone; write an IANA zone, e.g. \`timezone "Europe/Berlin"\`, \`timezone "UTC"\`, or say the offset is carried in the value.`, { property: 'timezone' });
                }
            } else if (mapping.clock !== undefined) {
                if (isPlaceholder(mapping.clock)) {
                    report(mapping, 'Name the clock source, e.g. `clock "NTP-synchronised analyser clock"`.', { property: 'clock' });
                }
            } else if (mappingKind(mapping) === 'timestamp') {
                report(mapping, `Timestamp ${mapping.source} is mapped without a time zone or clock source; add \`timezone "<IANA zone>"\` (or \`clock "<source>"\`).`, {
                    property: 'source',
                    fix: { title: 'Add a time zone placeholder', target: mapping, inline: ' timezone "TODO"' }
                });
            }
        }
    }
};

const codedValues: RuleCheck = {
    id: 'coded-values',
    check({ model, report }) {
        for (const table of model.elements.filter(isCodeTable)) {
            checkCodeTable(table, report);
        }
        for (const mapping of descendantsOfType(model, isMapping)) {
            const map = mapping.codes;
            if (mapping.table) {
                continue; // a governed code table holds the codes; its own governance is checked on the table
            }
            if (!map) {
                // A unit field whose mapping declares its unit system (`units UCUM`) is handled by the units.
                if (mappingKind(mapping) === 'code' && !mapping.units) {
                    report(mapping, `${mapping.source} is a coded field mapped without a code map; add \`codes { <source> -> <target>, … } receives <codes the sender sends>\`, or \`codes table <code table>\` for a catalogue.`, {
                        property: 'source'
                    });
                }
                continue;
            }
            const mapped = new Set(map.entries.map(entry => String(entry.source)));
            const unmapped = map.receives.map(String).filter(code => !mapped.has(code));
            if (unmapped.length > 0) {
                report(map, `${mapping.source} can receive ${listText(unmapped)} but the code map does not map ${unmapped.length > 1 ? 'them' : 'it'}; add \`${unmapped[0]} -> <target code>\`.`, {
                    keyword: 'receives',
                    fix: { title: `Add code map entries for ${listText(unmapped)}`, target: map, beforeClose: `${map.entries.length > 0 ? ', ' : ''}${unmapped.map(code => `${code} -> TODO`).join(', ')} ` }
                });
            } else if (map.receives.length === 0 && map.entries.length > 0) {
                report(map, `The code map of ${mapping.source} does not say which codes the sender sends; add \`receives <code>, …\` so unmapped codes are caught.`, { property: 'entries', index: 0 });
            }
            map.entries.forEach((entry, index) => {
                if (isPlaceholder(String(entry.target))) {
                    report(map, `Code ${entry.source} is mapped to a placeholder; write the target code.`, { property: 'entries', index });
                }
            });
        }
    }
};

/**
 * A code table is governed: someone owns it, one system is its source of truth, and a version (or date) says which
 * edition the interfaces were tested against, so that a catalogue update is a change, not a surprise.
 */
function checkCodeTable(table: CodeTable, report: RuleContext['report']): void {
    const missing: string[] = [];
    const lines: string[] = [];
    if (table.owners.length === 0) {
        missing.push('an owner (`owner <team or role>`)');
        lines.push('owner TODO_OWNER');
    }
    if (table.source === undefined) {
        missing.push('its source system (`source <system>`)');
        lines.push('source TODO_SYSTEM');
    }
    if (isPlaceholder(table.version === undefined ? undefined : String(table.version))) {
        missing.push('a version or date (`version "2026-03"`)');
        if (table.version === undefined) lines.push('version "TODO"');
    }
    if (missing.length > 0) {
        report(table, `Code table '${table.name}' lacks ${listText(missing)}; a governed code table says who maintains it, where it comes from and which edition the interfaces use.`, {
            property: 'name',
            fix: lines.length > 0 ? { title: 'Add the missing governance placeholders', target: table, lines } : undefined
        });
    }
}

/**
 * Mapped paths exist in the standard's published definition (HL7 v2 fields, FHIR elements, DICOM tags), in the
 * version the interface declares. A path both sides name (`TQ1-9 -> TQ1-9`) is reported once.
 */
const knownFields: RuleCheck = {
    id: 'known-fields',
    check({ model, report }) {
        for (const mapping of descendantsOfType(model, isMapping)) {
            let reported: string | undefined;
            for (const side of ['source', 'target'] as const) {
                const lookup = lookupMappedField(mapping, side);
                if (lookup?.result.status !== 'unknown') {
                    continue;
                }
                const key = `${lookup.standard}\u0000${lookup.version ?? ''}\u0000${lookup.path}`;
                if (key === reported) {
                    continue;
                }
                reported = key;
                const { message, severity } = unknownFieldMessage(lookup.standard, lookup.path, lookup.version, lookup.result, side);
                const suggestion = lookup.result.suggestion;
                // A source field the declared version lacks but a later one has (TQ1-9 in v2.3.1): offer that version.
                const gated = !suggestion ? versionGatedField(mapping, side) : undefined;
                report(mapping, message, {
                    property: side,
                    severity,
                    fix: suggestion ? { title: `Replace with '${suggestion}'`, target: mapping, replace: { property: side, text: suggestion } }
                        : gated ? { title: `Declare HL7v2 "${gated.first}" (the first version with ${lookup.path})`, target: gated.standard, replace: { property: 'version', text: `"${gated.first}"` } }
                        : undefined
                });
            }
        }
    }
};

/** The interface's declared HL7 v2 version and the first version with a source field it lacks, if one has it. */
function versionGatedField(mapping: Mapping, side: 'source' | 'target') {
    const node = AstUtils.getContainerOfType(mapping, isInterface);
    const declared = interfaceStandard(node);
    const path = mapping[side];
    if (side !== 'source' || declared?.standard !== 'HL7v2' || !declared.version || !node?.standard?.version || !path) return undefined;
    const first = firstHl7v2VersionWith(path, declared.version);
    return first ? { declared: declared.version, first, standard: node.standard } : undefined;
}

type UnknownLookup = Extract<FieldLookup, { status: 'unknown' }>;

/**
 * Why a path is not in the dictionary. HL7 v2 says in which published versions the path (or its segment) exists;
 * a version newer than the dictionary's newest is checked against that newest and only warned about, since the
 * newer version may have added the field.
 */
function unknownFieldMessage(standard: string, path: string, version: string | undefined, result: UnknownLookup, side: 'source' | 'target'): { message: string, severity?: 'warning' } {
    const didYouMean = result.suggestion ? `; did you mean '${result.suggestion}'?` : '';
    const status = standard === 'HL7v2' && version !== undefined ? hl7v2VersionStatus(version) : undefined;
    if (status?.status === 'newer') {
        return {
            message: `'${path}' is not in HL7 v${status.newest}, the newest version the field dictionary holds; check it against HL7 v${(version ?? '').replace(/^v/i, '')} by hand${didYouMean || '.'}`,
            severity: 'warning'
        };
    }
    const elsewhere = result.elsewhere;
    if (standard === 'HL7v2' && elsewhere && result.version) {
        const here = result.version;
        const segment = path.replace(/^(\w+)-.*$/, '$1').toUpperCase();
        const later = (versions: string[]) => versions.find(v => compareVersionText(v, here) > 0);
        let where: string;
        let from: string | undefined;
        if (!elsewhere.segmentVersions.includes(here)) {
            from = later(elsewhere.segmentVersions);
            where = from ? `the ${segment} segment exists from v${from}` : `the ${segment} segment is in ${rangeText(elsewhere.segmentVersions)} only`;
        } else {
            from = later(elsewhere.versions);
            where = from ? `it exists from v${from}` : `it is in ${rangeText(elsewhere.versions)} only`;
        }
        // A receiver on a later version is declared on the interface, so that its fields are checked in it.
        const hint = side === 'target' && from ? ` If the receiver speaks a later version, declare it: \`standard HL7v2 ${here} -> ${from}\`.` : '';
        return { message: `${path} is not in HL7 v${here}; ${where}${didYouMean || '.'}${hint}` };
    }
    return { message: `'${path}' is not a field of ${standard}${didYouMean || '; check the field against the standard.'}` };
}

function rangeText(versions: string[]): string {
    return versions.length === 1 ? `v${versions[0]}` : `v${versions[0]} to v${versions[versions.length - 1]}`;
}

function compareVersionText(a: string, b: string): number {
    const x = a.split('.').map(Number), y = b.split('.').map(Number);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const difference = (x[i] ?? 0) - (y[i] ?? 0);
        if (difference !== 0) return difference;
    }
    return 0;
}

/** Names and codes several sites share must be spelled one way: the master-data problem of multi-site rollouts. */
const masterData: RuleCheck = {
    id: 'master-data',
    check({ model, workspace, report }) {
        // The same device model carries the same name everywhere.
        const deviceNames = new Map<string, { name: string, site: string }>();
        for (const site of workspace.sites) {
            for (const device of site.baseline?.devices ?? []) {
                if (isPlaceholder(device.model)) {
                    continue;
                }
                const key = device.model!.trim().toLowerCase();
                const first = deviceNames.get(key);
                if (!first) {
                    deviceNames.set(key, { name: device.name, site: site.name });
                } else if (first.name !== device.name && AstUtils.getDocument(device) === AstUtils.getDocument(model)) {
                    report(device, `Device model "${device.model}" is called '${first.name}' at site ${first.site} but '${device.name}' here; use one name for it at every site.`, { property: 'name' });
                }
            }
        }
        // One spelling per identifier authority, and one target code per source code of a field sent to one system.
        const authorities = new Map<string, string>();
        const codeTargets = new Map<string, { target: string, where: string }>();
        const sharedTables = governingTables(workspace.interfaces);
        for (const node of workspace.interfaces) {
            for (const mapping of mappingsOf(node)) {
                const here = AstUtils.getDocument(mapping) === AstUtils.getDocument(model);
                if (mapping.authority !== undefined && !isPlaceholder(mapping.authority)) {
                    const key = mapping.authority.toLowerCase().replace(/[^a-z0-9]/g, '');
                    const first = authorities.get(key);
                    if (first === undefined) {
                        authorities.set(key, mapping.authority);
                    } else if (first !== mapping.authority && here) {
                        report(mapping, `Identifier authority "${mapping.authority}" is spelled "${first}" elsewhere; use one spelling so identifiers match across interfaces.`, { property: 'authority' });
                    }
                }
                if (here) {
                    checkSharedTable(node, mapping, sharedTables, workspace, report);
                }
                mapping.codes?.entries.forEach((entry, index) => {
                    const key = `${refName(node.target)}\u0000${mapping.source}\u0000${mapping.target}\u0000${String(entry.source)}`;
                    const first = codeTargets.get(key);
                    if (!first) {
                        codeTargets.set(key, { target: String(entry.target), where: node.name });
                    } else if (first.target !== String(entry.target) && here && !isPlaceholder(String(entry.target))) {
                        report(mapping.codes!, `Code ${entry.source} of ${mapping.source} -> ${mapping.target} maps to '${entry.target}' here but to '${first.target}' in ${first.where}; declare the meaning once and map it the same way.`, {
                            property: 'entries', index
                        });
                    }
                });
            }
        }
    }
};

/** The receiving system and field whose codes a mapping writes: several sites' interfaces share it. */
function receivingField(node: Interface, mapping: Mapping): string {
    return `${refName(node.target)}\u0000${mapping.target}`;
}

/** The first code table that governs each receiving field, with the interface that references it. */
function governingTables(interfaces: Interface[]): Map<string, { table: string, where: string }> {
    const tables = new Map<string, { table: string, where: string }>();
    for (const node of interfaces) {
        for (const mapping of mappingsOf(node)) {
            const table = refName(mapping.table);
            const key = receivingField(node, mapping);
            if (table && !tables.has(key)) {
                tables.set(key, { table, where: node.name });
            }
        }
    }
    return tables;
}

/**
 * Codes several sites share come from one code table: a field that one interface fills from a code table is filled
 * from the same table elsewhere, and a code map into it maps to codes the table holds (where it lists them).
 */
function checkSharedTable(node: Interface, mapping: Mapping, tables: Map<string, { table: string, where: string }>,
    workspace: RuleContext['workspace'], report: RuleContext['report']): void {
    const governing = tables.get(receivingField(node, mapping));
    if (!governing) {
        return;
    }
    const own = refName(mapping.table);
    if (own !== undefined && own !== governing.table) {
        report(mapping, `${mapping.target} at ${refName(node.target)} takes its codes from code table '${governing.table}' in ${governing.where} but from '${own}' here; use one table for the codes the sites share.`, { property: 'table' });
        return;
    }
    const table = workspace.find(governing.table, isCodeTable);
    if (!table || table.codes.length === 0 || !mapping.codes) {
        return;
    }
    const known = new Set(table.codes.map(String));
    mapping.codes.entries.forEach((entry, index) => {
        const target = String(entry.target);
        if (!known.has(target) && !isPlaceholder(target)) {
            report(mapping.codes!, `Code ${entry.source} maps to '${target}', which is not in code table '${table.name}' (the codes of ${mapping.target} at ${refName(node.target)}, used in ${governing.where}).`, {
                property: 'entries', index
            });
        }
    });
}

const alertRouting: RuleCheck = {
    id: 'alert-routing',
    check({ model, report }) {
        for (const monitor of descendantsOfType(model, isMonitor)) {
            if (monitor.alertsTo.length === 0) {
                const owner = interfaceName(monitor.$container);
                report(monitor, `The alerts of ${owner} reach nobody; add \`alerts to <team or role>\`: the operational owner who acts on them.`, {
                    keyword: 'monitor',
                    fix: { title: 'Add an alert recipient placeholder', target: monitor, lines: ['alerts to TODO_OWNER'] }
                });
            }
        }
        for (const system of model.elements.filter(isSystem)) {
            if (system.medicalDevice && system.alertsTo.length === 0) {
                report(system, `Device alerts of '${system.name}' reach nobody; add \`alerts to <team or role>\`.`, {
                    property: 'name',
                    fix: { title: 'Add an alert recipient placeholder', target: system, lines: ['alerts to TODO_OWNER'] }
                });
            }
        }
    }
};

function interfaceName(node: unknown): string {
    return isInterface(node) ? `interface '${node.name}'` : 'this monitor';
}

export const interoperabilityRules: RuleCheck[] = [standardVersion, patientIdentity, units, timestamps, codedValues, knownFields, masterData, alertRouting];

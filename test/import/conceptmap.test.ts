import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ImportError, writeDraft, type Draft, type DraftMapping } from '../../language-server/import/index.js';
import { readConceptMapFiles, placeholderPaths } from '../../language-server/import/import-conceptmap.js';
import { v2Table } from '../../language-server/import/conceptmap/read-concept-maps.js';
import { REPO } from '../cli/run-cli.js';
import { assertDraftSound } from './draft-soundness.js';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'import', 'conceptmap');
const R4_REAL = 'ConceptMap-table-hl70085-to-observation-status.json';
const R5 = 'abnormal-flags-r5.json';
const BUNDLE = 'specimen-maps-bundle.json';

function fixture(name: string): { name: string; content: Uint8Array } {
    return { name, content: readFileSync(path.join(FIXTURES, name)) };
}

interface JsonTarget { code?: string; equivalence?: string; relationship?: string }
interface JsonElement { code: string; target?: JsonTarget[]; noMap?: boolean }
interface JsonMap { resourceType: string; group: Array<{ element: JsonElement[] }> }

/** The ConceptMaps of a fixture, read with JSON.parse: the counts the draft must carry. */
function jsonMaps(name: string): JsonMap[] {
    const json = JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as JsonMap & { entry?: Array<{ resource: JsonMap }> };
    return json.resourceType === 'Bundle' ? json.entry!.map(entry => entry.resource).filter(resource => resource.resourceType === 'ConceptMap') : [json];
}

const MATCHED = new Set(['equivalent', 'equal', 'relatedto', 'wider', 'subsumes', 'narrower', 'specializes', 'inexact', 'related-to', 'source-is-narrower-than-target', 'source-is-broader-than-target']);

function mappings(draft: Draft): DraftMapping[] {
    return draft.interfaces.flatMap(i => i.messages.flatMap(m => m.mappings));
}

function importError(read: () => unknown): ImportError {
    try {
        read();
    } catch (error) {
        assert.ok(error instanceof ImportError, `an ImportError, not ${String(error)}`);
        return error;
    }
    assert.fail('expected an ImportError');
}

describe('import conceptmap: FHIR ConceptMaps as code maps', function () {
    this.timeout(300000);

    for (const name of [R4_REAL, R5, BUNDLE]) {
        it(`carries every code of ${name}: matched pairs as entries, the rest as TODOs, every source code in receives`, async () => {
            const draft = readConceptMapFiles([fixture(name)], {});
            const files = writeDraft(draft);
            await assertDraftSound(files);
            const groups = jsonMaps(name).flatMap(map => map.group);
            const written = mappings(draft);
            assert.equal(written.length, groups.length, 'one mapping per group');
            assert.deepEqual(draft.interfaces.map(i => i.name), jsonMaps(name).map(map => (map as unknown as { name: string }).name.replace(/_/g, '')), 'one interface per ConceptMap, named after it');
            for (const draftInterface of draft.interfaces) {
                draftInterface.messages[0].mappings.forEach((mapping, index) => assert.deepEqual([mapping.source, mapping.target], [placeholderPaths(index + 1).source, placeholderPaths(index + 1).target], 'placeholder paths, numbered per interface'));
            }
            groups.forEach((group, index) => {
                const mapping = written[index];
                const matched = group.element.filter(element => (element.target ?? []).some(target => target.code && MATCHED.has(target.equivalence ?? target.relationship ?? '')));
                assert.deepEqual((mapping.codes ?? []).map(code => code.source), matched.map(element => element.code), 'each matched code is an entry');
                assert.deepEqual(mapping.receives, [...new Set(group.element.map(element => element.code))], 'receives lists every source code');
                const unmatched = group.element.filter(element => !matched.includes(element));
                for (const element of unmatched) {
                    assert.ok(mapping.todos!.some(todo => todo.text.startsWith(`code ${element.code} `) || todo.text.startsWith(`code ${element.code}:`)), `a TODO for ${element.code}`);
                }
                const approximate = group.element.flatMap(element => {
                    const first = (element.target ?? []).find(target => target.code && MATCHED.has(target.equivalence ?? target.relationship ?? ''));
                    const relation = first?.equivalence ?? first?.relationship;
                    return first && relation !== 'equivalent' && relation !== 'equal' ? [`${element.code} -> ${first.code}: ${relation}`] : [];
                });
                for (const note of approximate) assert.ok(mapping.notes!.some(n => n.startsWith(note)), `a note "${note}"`);
            });
        });
    }

    it('uses --columns source/target as the mapping\'s paths, reads R4 unmatched codes as TODOs and HL7 v2 table 0085 as an HL7v2 interface', async () => {
        const draft = readConceptMapFiles([fixture(R4_REAL)], { columns: { source: 'obx.11', target: 'Observation.status' }, from: 'LIS', to: 'EHR' });
        const files = writeDraft(draft);
        await assertDraftSound(files);
        const text = files[0].text;
        assert.match(text, /^interface TableHL70085Map \{\n {4}from LIS to EHR\n {4}standard HL7v2$/m);
        assert.match(text, /OBX-11 -> Observation\.status codes \{\n\s+A -> ammended,\n\s+C -> corrected,/);
        assert.match(text, /\} receives A, B, C, D, F, I, N, O, P, R, S, V, X, U, W$/m);
        assert.match(text, /\/\/ TODO \(ConceptMap-table-hl70085-to-observation-status\.json:39 ConceptMap\.group\[0\]\.element\[1\]\): code B \(Appended\): no target, unmatched/);
        assert.doesNotMatch(text, /PLACEHOLDER/);
        assert.match(text, /FHIR R4: HL70085 -> http:\/\/hl7\.org\/fhir\/observation-status/);
    });

    it('reads R5: relationships as notes, noMap as a TODO, group.unmapped as the map\'s default, one target per code', () => {
        const draft = readConceptMapFiles([fixture(R5)], {});
        const [flags, local] = mappings(draft);
        assert.ok(flags.notes!.includes('A -> A: source-is-narrower-than-target (the source is narrower than the target)'));
        assert.ok(flags.notes!.includes('> -> >: source-is-broader-than-target (the source is broader than the target)'));
        assert.ok(flags.notes!.includes('unmapped codes: become N (Normal) (unmapped mode fixed)'));
        assert.ok(flags.todos!.some(todo => /^code null \(No range defined\): the map says noMap/.test(todo.text)));
        assert.ok(flags.todos!.some(todo => /^code S \(Susceptible\) also maps to SDD .* \(kept S -> S\)$/.test(todo.text)));
        assert.ok(flags.todos!.some(todo => /HL7 v2 table 0078/.test(todo.text)), 'the placeholder TODO names the v2 table');
        assert.ok(local.notes!.includes('unmapped codes: looked up in https://example.org/fhir/ConceptMap/lis-flags-fallback (unmapped mode other-map)'));
        assert.ok(!local.todos!.some(todo => /table/.test(todo.text)), 'a group whose own source is no v2 table names none');
        assert.match(draft.interfaces[0].notes![0], /FHIR R5: http:\/\/terminology\.hl7\.org\/ValueSet\/v2-0078 -> /);
    });

    it('merges every map into one code map with --interface and --columns, and keeps what a Bundle holds besides ConceptMaps as a TODO', async () => {
        const draft = readConceptMapFiles([fixture(BUNDLE)], { interfaceName: 'LabCodes', columns: { source: 'SPM-4', target: 'Specimen.type' } });
        const files = writeDraft(draft);
        await assertDraftSound(files);
        assert.equal(draft.interfaces.length, 1);
        const [mapping] = mappings(draft);
        assert.equal(mapping.codes!.length, 7 + 4, 'the specimen pairs and the priority pairs');
        assert.deepEqual(mapping.receives, ['BLD', 'SER', 'PLAS', 'UR', 'CSF', 'SAL', 'STL', 'TISS', 'GAS', 'XXX', 'S', 'A', 'R', 'P']);
        const both = readConceptMapFiles([fixture(R4_REAL), fixture(R5)], { interfaceName: 'Status', columns: { source: 'OBX-8', target: 'Observation.interpretation' } });
        const [merged] = mappings(both);
        assert.ok(merged.todos!.some(todo => /^code A \(Abnormal\) also maps to A .*\(kept A -> ammended\)$/.test(todo.text)), 'a source code in two maps keeps its first target');
        await assertDraftSound(writeDraft(both));
        assert.match(files[0].text, /^\/\/ TODO \(specimen-maps-bundle\.json:40 Bundle\.entry\[1\]\.resource\): ValueSet\/lis-specimen-type is not a ConceptMap: not imported$/m);
    });

    it('gives one ImportError with line and column for JSON that does not parse or is no ConceptMap', () => {
        const text = readFileSync(path.join(FIXTURES, 'malformed.json'), 'utf8');
        const line = text.split('\n').findIndex(l => l.includes('"target"'));
        const error = importError(() => readConceptMapFiles([fixture('malformed.json')], {}));
        assert.deepEqual([error.file, error.line, error.column], ['malformed.json', line + 1, text.split('\n')[line].indexOf('"target"') + 1]);
        assert.match(error.message, /CommaExpected/);
        const valueSet = importError(() => readConceptMapFiles([{ name: 'vs.json', content: Buffer.from('{\n  "resourceType": "ValueSet"\n}\n') }], {}));
        assert.equal(valueSet.located, 'vs.json:2:19: not a FHIR ConceptMap: the file holds a ValueSet (interspec import conceptmap reads a ConceptMap, or a Bundle of ConceptMaps, as JSON)');
        assert.match(importError(() => readConceptMapFiles([fixture(R4_REAL)], { columns: { source: 'OBX-11' } })).message, /give both source=<field> and target=<element>/);
        assert.match(importError(() => readConceptMapFiles([fixture(R4_REAL)], { columns: { source: 'OBX 11 status', target: 'Observation.status' } })).message, /source=OBX 11 status: not a field path/);
    });

    it('keeps dependsOn and product as TODOs, a target repeated in a second group once, and says XML is not read', async () => {
        const map = {
            resourceType: 'ConceptMap', name: 'ValueTypes', status: 'active',
            group: [
                { source: 'http://terminology.hl7.org/CodeSystem/v2-0125', sourceVersion: '2.9', target: 'http://hl7.org/fhir/data-types', element: [
                    { code: 'SN', target: [
                        { code: 'Range', equivalence: 'equivalent', dependsOn: [{ property: 'OBX-5.3', value: '-' }] },
                        { code: 'Ratio', equivalence: 'equivalent', dependsOn: [{ property: 'OBX-5.3', value: ':' }] }
                    ] },
                    { code: 'NM', target: [{ code: 'Quantity', equivalence: 'equivalent', product: [{ property: 'Quantity.system', value: 'http://unitsofmeasure.org' }] }] }
                ], unmapped: { mode: 'provided' } },
                { source: 'http://terminology.hl7.org/CodeSystem/v2-0125', target: 'http://hl7.org/fhir/data-types', element: [
                    { code: 'NM', target: [{ code: 'Quantity', equivalence: 'equivalent' }] }
                ], unmapped: { mode: 'provided' } }
            ]
        };
        const draft = readConceptMapFiles([{ name: 'types.json', content: Buffer.from(JSON.stringify(map, undefined, 2)) }], { columns: { source: 'OBX-2', target: 'Observation.value[x]' } });
        await assertDraftSound(writeDraft(draft));
        const [mapping] = mappings(draft);
        assert.deepEqual(mapping.codes, [{ source: 'SN', target: 'Range' }, { source: 'NM', target: 'Quantity' }]);
        assert.deepEqual(mapping.todos!.map(todo => todo.text), [
            'SN -> Range depends on OBX-5.3 = - in the map: a code map entry holds no condition; use a when group or note it',
            'code SN also maps to Ratio (equivalent, depends on OBX-5.3 = :) in the map; a code map holds one target per code (kept SN -> Range)',
            'NM -> Quantity also gives Quantity.system = http://unitsofmeasure.org in the map: a code map entry holds no condition; use a when group or note it'
        ], 'NM -> Quantity in the second group is the same pair: no TODO');
        assert.ok(mapping.notes!.includes('ConceptMap.group[0]: http://terminology.hl7.org/CodeSystem/v2-0125|2.9 -> http://hl7.org/fhir/data-types'));
        const empty = readConceptMapFiles([{ name: 'empty-map.json', content: Buffer.from('{ "resourceType": "ConceptMap", "id": "erl-to-erl", "status": "draft" }') }], {});
        assert.deepEqual(empty.interfaces[0].messages[0].todos!.map(todo => todo.text).slice(-1), ['ConceptMap erl-to-erl has no group: no code to map']);
        await assertDraftSound(writeDraft(empty));
        const xml = importError(() => readConceptMapFiles([{ name: 'map.xml', content: Buffer.from('<?xml version="1.0"?>\n<ConceptMap xmlns="http://hl7.org/fhir"/>\n') }], {}));
        assert.equal(xml.located, 'map.xml:1:1: this is XML: interspec import conceptmap reads FHIR JSON (convert the ConceptMap to JSON, e.g. with the HL7 FHIR validator\'s -convert)');
    });

    it('names the HL7 v2 table of a code system or value set URI', () => {
        assert.equal(v2Table('http://terminology.hl7.org/CodeSystem/v2-0085'), '0085');
        assert.equal(v2Table('HL70085'), '0085');
        assert.equal(v2Table('urn:oid:2.16.840.1.113883.12.78'), '0078');
        assert.equal(v2Table('http://snomed.info/sct'), undefined);
    });
});

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
    fhirChild,
    fhirElements,
    readFhirJson,
    readFhirNdjsonStream,
    type FhirNode,
    type FhirReadItem,
    type FhirResource
} from '../../language-server/samples/read/index.js';
import { editorLines, fixture } from './support.js';

/** [line, column] of the first occurrence of `needle` in the text, found without the reader: by the editor's lines. */
function lineColumnOf(text: string, needle: string, occurrence = 1): [number, number] {
    const lines = editorLines(text);
    let seen = 0;
    for (let i = 0; i < lines.length; i++) {
        let from = 0;
        for (;;) {
            const at = lines[i].indexOf(needle, from);
            if (at < 0) break;
            if (++seen === occurrence) return [i + 1, at + 1];
            from = at + 1;
        }
    }
    throw new Error(`${needle} not found`);
}

function* nodes(node: FhirNode): Generator<FhirNode> {
    yield node;
    for (const child of node.children) yield* nodes(child);
}

/**
 * Checks every node of the resources against the text: its range holds its JSON (a primitive's raw text), its line
 * and column agree with its offset through the editor's lines, and its name range holds the quoted name.
 */
function checkNodes(text: string, resources: FhirResource[]): number {
    const whole = text.replace(/^\uFEFF/, '');
    const lines = editorLines(text);
    let checked = 0;
    for (const resource of resources) {
        for (const node of nodes(resource.root)) {
            const { start, end } = node.range;
            const slice = whole.slice(start.offset, end.offset);
            if (node.raw !== undefined) assert.equal(slice, node.raw, node.location);
            assert.deepEqual(JSON.parse(slice), node.kind === 'object' || node.kind === 'array' ? JSON.parse(slice) : node.value, node.location);
            assert.equal(lines[start.line - 1].slice(start.column - 1, start.column), whole[start.offset], node.location);
            assert.equal(lines[end.line - 1].slice(0, end.column - 1).length, end.column - 1, node.location);
            if (node.nameRange) assert.equal(whole.slice(node.nameRange.start.offset, node.nameRange.end.offset), JSON.stringify(node.name), node.location);
            checked++;
        }
    }
    return checked;
}

describe('samples: FHIR JSON reader', () => {
    it('gives every element of a single resource its path, location and range (an R5 Observation with CRLF line ends)', () => {
        const bytes = fixture('fhir/observation-r5.json');
        const text = bytes.toString('utf8');
        const result = readFhirJson(bytes);
        assert.deepEqual(result.problems, []);
        assert.equal(result.format, 'json');
        assert.deepEqual(result.resources.map(resource => [resource.resourceType, resource.id, resource.fullUrl, resource.bundle]), [['Observation', 'blood-pressure', undefined, undefined]]);
        const [observation] = result.resources;
        assert.ok(checkNodes(text, result.resources) > 60);

        const units = fhirElements(observation, 'Observation.component.valueQuantity.unit');
        assert.deepEqual(units.map(unit => [unit.location, unit.value, unit.range.start.line, unit.range.start.column, unit.range.end.column]), [
            ['Observation.component[0].valueQuantity.unit', 'mmHg', 62, 17, 23],
            ['Observation.component[1].valueQuantity.unit', 'mmHg', ...lineColumnOf(text, '"mmHg"', 2), 23]
        ]);
        assert.deepEqual([units[0].nameRange!.start.line, units[0].nameRange!.start.column], [62, 9]);
        assert.equal(units[0].range.start.offset, text.indexOf('"mmHg"'));

        // A decimal keeps its written precision in raw.
        const values = fhirElements(observation, 'Observation.component.valueQuantity.value');
        assert.deepEqual(values.map(value => [value.value, value.raw, value.kind]), [[107, '107', 'number'], [60.5, '60.50', 'number']]);
        assert.deepEqual([values[1].range.start.line, values[1].range.start.column], lineColumnOf(text, '60.50'));

        // Array items: a repeating element's items carry the array's name and their index.
        const coding = fhirElements(observation, 'Observation.category.coding.code');
        assert.deepEqual(coding.map(node => [node.location, node.value]), [['Observation.category[0].coding[0].code', 'vital-signs']]);
        const category = fhirChild(observation.root, 'category')!;
        assert.deepEqual([category.kind, category.children[0].name, category.children[0].index, category.children[0].path], ['array', 'category', 0, 'Observation.category']);

        // Primitive extensions keep their JSON name; a contained resource has its own paths.
        assert.deepEqual(fhirElements(observation, 'Observation._effectiveDateTime.extension.valueCode').map(node => node.value), ['day']);
        const [display] = fhirElements(observation, 'Device.displayName');
        assert.deepEqual([display.location, display.value, display.raw], ['Observation.contained[0].displayName', 'Cuff é "A"', '"Cuff \\u00e9 \\"A\\""']);
        assert.equal(display.parent?.parent?.parent, observation.root);
    });

    it('yields a Bundle\'s entries with their fullUrl and Bundle context, positions in the Bundle file', () => {
        const bytes = fixture('fhir/fhir-converter-ObservationBundle.json');
        const text = bytes.toString('utf8');
        const result = readFhirJson(bytes);
        assert.deepEqual(result.resources.map(resource => [resource.resourceType, resource.id, resource.bundle?.entryIndex, resource.bundle?.type]), [
            ['Patient', 'f001', 0, 'batch-response'],
            ['Observation', 'f001', 2, 'batch-response']
        ]);
        assert.equal(result.bundle?.resourceType, 'Bundle');
        assert.equal(result.bundle?.id, 'bundle-response');
        // The second entry holds an Encounter directly instead of under "resource": reported and skipped.
        const [encounterLine] = lineColumnOf(text, '"resourceType": "Encounter"');
        assert.equal(editorLines(text)[encounterLine - 2], '    {');
        assert.deepEqual(result.problems.map(problem => [problem.code, problem.line, problem.column]), [['bundle-entry', encounterLine - 1, 5]]);
        assert.match(result.problems[0].message, /holds a resource directly/);
        assert.ok(checkNodes(text, result.resources) > 80);

        const observation = result.resources[1];
        const [unit] = fhirElements(observation, 'Observation.valueQuantity.unit');
        assert.deepEqual([unit.path, unit.location, unit.value], ['Observation.valueQuantity.unit', 'Bundle.entry[2].resource.valueQuantity.unit', 'mmol/l']);
        // The file starts with a byte order mark, which is not counted.
        assert.deepEqual([unit.range.start.line, unit.range.start.column], lineColumnOf(text, '"mmol/l"'));
        assert.equal(unit.range.start.offset, text.replace(/^\uFEFF/, '').indexOf('"mmol/l"'));
        assert.deepEqual(result.bundle!.root.range.start, { line: 1, column: 1, offset: 0 });

        const inline = readFhirJson(JSON.stringify({
            resourceType: 'Bundle', type: 'transaction', entry: [
                { fullUrl: 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a', resource: { resourceType: 'Patient', id: 'a' }, request: { method: 'POST', url: 'Patient' } },
                { fullUrl: 'http://example.org/fhir/Observation/1', resource: { resourceType: 'Observation', status: 'final' } }
            ]
        }, null, 2));
        assert.deepEqual(inline.resources.map(resource => [resource.resourceType, resource.fullUrl, fhirChild(resource.bundle!.entry, 'request')?.children.length]), [
            ['Patient', 'urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a', 2],
            ['Observation', 'http://example.org/fhir/Observation/1', undefined]
        ]);
    });

    it('reads NDJSON line by line: each resource\'s line, a malformed line reported where it breaks, the others read', () => {
        const bytes = fixture('fhir/patients.ndjson');
        const text = bytes.toString('utf8');
        const result = readFhirJson(bytes);
        assert.equal(result.format, 'ndjson');
        assert.deepEqual(result.resources.map(resource => [resource.resourceType, resource.id, resource.line, resource.root.range.start.line, resource.root.range.start.column]), [
            ['Patient', 'p1', 1, 1, 1],
            ['Patient', 'p3', 3, 3, 1],
            ['Observation', 'o1', 5, 5, 1]
        ]);
        const [line2, column2] = lineColumnOf(text, ',}');
        assert.deepEqual(result.problems.map(problem => [problem.code, problem.line, problem.column]), [['json-syntax', line2, column2 + 1], ['json-syntax', line2, column2 + 1]]);
        assert.ok(checkNodes(text, result.resources) > 20);
        const [family] = fhirElements(result.resources[1], 'Patient.name.family');
        assert.deepEqual([family.value, family.range.start.line, family.range.start.column, family.range.start.offset], ['Müller', ...lineColumnOf(text, '"Müller"'), text.indexOf('"Müller"')]);
        assert.deepEqual(fhirElements(result.resources[0], 'Patient.name.given').map(node => node.location), ['Patient.name[0].given[0]', 'Patient.name[0].given[1]']);
        // One line alone is a JSON document, not NDJSON.
        assert.equal(readFhirJson(editorLines(text)[0]).format, 'json');
        assert.equal(readFhirJson(editorLines(text)[0], { format: 'ndjson' }).format, 'ndjson');
    });

    it('reports malformed JSON with line and column and never throws', () => {
        const cases: Array<[string, string[], [number, number]]> = [
            ['{"resourceType": "Patient",\n  "name": [}', ['json-syntax'], [2, 12]],
            ['{"resourceType": "Patient" // a comment\n}', ['json-syntax'], [1, 28]],
            ['{"resourceType": "Patient", "active": tru}', ['json-syntax'], [1, 39]],
            ['', ['empty'], [1, 1]],
            ['   \n  ', ['empty'], [1, 1]],
            ['[{"resourceType": "Patient"}]', ['not-a-resource'], [1, 1]],
            ['\n  {"id": "x"}', ['not-a-resource'], [2, 3]],
            ['{"resourceType": "Patient", "id": "a", "id": "b"}', ['duplicate-property'], [1, 40]],
            ['{"resourceType": "Bundle", "entry": [{"fullUrl": "x"}, 3]}', ['bundle-entry', 'bundle-entry'], [1, 38]]
        ];
        for (const [text, codes, [line, column]] of cases) {
            const result = readFhirJson(text);
            assert.deepEqual(result.problems.map(problem => problem.code).filter((code, i, all) => all.indexOf(code) === i), codes.filter((code, i, all) => all.indexOf(code) === i), text);
            assert.deepEqual([result.problems[0].line, result.problems[0].column], [line, column], text);
            if (codes[0] !== 'duplicate-property') assert.equal(result.resources.length, 0, text);
        }
        const invalid = readFhirJson(Buffer.concat([Buffer.from('{"resourceType": "Patient", "name": [{"family": "M'), Buffer.from([0xfc]), Buffer.from('ller"}]}')]));
        assert.deepEqual(invalid.problems.map(problem => [problem.code, problem.line, problem.column]), [['invalid-characters', 1, 51]]);
        assert.equal(invalid.resources.length, 1);
        const many = readFhirJson(Array.from({ length: 20 }, () => '{').join('\n'), { format: 'ndjson', maxProblems: 5 });
        assert.deepEqual(many.problems.map(problem => problem.code), [...Array(5).fill('json-syntax'), 'too-many-problems']);
    });

    it('streams NDJSON with the same resources, positions and problems whatever the chunking', async () => {
        const bytes = fixture('fhir/patients.ndjson');
        const crlf = Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'), 'utf8');
        const describe = (items: FhirReadItem[]) => items.map(item => (item.kind === 'problem'
            ? item.problem
            : [item.resource.resourceType, item.resource.line, [...nodes(item.resource.root)].map(node => [node.location, node.raw, node.range])]));
        for (const input of [bytes, crlf, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), crlf])]) {
            const whole = readFhirJson(input, { format: 'ndjson' });
            const expected = describe([...whole.problems.map(problem => ({ kind: 'problem', problem }) as FhirReadItem), ...whole.resources.map(resource => ({ kind: 'resource', resource }) as FhirReadItem)]);
            const sorted = (items: FhirReadItem[]) => [...items.filter(item => item.kind === 'problem'), ...items.filter(item => item.kind === 'resource')];
            // One byte at a time: every boundary, inside CRLF and inside ü.
            const single: FhirReadItem[] = [];
            for await (const item of readFhirNdjsonStream(Array.from({ length: input.length }, (_, i) => input.subarray(i, i + 1)))) single.push(item);
            assert.deepEqual(describe(sorted(single)), expected);
            await fc.assert(fc.asyncProperty(fc.array(fc.nat({ max: input.length }), { maxLength: 8 }), async cuts => {
                const points = [...new Set(cuts)].sort((a, b) => a - b);
                const chunks: Uint8Array[] = [];
                let from = 0;
                for (const point of points) {
                    chunks.push(input.subarray(from, point));
                    from = point;
                }
                chunks.push(input.subarray(from));
                const items: FhirReadItem[] = [];
                for await (const item of readFhirNdjsonStream(chunks)) items.push(item);
                assert.deepEqual(describe(sorted(items)), expected);
            }), { numRuns: 100 });
        }
    });

    it('never throws on random bytes or random JSON-like text', async () => {
        const token = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '"resourceType"', '"Bundle"', '"entry"', '"resource"', '"Patient"', '1.50', 'null', 'true', '\n', '\r\n', '//', '/*', '\\u00', '\ufeff', 'ü', ' ');
        fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(token, { maxLength: 200 }), (bytes, tokens) => {
            const text = tokens.join('');
            for (const input of [bytes, text, Buffer.from(text, 'utf8')]) {
                for (const format of ['auto', 'json', 'ndjson'] as const) {
                    const result = readFhirJson(input, { format });
                    for (const problem of result.problems) assert.ok(problem.line >= 1 && problem.column >= 1, JSON.stringify(problem));
                    for (const resource of result.resources) for (const node of nodes(resource.root)) assert.ok(node.range.start.offset <= node.range.end.offset);
                }
            }
        }), { numRuns: 300 });
        for await (const item of readFhirNdjsonStream([Buffer.from([0xff, 0x0a, 0x7b]), '}\n{"resourceType":"X"}'])) assert.ok(item.kind);
    });
});

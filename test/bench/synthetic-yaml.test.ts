import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { manyFiles } from '../support/synthetic-workspace.js';
import { specToPlain, workspaceToYaml } from '../support/synthetic-yaml.js';

/**
 * The YAML the Spectral comparison lints (scripts/bench-spectral.mjs) holds the same content as the `.ispec`
 * workspace `interspec check` reads: else the comparison would time different work. Spectral is not needed here.
 */
type Node = Record<string, unknown>;
const list = (value: unknown): Node[] => (Array.isArray(value) ? value : []) as Node[];
const count = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe('bench: the synthetic workspace as YAML for Spectral', () => {
    const files = manyFiles(6, 3);
    const yaml = workspaceToYaml(files);
    const documents = Object.fromEntries(Object.entries(yaml).map(([file, text]) => [file, parse(text) as Node]));

    it('writes one .yaml per .ispec at the same path', () => {
        assert.deepEqual(Object.keys(yaml).sort(), Object.keys(files).map(file => file.replace(/\.ispec$/, '.yaml')).sort());
    });

    it('keeps the counts of interfaces, mappings, handlers, gates, criteria and sites of every file', () => {
        // Counted in the .ispec text by its lines (the generator writes one element, mapping or handler per line),
        // independently of the parser the converter uses.
        let interfaces = 0;
        for (const [file, text] of Object.entries(files)) {
            const doc = documents[file.replace(/\.ispec$/, '.yaml')];
            const ifaces = list(doc.interfaces);
            const messages = ifaces.flatMap(i => list(i.messages));
            const mappings = messages.flatMap(m => [...list(m.mappings), ...list(m.groups).flatMap(g => list(g.mappings))]);
            const gates = list(doc.gates);
            assert.equal(ifaces.length, count(text, /^interface /gm), `${file}: interfaces`);
            assert.equal(mappings.length, count(text, /^ {8}\S+ -> /gm), `${file}: mappings`);
            assert.equal(ifaces.flatMap(i => list(i.handlers)).length, count(text, /^ {4}on [a-z-]+ "/gm), `${file}: handlers`);
            assert.equal(gates.length, count(text, /^gate /gm), `${file}: gates`);
            assert.equal(gates.flatMap(g => list(g.criteria)).length, count(text, /^ {4}criterion /gm), `${file}: criteria`);
            assert.equal(list(doc.sites).length, count(text, /^site /gm), `${file}: sites`);
            interfaces += ifaces.length;
        }
        assert.equal(interfaces, 4 * 7, 'four feed files of seven interfaces');
    });

    it('round-trips the fields the comparable rules read, as written in the .ispec', () => {
        const feed = files['feeds/feed-0001.ispec'];
        const first = list(documents['feeds/feed-0001.yaml'].interfaces)[0];
        const mapping = list(list(first.messages)[0].mappings)[0];
        assert.deepEqual(mapping, { source: 'PID-3', target: 'Patient.identifier', authority: 'urn:oid:2.16.840.1.113883.19.5' });
        assert.match(feed, /PID-3 -> Patient\.identifier identifier authority "urn:oid:2\.16\.840\.1\.113883\.19\.5"/);
        assert.deepEqual(list(first.handlers)[0], { scenario: 'downtime', action: 'Queue then replay in order', escalation: 'LabIT', response: '15m' });
        assert.deepEqual(first.transport, { protocol: 'MLLP', security: 'TLS' });
        assert.deepEqual(first.owners, ['LabIT']);
        // Each interface's randomly drawn mapping count survives, not only the total.
        const perInterface = feed.split(/^interface /m).slice(1).map(block => count(block, /^ {8}\S+ -> /gm));
        assert.deepEqual(list(documents['feeds/feed-0001.yaml'].interfaces).map(i => list(list(i.messages)[0].mappings).length), perInterface);
    });

    it('writes no Langium $ keys, references as their names, and the same YAML for the same files', () => {
        const dollar = (value: unknown): boolean => Array.isArray(value) ? value.some(dollar)
            : typeof value === 'object' && value !== null && Object.entries(value).some(([key, v]) => key.startsWith('$') || dollar(v));
        assert.equal(Object.values(documents).some(dollar), false);
        assert.deepEqual(list(documents['gates.yaml'].gates)[0].hypercare, { period: '14d', support: 'LabIT', escalation: 'HIM' });
        assert.deepEqual(workspaceToYaml(manyFiles(6, 3)), yaml);
    });

    it('keeps conditional mapping groups and says where a file does not parse', () => {
        const plain = specToPlain('interface A { message ORU^R01 { when OBX-2 = NM { OBX-5 -> Observation.valueQuantity units "mg/dL" } } }');
        const group = list(list(list(plain.interfaces)[0].messages)[0].groups)[0];
        assert.deepEqual(group, { condition: { field: 'OBX-2', values: ['NM'] }, mappings: [{ source: 'OBX-5', target: 'Observation.valueQuantity', units: { source: 'mg/dL' } }] });
        assert.throws(() => specToPlain('interface A {\n  owner\n', 'broken.ispec'), /^Error: broken\.ispec:\d+:\d+: /);
    });

    it('every `given` path of the Spectral ruleset reaches the YAML the converter writes', () => {
        // A path that matches nothing would make Spectral look fast for doing no work.
        const ruleset = parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../bench/spectral/.spectral.yaml'), 'utf8')) as { rules: Record<string, { given: string | string[] }> };
        const reach = (given: string): unknown[] => given.replace(/\[\?\(.*?\)\]/g, '[*]').split('.').slice(1).reduce<unknown[]>((values, step) => {
            const key = step.replace('[*]', '');
            const next = values.map(v => (v as Node | undefined)?.[key]).filter(v => v !== undefined);
            return step.endsWith('[*]') ? next.flatMap(v => list(v)) : next;
        }, Object.values(documents));
        for (const [rule, { given }] of Object.entries(ruleset.rules)) {
            const paths = Array.isArray(given) ? given : [given];
            assert.ok(paths.some(p => reach(p).length > 0), `${rule}: ${paths.join(', ')} matches nothing`);
        }
    });
});

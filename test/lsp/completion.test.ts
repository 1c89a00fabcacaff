import { strict as assert } from 'node:assert';
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-protocol';
import { type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/** Puts the text in the editor with the cursor at `|` and asks for completion there. */
async function complete(client: LspClient, file: string, textWithCursor: string): Promise<CompletionItem[]> {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
    const before = text.slice(0, offset).split('\n');
    const position: Position = { line: before.length - 1, character: before[before.length - 1].length };
    const uri = client.uri(file);
    if (openFiles.has(uri)) {
        await client.change(uri, text);
    } else {
        await client.open(file, text);
        openFiles.add(uri);
        // A file new to the server is known once it was built (its first diagnostics).
        await client.waitForDiagnostics(uri);
    }
    const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
    return Array.isArray(result) ? result : result?.items ?? [];
}
const openFiles = new Set<string>();

function labels(items: CompletionItem[]): string[] {
    return items.map(item => item.label);
}

describe('lsp: completion that knows the context', function () {
    this.timeout(30000);
    let client: LspClient;

    useServer(() => writeWorkspace({
        'org.ispec': 'team LabIT\nrole LabTech\n',
        'ops.ispec': 'team Ops\nsystem Monitoring { kind APM }\n',
        'systems.ispec': 'import "org.ispec"\nsystem LIS { owner LabIT }\nsystem EHR { owner LabIT }\n',
        'other-root/interspec.yaml': '',
        'other-root/far.ispec': 'team FarAway\n'
    }), started => {
        client = started;
        openFiles.clear();
    });

    it('offers the keywords valid inside an interface block, not those of other blocks or name-like words', async () => {
        const items = labels(await complete(client, 'lab.ispec', 'interface I {\n    |\n}\n'));
        for (const keyword of ['from', 'standard', 'transport', 'owner', 'criticality', 'message', 'on', 'monitor', 'suppress']) {
            assert.ok(items.includes(keyword), `${keyword} missing from ${items.join(' ')}`);
        }
        for (const keyword of ['lead', 'timezone', 'criterion', 'identifier', 'p95']) {
            assert.ok(!items.includes(keyword), `${keyword} offered in ${items.join(' ')}`);
        }
    });

    it('offers `samples` in an interface and `application` in a system, each only there', async () => {
        const inInterface = labels(await complete(client, 'lab.ispec', 'interface I {\n    |\n}\n'));
        assert.ok(inInterface.includes('samples'), inInterface.join(' '));
        assert.ok(!inInterface.includes('application'), inInterface.join(' '));
        const inSystem = labels(await complete(client, 'lab.ispec', 'system S {\n    |\n}\n'));
        assert.ok(inSystem.includes('application'), inSystem.join(' '));
        assert.ok(!inSystem.includes('samples'), inSystem.join(' '));
    });

    it('offers the top-level element keywords between elements', async () => {
        const items = labels(await complete(client, 'lab.ispec', 'team A\n|\n'));
        for (const keyword of ['interface', 'system', 'team', 'role', 'site', 'data', 'gate', 'change']) {
            assert.ok(items.includes(keyword), `${keyword} missing from ${items.join(' ')}`);
        }
    });

    it('offers visible names of the referenced kind first, and names from files not imported with the import', async () => {
        const items = await complete(client, 'lab.ispec', 'import "org.ispec"\n\nsystem LIS2 {\n    owner |\n}\n');
        const names = labels(items);
        assert.ok(names.includes('LabIT') && names.includes('LabTech'), names.join(' '));
        assert.ok(!names.includes('LIS') && !names.includes('Monitoring'), 'systems are not owners');
        assert.ok(!names.includes('FarAway'), 'names of another workspace root are never offered');
        const ops = items.find(item => item.label === 'Ops');
        assert.ok(ops, names.join(' '));
        assert.deepEqual(ops.additionalTextEdits, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'import "ops.ispec"\n' }]);
        const labIT = items.find(item => item.label === 'LabIT')!;
        assert.equal(labIT.additionalTextEdits, undefined);
        assert.ok(labIT.sortText! < ops.sortText!, 'visible names sort before names that need an import');
    });

    it('offers exception scenario names after `on` in an interface', async () => {
        const items = await complete(client, 'lab.ispec', 'interface I {\n    on dup|\n}\n');
        assert.deepEqual(labels(items), ['downtime', 'recovery', 'duplicate-identity', 'correction', 'cancellation', 'out-of-order', 'urgent']);
        assert.deepEqual(items[2].textEdit, { range: { start: { line: 1, character: 7 }, end: { line: 1, character: 10 } }, newText: 'duplicate-identity' });
    });

    it('offers UCUM units after `units`, quoting those that are not plain names', async () => {
        const items = await complete(client, 'lab.ispec', 'interface I {\n    message ORU^R01 {\n        OBX-6 -> Observation.valueQuantity.unit units "mg/|\n    }\n}\n');
        const mgdl = items.find(item => item.label === 'mg/dL');
        assert.ok(mgdl, labels(items).join(' '));
        assert.deepEqual(mgdl.textEdit, { range: { start: { line: 2, character: 54 }, end: { line: 2, character: 58 } }, newText: '"mg/dL"' });
        const target = await complete(client, 'lab.ispec', 'interface I {\n    message ORU^R01 {\n        OBX-6 -> OBX-6 units UCUM -> |\n    }\n}\n');
        assert.ok(labels(target).includes('mmol/L'));
        assert.equal(target.find(item => item.label === 'UCUM')!.textEdit!.newText, 'UCUM');
    });

    it('offers IANA time zones in `timezone "…"`', async () => {
        const items = await complete(client, 'lab.ispec', 'site North {\n    timezone "America/Chi|"\n}\n');
        const chicago = items.find(item => item.label === 'America/Chicago');
        assert.ok(chicago);
        assert.ok(labels(items).includes('Europe/Berlin') && labels(items).includes('UTC'));
        assert.deepEqual(chicago.textEdit, { range: { start: { line: 1, character: 13 }, end: { line: 1, character: 26 } }, newText: '"America/Chicago"' });
    });

    it('offers the other spec files of the same workspace root in `import "…"`', async () => {
        const items = await complete(client, 'lab.ispec', 'import "org.ispec"\nimport "|\n');
        assert.deepEqual(labels(items), ['ops.ispec', 'systems.ispec']);
    });

    it('offers nothing special inside a comment', async () => {
        const items = await complete(client, 'lab.ispec', 'interface I {\n    // on |\n}\n');
        assert.ok(!labels(items).includes('downtime'));
    });
});

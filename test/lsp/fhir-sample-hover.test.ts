import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { copyWorkspace, type LspClient, REPO_ROOT, useServer } from '../support/lsp-client.js';

/**
 * Hover in an open FHIR sample over stdio with the built server (docs/samples.md, "In the editor"): on a copy of
 * test/fixtures/samples/fhir-checks, whose GlucoseResults lists the FHIR specification's glucose Observation
 * example, a value names its element path with its FHIR definition and the mapping line that reads it (or an
 * element it is part of); a file no `samples` glob lists gets no hover.
 */
describe('lsp: hover in FHIR samples', function () {
    this.timeout(120000);
    const SAMPLE = 'captures/clean/fhir-spec-observation-example-f001-glucose.json';
    let client: LspClient;
    let root: string;
    let specText: string;

    useServer(() => (root = copyWorkspace(path.join(REPO_ROOT, 'test', 'fixtures', 'samples', 'fhir-checks'))), async started => {
        client = started;
        const spec = await client.open('results.ispec');
        specText = readFileSync(path.join(root, 'results.ispec'), 'utf8');
        await client.waitForDiagnostics(spec, () => true, 60000);
    });

    /** The 0-based position of the n-th (0-based) occurrence of `needle` in `text`, moved `delta` characters in. */
    function at(text: string, needle: string, occurrence = 0, delta = 1): { line: number, character: number } {
        let index = -1;
        for (let i = 0; i <= occurrence; i++) index = text.indexOf(needle, index + 1);
        assert.ok(index >= 0, `${needle} is in the sample`);
        const before = text.slice(0, index);
        return { line: before.split('\n').length - 1, character: index - before.lastIndexOf('\n') - 1 + delta };
    }

    async function hover(uri: string, position: { line: number, character: number }): Promise<string | undefined> {
        const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
        return (result?.contents as MarkupContent | undefined)?.value;
    }

    function mappingLine(pattern: RegExp): number {
        const line = specText.split('\n').findIndex(text => pattern.test(text)) + 1;
        assert.ok(line > 0, `the spec has ${pattern}`);
        return line;
    }

    it('names the element and the mapping that reads it, and the mapping of the element a value is part of', async () => {
        const text = readFileSync(path.join(root, SAMPLE), 'utf8');
        const uri = await client.open(SAMPLE, text);
        // The resource's own status (the second "status": the first is the narrative's).
        const status = await hover(uri, at(text, '"final"'));
        assert.match(status ?? '', /\*\*Observation\.status\*\* "[^"]+" \(code, value set observation-status\)/);
        assert.match(status ?? '', new RegExp(`feeds \`Observation\\.status +-> Observation\\.status +codes \\{ final -> final.*\` at results\\.ispec:${mappingLine(/^\s*Observation\.status\s+->/)} \\(interface GlucoseResults\\)`));
        // valueQuantity.unit: the mapping names valueQuantity, which holds it.
        const unit = await hover(uri, at(text, '"mmol/l"'));
        assert.match(unit ?? '', /\*\*Observation\.valueQuantity\.unit\*\*/);
        assert.match(unit ?? '', new RegExp(`at results\\.ispec:${mappingLine(/^\s*Observation\.valueQuantity\s+->/)} \\(interface GlucoseResults\\)`));
        // The narrative's status: an element no mapping reads.
        const narrative = await hover(uri, at(text, '"generated"'));
        assert.match(narrative ?? '', /\*\*Observation\.text\.status\*\*/);
        assert.match(narrative ?? '', /no mapping of interface GlucoseResults reads this element/);
    });

    it('gives no hover in a JSON file no samples glob lists', async () => {
        const uri = await client.open('captures/planted/planted-bundle.json', readFileSync(path.join(root, 'captures/planted/planted-bundle.json'), 'utf8'));
        assert.equal(await hover(uri, { line: 2, character: 5 }), undefined);
    });
});

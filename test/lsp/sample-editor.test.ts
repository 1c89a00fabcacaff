import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { copyWorkspace, type LspClient, REPO_ROOT, useServer } from '../support/lsp-client.js';

/**
 * Samples in the editor (docs/samples.md, "In the editor"), over stdio with the built server on a copy of
 * examples/lab-network and its captures: the interface's code lens counts messages and problems, an open capture
 * shows the sample rules' findings with the mapping as related information, and hover names a value's field and
 * the mapping line it feeds.
 */
describe('lsp: samples in the editor', function () {
    this.timeout(120000);
    const CAPTURES = 'captures/lab-results';
    const FEBRUARY = `${CAPTURES}/winpath-2026-02-10.hl7`;
    const JULY = `${CAPTURES}/winpath-2026-07-14.hl7`;
    let client: LspClient;
    let root: string;
    let results: string;
    let resultsText: string;

    useServer(() => (root = copyWorkspace(path.join(REPO_ROOT, 'examples', 'lab-network'))), async started => {
        client = started;
        results = await client.open('results.ispec');
        resultsText = readFileSync(path.join(root, 'results.ispec'), 'utf8');
        await client.waitForDiagnostics(results, () => true, 60000);
    });

    /** Messages in the capture files: one MSH segment each. */
    function messageCount(): number {
        return [FEBRUARY, JULY].reduce((sum, file) => sum + (readFileSync(path.join(root, file), 'latin1').match(/MSH\|/g) ?? []).length, 0);
    }

    async function samplesLens(): Promise<string | undefined> {
        const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: results } });
        const line = resultsText.split('\n').findIndex(text => text.startsWith('interface LabResults'));
        const lens = lenses.find(candidate => candidate.range.start.line === line && /samples? ·/.test(candidate.command?.title ?? ''));
        if (lens) assert.deepEqual([lens.command?.command, lens.command?.arguments], ['interspec.openTestMatrixPreview', [results, 'LabResults']]);
        return lens?.command?.title;
    }

    /** The 0-based line (segments end in CR) and column of `needle` in a capture's text. */
    function at(text: string, needle: string, delta = 0): { line: number, character: number } {
        const index = text.indexOf(needle);
        assert.ok(index >= 0, `${needle} is in the capture`);
        const before = text.slice(0, index);
        const line = before.split(/\r\n|\r|\n/).length - 1;
        return { line, character: index - Math.max(before.lastIndexOf('\r'), before.lastIndexOf('\n')) - 1 + delta };
    }

    it('counts the messages of the interface\'s captures and no problems on the clean example', async () => {
        const count = messageCount();
        assert.ok(count >= 2, 'the captures hold messages');
        assert.equal(await samplesLens(), `${count} samples · 0 problems`);
        // The other interfaces of results.ispec list no samples: no samples lens.
        const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: results } });
        assert.equal(lenses.filter(lens => /samples? ·/.test(lens.command?.title ?? '')).length, 1);
    });

    it('shows a planted discrepancy in the open capture, located at the value, with the mapping as related information', async () => {
        const file = path.join(root, FEBRUARY);
        const planted = readFileSync(file, 'latin1')
            .replace('OBX|1|NM|GLU^Glucose^L||5.4|', 'OBX|1|NM|GLU^Glucose^L||5,4|')
            .replace('|<14|HH|', '|<14|XX|');
        writeFileSync(file, planted, 'latin1');
        await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(FEBRUARY), type: 2 }] });
        const uri = await client.open(FEBRUARY, planted);
        const diagnostics = await client.waitForDiagnostics(uri, list => list.length >= 2, 60000);
        const values = diagnostics.find(d => d.code === 'sample-values');
        assert.ok(values, `a sample-values diagnostic in ${JSON.stringify(diagnostics)}`);
        assert.deepEqual(values.range.start, at(planted, '5,4'));
        assert.deepEqual(values.range.end, at(planted, '5,4', 3));
        assert.equal(values.severity, 1);
        assert.match(values.message, /"5,4" is not a number/);
        const related = values.relatedInformation?.[0];
        assert.ok(related, 'the mapping is related information');
        assert.equal(related.location.uri, results);
        const mappingLine = resultsText.split('\n').findIndex(text => /^\s*OBX-5\s+->\s+Observation\.valueQuantity\.value/.test(text));
        assert.equal(related.location.range.start.line, mappingLine);
        assert.match(related.message, /^OBX-5 +-> Observation\.valueQuantity\.value/);
        const codes = diagnostics.find(d => d.code === 'sample-codes');
        assert.ok(codes, 'a sample-codes diagnostic');
        assert.deepEqual(codes.range.start, at(planted, '|XX|', 1));
        assert.match(codes.message, /Code "XX" in OBX-8/);
        assert.equal(await samplesLens(), `${messageCount()} samples · 2 problems`);
    });

    it('follows the spec: a mapping change re-checks the open capture', async () => {
        const uri = client.uri(FEBRUARY);
        // The EHR now accepts XX: only the decimal comma is left.
        const edited = resultsText.replace('N -> N, A -> A } receives L, H, LL, HH, N, A', 'N -> N, A -> A, XX -> A } receives L, H, LL, HH, N, A, XX');
        assert.notEqual(edited, resultsText, 'the code map of OBX-8 is in the example');
        await client.change(results, edited);
        const diagnostics = await client.waitForDiagnostics(uri, list => list.length === 1, 60000);
        assert.equal(diagnostics[0].code, 'sample-values');
        await client.change(results, resultsText);
        await client.waitForDiagnostics(uri, list => list.length === 2, 60000);
    });

    it('hover on a value names its field from the HL7 v2 dictionary and the mapping line it feeds', async () => {
        const text = readFileSync(path.join(root, JULY), 'latin1');
        const uri = await client.open(JULY, text);
        // The first OBX: OBX-11 is the 11th field after the segment name.
        const obx = text.indexOf('OBX|');
        const fields = text.slice(obx).split(/[\r\n]/)[0].split('|');
        const status = fields[11];
        assert.match(status, /^[FCXP]$/, 'OBX-11 holds a result status');
        const character = at(text, 'OBX|').character + fields.slice(0, 11).join('|').length + 1;
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: at(text, 'OBX|').line, character } });
        const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
        assert.match(value, /\*\*OBX-11\*\* "Observation Result Status" \(ID, table 0085\)/);
        const mappingLine = resultsText.split('\n').findIndex(line => /^\s*OBX-11 -> Observation\.status/.test(line)) + 1;
        assert.ok(mappingLine > 0);
        assert.match(value, new RegExp(`feeds \`OBX-11 -> Observation\\.status codes \\{ F -> final.*\` at results\\.ispec:${mappingLine} \\(interface LabResults\\)`));
    });

    it('still answers hover in spec files (the sample hover hands them to the spec hover)', async () => {
        const line = resultsText.split('\n').findIndex(text => /^\s*OBX-11 -> Observation\.status/.test(text));
        const character = resultsText.split('\n')[line].indexOf('OBX-11') + 2;
        const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: results }, position: { line, character } });
        assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /Observation Result Status/);
    });

    it('checks an open .hl7 file no samples glob lists, matching its messages to an interface', async () => {
        const text = readFileSync(path.join(root, JULY), 'latin1').replace('(IFCC)^L||48|', '(IFCC)^L||1,5|');
        assert.ok(text.includes('|1,5|'), 'a numeric result was planted');
        writeFileSync(path.join(root, 'captures', 'adhoc.hl7'), text, 'latin1');
        const uri = await client.open('captures/adhoc.hl7', text);
        const diagnostics = await client.waitForDiagnostics(uri, list => list.length > 0, 60000);
        const values = diagnostics.find(d => d.code === 'sample-values');
        assert.ok(values, JSON.stringify(diagnostics.map(d => d.message)));
        assert.deepEqual(values.range.start, at(text, '|1,5|', 1));
    });

    it('gives no diagnostics to a JSON file no samples glob lists (it is no spec either)', async () => {
        writeFileSync(path.join(root, 'notes.json'), '{ "not": "a sample" }');
        const uri = await client.open('notes.json', '{ "not": "a sample" }');
        client.diagnostics.delete(client.uri(FEBRUARY));
        await client.change(results, `${resultsText}\n`);
        // The February capture is published again after that build; the JSON file opened before it never is.
        await client.waitForDiagnostics(client.uri(FEBRUARY), list => list.length === 2, 60000);
        // Handed to the spec builder, it would be parsed as a spec and get a syntax error.
        assert.equal(client.diagnosticsOf(uri), undefined);
    });
});

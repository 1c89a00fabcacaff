import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, URI, type AstNode } from 'langium';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { createInterspecServices } from '../../language-server/lsp/interspec-lsp-module.js';
import { findSpecFiles } from '../../language-server/language/build-workspace.js';
import { applyEdits, copyWorkspace, type LspClient, REPO_ROOT, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

/** The lines between `codes {` at a line end and the `}` that closes it, without their indentation. */
function stripCodeMapContinuations(text: string): string {
    let inside = false;
    return text.split('\n').map(line => {
        if (inside) {
            inside = !/^\s*\}/.test(line);
            return line.trimStart();
        }
        inside = /codes \{\s*$/.test(line);
        return line;
    }).join('\n');
}

const OPTIONS = { tabSize: 4, insertSpaces: true };

async function format(client: LspClient, uri: string, text: string): Promise<string> {
    const edits = await client.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options: OPTIONS });
    return applyEdits(text, edits ?? []);
}

/** The AST of a text without positions, CST links and resolved references: what formatting must not change. */
const parser = createInterspecServices(EmptyFileSystem);
let parsed = 0;
function astOf(text: string): string {
    const document = parser.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ast-${parsed++}.ispec`));
    assert.deepEqual(document.parseResult.parserErrors, []);
    return JSON.stringify(document.parseResult.value, (key, value: unknown) => {
        if (key.startsWith('$') && key !== '$type' && key !== '$refText') {
            return undefined;
        }
        if (value && typeof value === 'object' && '$refText' in value) {
            return (value as { $refText: string }).$refText;
        }
        return value as AstNode;
    });
}

const MESSY = `// Org first.
import "org.ispec"   import "systems.ispec"
system LIS2 "Second LIS"{kind LIS
owner   LabIT // the lab runs it
      vendor "Acme" product "Lab"
}


interface Results {from LIS2 to LIS2 standard HL7v2 2.5.1
  /** Who answers at night. */
  owner LabIT
message ORU^R01 {
  PID-3->Patient.identifier identifier authority "MRN"
        OBX-5      -> Observation.valueQuantity.value   as quantity
        OBX-11 -> Observation.status codes { F->final, C -> corrected } receives F,C
  }
  on downtime "queue and replay"
      escalate LabIT within 15m
  monitor { owner LabIT metric failed-messages < 0.1% }
}
site North { baseline { device Analyser1 hosts LIS2 } downtime { fallback "paper" } }`;

const FORMATTED = `// Org first.
import "org.ispec"
import "systems.ispec"
system LIS2 "Second LIS" {
    kind LIS
    owner LabIT // the lab runs it
    vendor "Acme" product "Lab"
}

interface Results {
    from LIS2 to LIS2
    standard HL7v2 2.5.1
    /** Who answers at night. */
    owner LabIT
    message ORU^R01 {
        PID-3 -> Patient.identifier identifier authority "MRN"
        OBX-5      -> Observation.valueQuantity.value   as quantity
        OBX-11 -> Observation.status codes { F -> final, C -> corrected } receives F, C
    }
    on downtime "queue and replay"
        escalate LabIT within 15m
    monitor {
        owner LabIT
        metric failed-messages < 0.1%
    }
}
site North {
    baseline {
        device Analyser1
        hosts LIS2
    }
    downtime {
        fallback "paper"
    }
}
`;

describe('lsp: formatting', function () {
    this.timeout(60000);

    describe('a messy file', () => {
        let client: LspClient;
        useServer(() => writeWorkspace({ 'org.ispec': 'team LabIT\n', 'systems.ispec': 'system LIS { owner LabIT }\n' }), started => { client = started; });

        it('gets one statement per line, 4-space blocks, spaces around ->, and keeps every comment', async () => {
            const uri = await client.open('messy.ispec', MESSY);
            await client.waitForDiagnostics(uri);
            const formatted = await format(client, uri, MESSY);
            assert.equal(formatted, FORMATTED);
            assert.equal(astOf(formatted), astOf(MESSY));
        });

        it('is idempotent', async () => {
            const uri = await client.open('clean.ispec', FORMATTED);
            await client.waitForDiagnostics(uri);
            const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: OPTIONS });
            assert.deepEqual(edits, []);
        });

        it('keeps CRLF line endings: no edit for a formatted CRLF file, CRLF in every line it writes', async () => {
            const crlf = (text: string) => text.replace(/\n/g, '\r\n');
            const clean = await client.open('clean-crlf.ispec', crlf(FORMATTED));
            await client.waitForDiagnostics(clean);
            const none = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: clean }, options: OPTIONS });
            assert.deepEqual(none, []);
            const messy = await client.open('messy-crlf.ispec', crlf(MESSY));
            await client.waitForDiagnostics(messy);
            const formatted = await format(client, messy, crlf(MESSY));
            assert.equal(formatted, crlf(FORMATTED));
            assert.ok(!/[^\r]\n/.test(formatted), 'no bare LF');
        });

        it('indents with tabs when the editor asks for tabs', async () => {
            const uri = await client.open('tabs.ispec', 'team T {\n  lead "x"\n}\n');
            await client.waitForDiagnostics(uri);
            const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } });
            assert.equal(applyEdits('team T {\n  lead "x"\n}\n', edits), 'team T {\n\tlead "x"\n}\n');
        });

        it('formats only the requested range', async () => {
            const text = 'team A { lead "a" }\nteam B { lead "b" }\n';
            const uri = await client.open('range.ispec', text);
            await client.waitForDiagnostics(uri);
            const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
                textDocument: { uri }, options: OPTIONS, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 19 } }
            });
            assert.equal(applyEdits(text, edits), 'team A { lead "a" }\nteam B {\n    lead "b"\n}\n');
        });

        it('leaves a file with syntax errors alone', async () => {
            const text = 'team A {   lead\n';
            const uri = await client.open('broken.ispec', text);
            await client.waitForDiagnostics(uri, d => d.length > 0);
            const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: OPTIONS });
            assert.deepEqual(edits, []);
        });
    });

    describe('every example', () => {
        let client: LspClient;
        let root: string;
        useServer(() => root = copyWorkspace(path.join(REPO_ROOT, 'examples')), started => { client = started; });

        it('has examples to format', () => {
            assert.ok(readdirSync(root).length > 0);
        });

        it('formats each example file twice to the same text, without changing its AST', async () => {
            const files = (await findSpecFiles(root)).sort();
            assert.ok(files.length > 0);
            for (const file of files) {
                const relative = path.relative(root, file);
                const uri = await client.open(relative);
                const original = readFileSync(file, 'utf8');
                const once = await format(client, uri, original);
                assert.equal(astOf(once), astOf(original), `${relative}: formatting changed the AST`);
                await client.change(uri, once);
                const twice = await format(client, uri, once);
                assert.equal(twice, once, `${relative}: formatting is not idempotent`);
            }
        });

        it('restores the layout of each example after its indentation was stripped', async () => {
            let restored = 0;
            for (const file of (await findSpecFiles(root)).sort()) {
                const relative = path.relative(root, file);
                const original = readFileSync(file, 'utf8');
                const uriOfOriginal = await client.open(relative, original);
                if (await format(client, uriOfOriginal, original) !== original) {
                    continue; // Not written in the formatter's layout (e.g. the deliberately flawed example).
                }
                // Block comments keep their inner layout (` * …` lines), so those lines stay as they are.
                const flat = original.split('\n').map(line => (line.trimStart().startsWith('*') ? line : line.trimStart())).join('\n');
                await client.change(uriOfOriginal, flat);
                const uri = uriOfOriginal;
                const formatted = await format(client, uri, flat);
                assert.equal(astOf(formatted), astOf(original), `${relative}: formatting changed the AST`);
                // Multi-line code maps keep their author's layout, so their continuation lines stay flat.
                assert.equal(formatted, stripCodeMapContinuations(original), `${relative}: layout not restored`);
                await client.close(uri);
                restored++;
            }
            assert.ok(restored >= 10, `only ${restored} example files are in the formatter's layout`);
        });
    });
});

// API-level checks that run INSIDE the VS Code extension host, against the installed extension. The same module
// serves code-server (test/e2e/extension-host.e2e.ts, through the smoke-test driver's extensionTestsPath) and
// @vscode/test-electron (test/e2e/electron/run.ts) on machines that can download VS Code.
// Plain CommonJS on purpose: the extension host `require`s it as it is.
const assert = require('node:assert/strict');
const path = require('node:path');
/** Set by `run`: requiring `vscode` only there lets plain Node list the checks (the code-server runner does). */
let vscode;

const DRAFT = 'draft.ispec';
const EXTENSION_ID = 'interspec.interspec';

async function waitFor(what, probe, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
        last = await probe();
        if (last) {
            return last;
        }
        await new Promise(resolve => setTimeout(resolve, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
}

function folder() {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.ok(folders.length > 0, 'a workspace folder is open');
    return folders[0].uri;
}

async function open(name) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), name));
    await vscode.window.showTextDocument(document);
    return document;
}

function positionOf(document, text, offsetInText = 0) {
    const index = document.getText().indexOf(text);
    assert.ok(index >= 0, `${path.basename(document.uri.fsPath)} contains ${text}`);
    return document.positionAt(index + offsetInText);
}

const checks = [
    ['the .ispec language and its configuration are registered', async () => {
        assert.ok((await vscode.languages.getLanguages()).includes('interspec'));
        const document = await open(DRAFT);
        assert.equal(document.languageId, 'interspec');
    }],
    ['the extension activates and starts the language server for an open .ispec file', async () => {
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(extension, `${EXTENSION_ID} is installed`);
        const api = await waitFor('activation', async () => extension.isActive && extension.exports);
        await waitFor('the server to run', async () => api.serverRunning);
    }],
    ['diagnostics show the unresolved owner of the draft file', async () => {
        const document = await open(DRAFT);
        const diagnostics = await waitFor('diagnostics', async () => {
            const found = vscode.languages.getDiagnostics(document.uri);
            return found.length > 0 && found;
        });
        const owner = diagnostics.find(diagnostic => /LabInformatics/.test(diagnostic.message));
        assert.ok(owner, JSON.stringify(diagnostics.map(d => d.message)));
        assert.equal(owner.severity, vscode.DiagnosticSeverity.Error);
        assert.deepEqual([owner.range.start.line, owner.range.start.character], [3, 10]);
    }],
    ['completion offers the teams after owner, and the snippets', async () => {
        const document = await open('systems.ispec');
        const position = positionOf(document, 'owner IntegrationTeam', 'owner '.length);
        const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, position);
        const labels = list.items.map(item => typeof item.label === 'string' ? item.label : item.label.label);
        assert.ok(labels.includes('LabInformatics'), labels.slice(0, 30).join(', '));
        const start = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(document.lineCount - 1, 0));
        const snippets = start.items.filter(item => item.kind === vscode.CompletionItemKind.Snippet).map(item => typeof item.label === 'string' ? item.label : item.label.label);
        for (const prefix of ['interface', 'gate', 'team', 'change-authority']) {
            assert.ok(snippets.includes(prefix), `snippet ${prefix} in ${snippets.join(', ')}`);
            const entries = start.items.filter(item => (typeof item.label === 'string' ? item.label : item.label.label) === prefix);
            assert.equal(entries.length, 1, `one entry for ${prefix}, the snippet: ${entries.map(item => item.kind).join(', ')}`);
        }
    }],
    ['hover shows the doc comment of a referenced team', async () => {
        const document = await open('systems.ispec');
        const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, positionOf(document, 'owner IntegrationTeam', 8));
        const text = hovers.flatMap(hover => hover.contents.map(content => typeof content === 'string' ? content : content.value)).join('\n');
        assert.match(text, /integration engine/);
    }],
    ['a quick fix adds the missing import and the error goes away', async () => {
        const document = await open(DRAFT);
        const diagnostic = vscode.languages.getDiagnostics(document.uri).find(d => /LabInformatics/.test(d.message));
        assert.ok(diagnostic, 'the error is there before the fix');
        const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
        const fix = (actions ?? []).find(action => /import/i.test(action.title));
        assert.ok(fix, `quick fixes: ${(actions ?? []).map(action => action.title).join(' | ')}`);
        if (fix.edit) {
            assert.ok(await vscode.workspace.applyEdit(fix.edit));
        }
        if (fix.command) {
            await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
        }
        assert.match(document.getText(), /import "org\.ispec"/);
        await waitFor('the error to go away', async () => !vscode.languages.getDiagnostics(document.uri).some(d => d.severity === vscode.DiagnosticSeverity.Error));
        await vscode.commands.executeCommand('workbench.action.files.revert');
    }],
    ['Generate Test Matrix returns the matrix from the server', async () => {
        await open('results.ispec');
        const document = await vscode.commands.executeCommand('interspec.generateTestMatrix', { format: 'json' });
        assert.ok(document, 'a document was opened');
        assert.equal(document.languageId, 'json');
        const matrix = JSON.parse(document.getText());
        assert.ok(JSON.stringify(matrix).includes('LabResults') || Object.keys(matrix).length > 0);
        const markdown = await vscode.commands.executeCommand('interspec.generateTestMatrix', { format: 'markdown' });
        assert.equal(markdown.languageId, 'markdown');
        assert.match(markdown.getText(), /\|/);
    }],
    ['Generate Go-Live Checklist returns the checklist from the server', async () => {
        const document = await vscode.commands.executeCommand('interspec.generateChecklist', { format: 'markdown' });
        assert.ok(document, 'a document was opened');
        assert.match(document.getText(), /GO/);
    }],
    ['the previews show the reviewer pages under a strict CSP, decision first, paths relative to the workspace', async () => {
        await open('results.ispec');
        const api = vscode.extensions.getExtension(EXTENSION_ID).exports;
        for (const [command, kind] of [['interspec.openTestMatrixPreview', 'matrix'], ['interspec.openChecklistPreview', 'checklist']]) {
            await vscode.commands.executeCommand(command);
            const html = await waitFor(`the ${kind} preview`, async () => api.previewHtml(kind));
            assert.match(html, /Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-/);
            const nonce = /<script nonce="([^"]+)">/.exec(html)?.[1];
            assert.ok(nonce, `${kind}: the script carries the nonce`);
            assert.ok(!/<script(?! nonce=)/.test(html) && !/\son[a-z]+=/.test(html), `${kind}: no script without the nonce, no inline handler`);
            assert.match(html, /<h2>Decision/, `${kind}: the decision first`);
            assert.match(html, /class="spec-link/, `${kind}: rows link back to the spec`);
            assert.ok(!html.includes(folder().fsPath), `${kind}: no absolute path of the workspace`);
            assert.ok(!/evidenceRequired|blockingFindings/.test(html), `${kind}: no JSON keys`);
        }
    }],
    ['every code lens runs its command and the preview lands on its element', async () => {
        const api = vscode.extensions.getExtension(EXTENSION_ID).exports;
        const files = (await vscode.workspace.findFiles('**/*.ispec', '**/node_modules/**')).sort((a, b) => a.path < b.path ? -1 : 1);
        let clicked = 0;
        for (const file of files) {
            await vscode.workspace.openTextDocument(file);
            let lenses;
            try {
                lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', file) ?? [];
            } catch (error) {
                throw new Error(`the code lenses of ${path.basename(file.path)}: ${error}`);
            }
            for (const lens of lenses) {
                assert.ok(lens.command, `a lens in ${file.path} has a command`);
                const [, name] = lens.command.arguments ?? [];
                try {
                    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
                } catch (error) {
                    throw new Error(`clicking "${lens.command.title}" (${lens.command.command} ${JSON.stringify(lens.command.arguments)}): ${error}`);
                }
                const kind = lens.command.command === 'interspec.openChecklistPreview' ? 'checklist' : 'matrix';
                // A refresh the panel scheduled itself may still be on its way: wait for the page that has the focus.
                let focused = '';
                await waitFor(`"${lens.command.title}" (${lens.command.command}) to land on ${name}`, async () => {
                    focused = /id="interspec-focus" data-element="([^"]*)"/.exec(api.previewHtml(kind) ?? '')?.[1] ?? '';
                    return focused === name;
                }, 15000).catch(error => { throw new Error(`${error.message}: the page is focused on '${focused}'`); });
                clicked++;
            }
        }
        assert.ok(clicked > 5, `clicked ${clicked} lenses`);
    }],
    ['every command of the palette runs and does what it says', async () => {
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        const api = extension.exports;
        const contributed = extension.packageJSON.contributes.commands.map(command => command.command);
        const registered = new Set(await vscode.commands.getCommands(true));
        const checksByCommand = {
            'interspec.generateTestMatrix': async () => {
                const document = await vscode.commands.executeCommand('interspec.generateTestMatrix', { format: 'json' });
                assert.ok(JSON.parse(document.getText()).rows.length > 0);
            },
            'interspec.generateChecklist': async () => {
                const document = await vscode.commands.executeCommand('interspec.generateChecklist', { format: 'json', gate: 'RiversidePilot' });
                assert.equal(JSON.parse(document.getText()).checklists[0].gate, 'RiversidePilot');
            },
            'interspec.openTestMatrixPreview': async () => {
                await vscode.commands.executeCommand('interspec.openTestMatrixPreview');
                assert.match(api.previewHtml('matrix') ?? '', /<tbody id="TM-[^"]+" class="spec-link/);
            },
            'interspec.openChecklistPreview': async () => {
                await vscode.commands.executeCommand('interspec.openChecklistPreview');
                assert.match(api.previewHtml('checklist') ?? '', /NO-GO|GO/);
            },
            'interspec.restartServer': async () => {
                await vscode.commands.executeCommand('interspec.restartServer');
                await waitFor('the server to run again', async () => api.serverRunning);
            },
            'interspec.showOutput': async () => {
                await vscode.commands.executeCommand('interspec.showOutput');
            },
            'interspec.openStarter': async () => {
                await vscode.commands.executeCommand('workbench.action.closeAllEditors');
                const document = await vscode.commands.executeCommand('interspec.openStarter');
                assert.ok(document && document.uri.path.endsWith('.ispec'), 'a spec file is opened beside the walkthrough');
                await waitFor('the spec in an editor', async () => vscode.window.visibleTextEditors.some(editor => editor.document.uri.path.endsWith('.ispec')));
            }
        };
        await open('results.ispec');
        for (const command of contributed) {
            assert.ok(registered.has(command), `${command} is registered`);
            assert.ok(checksByCommand[command], `a check for ${command}`);
            await checksByCommand[command]();
        }
    }],
    ['the walkthrough is contributed and opens', async () => {
        const extension = vscode.extensions.getExtension(EXTENSION_ID);
        const [walkthrough] = extension.packageJSON.contributes.walkthroughs;
        assert.deepEqual(walkthrough.steps.map(step => step.id), ['trustWorkspace', 'writeInterface', 'fixFinding', 'matrixPreview', 'runGate']);
        await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${walkthrough.id}`, false);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }],
    ['an open sample file shows the sample rules\' diagnostics, at the value', async () => {
        // A capture the interface's `samples "captures/lab-results/*.hl7"` lists, with a decimal comma in an NM result.
        const source = vscode.Uri.joinPath(folder(), 'captures', 'lab-results', 'winpath-2026-02-10.hl7');
        const planted = Buffer.from(await vscode.workspace.fs.readFile(source)).toString('latin1')
            .replace('OBX|1|NM|GLU^Glucose^L||5.4|', 'OBX|1|NM|GLU^Glucose^L||5,4|');
        assert.ok(planted.includes('||5,4|'), 'the glucose result is in the capture');
        const target = vscode.Uri.joinPath(folder(), 'captures', 'lab-results', 'planted.hl7');
        await vscode.workspace.fs.writeFile(target, Buffer.from(planted, 'latin1'));
        const document = await vscode.workspace.openTextDocument(target);
        await vscode.window.showTextDocument(document);
        const diagnostic = await waitFor('a sample-values diagnostic in planted.hl7', async () =>
            vscode.languages.getDiagnostics(target).find(d => (typeof d.code === 'object' ? d.code.value : d.code) === 'sample-values'), 60000);
        assert.match(diagnostic.message, /"5,4" is not a number/);
        assert.equal(document.getText(diagnostic.range), '5,4');
        assert.match(diagnostic.relatedInformation?.[0]?.location.uri.path ?? '', /results\.ispec$/);
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(target);
    }],
    ['Restart Language Server brings the diagnostics back', async () => {
        const document = await open(DRAFT);
        await vscode.commands.executeCommand('interspec.restartServer');
        const api = vscode.extensions.getExtension(EXTENSION_ID).exports;
        await waitFor('the server to run again', async () => api.serverRunning);
        await waitFor('diagnostics after the restart', async () => vscode.languages.getDiagnostics(document.uri).some(d => /LabInformatics/.test(d.message)));
        await vscode.commands.executeCommand('interspec.showOutput');
    }]
];

/** Runs every check, logs `✔ name` or `✖ name: error` per check, and throws when one failed. */
async function run() {
    vscode = require('vscode');
    const failures = [];
    for (const [name, check] of checks) {
        try {
            await check();
            console.log(`INTERSPEC-CHECK ✔ ${name}`);
        } catch (error) {
            failures.push(name);
            console.log(`INTERSPEC-CHECK ✖ ${name} ::: ${error && error.stack ? error.stack.split('\n').slice(0, 3).join(' / ') : error}`);
        }
    }
    if (process.env.INTERSPEC_CHECK_RESULTS) {
        // The test-electron runner reads this to print the `N passed, N failed` line.
        require('node:fs').writeFileSync(process.env.INTERSPEC_CHECK_RESULTS, JSON.stringify({ passed: checks.length - failures.length, failed: failures.length }));
    }
    if (failures.length > 0) {
        throw new Error(`${failures.length} of ${checks.length} extension-host checks failed: ${failures.join('; ')}`);
    }
}

module.exports = { run, checks };

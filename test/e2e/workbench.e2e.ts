import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RunningCodeServer } from './support/code-server.js';
import { DRAFT_FILE, REPO, SCREENSHOTS, type ScratchWorkspace } from './support/scratch.js';
import { interspecOutput, problemLines } from './support/output-channel.js';
import { useWorkbench } from './support/use-workbench.js';
import { Workbench } from './support/workbench.js';

// What a user sees: the packaged .vsix installed into a fresh code-server (a real VS Code workbench), the
// lab-network example opened, and the editor driven with clicks and keys through Chromium.
describe('e2e: the extension in a real VS Code workbench', function () {
    this.timeout(120_000);
    let workspace: ScratchWorkspace;
    let server: RunningCodeServer;
    let workbench: Workbench;

    useWorkbench(session => { ({ workspace, server, workbench } = session); });

    it('installs the packaged .vsix with --install-extension', () => {
        const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
        const installed = readdirSync(server.extensionsDir);
        assert.ok(installed.includes(`${manifest.publisher}.${manifest.name}-${manifest.version}`), installed.join(', '));
    });

    it('shows the finding of a file in the editor and in the Problems panel', async () => {
        await workbench.openFile(DRAFT_FILE);
        await workbench.page.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
        const problems = await workbench.problems(DRAFT_FILE);
        const draft = problems.get(DRAFT_FILE) ?? [];
        assert.ok(draft.some(row => /LabInformatics.*org\.ispec.*\[Ln 4, Col 11\]/.test(row)), `Problems for ${DRAFT_FILE}: ${JSON.stringify([...problems])}`);
        await workbench.screenshot(path.join(SCREENSHOTS, 'editor-diagnostics.png'));
    });

    it('completes team names after owner', async () => {
        await workbench.openFile('systems.ispec');
        await workbench.page.keyboard.press('Control+End');
        await workbench.page.keyboard.type('\nsystem DraftScanner { owner ');
        await workbench.page.keyboard.press('Control+Space');
        const suggestions = workbench.page.locator('.suggest-widget.visible .monaco-list-row');
        await suggestions.first().waitFor({ timeout: 30_000 });
        const labels: string[] = await suggestions.allTextContents();
        assert.ok(labels.some(label => label.startsWith('LabInformatics')), `suggestions: ${labels.join(' | ')}`);
        await workbench.page.keyboard.press('Escape');
        await workbench.runCommand('File: Revert File');
    });

    it('shows the doc comment of a team on hover', async () => {
        await workbench.openFile('systems.ispec');
        const lines = readFileSync(path.join(workspace.workspace, 'systems.ispec'), 'utf8').split('\n');
        const line = lines.findIndex(text => /^\s*owner IntegrationTeam\b/.test(text));
        assert.ok(line >= 0, 'systems.ispec has an owner IntegrationTeam line');
        await workbench.goTo(line + 1, lines[line].indexOf('IntegrationTeam') + 3);
        await workbench.page.keyboard.press('Control+K');
        await workbench.page.keyboard.press('Control+I');
        const hover = workbench.page.locator('.monaco-hover:not(.hidden)', { hasText: 'integration engine' });
        await hover.first().waitFor({ timeout: 30_000 });
        await workbench.page.keyboard.press('Escape');
    });

    it('applies a quick fix that removes the finding', async () => {
        await workbench.openFile(DRAFT_FILE);
        await workbench.goTo(4, 12);
        await workbench.page.keyboard.press('Control+.');
        const actions = workbench.page.locator('.action-widget .monaco-list-row.action');
        await actions.first().waitFor({ timeout: 30_000 });
        const titles: string[] = await actions.allTextContents();
        const fix = titles.findIndex(title => /import/i.test(title));
        assert.ok(fix >= 0, `quick fixes offered: ${titles.join(' | ')}`);
        await actions.nth(fix).click();
        await workbench.page.waitForFunction(() => !(globalThis as any).document.querySelector('.editor-instance .squiggly-error'), undefined, { timeout: 30_000 });
        const text: string = await workbench.page.locator('.editor-instance .view-lines').first().innerText();
        assert.match(text.replace(/\u00a0/g, ' '), /import "org\.ispec"/);
        const problems = await workbench.problems(DRAFT_FILE);
        assert.deepEqual(problems.get(DRAFT_FILE) ?? [], []);
    });

    it('opens the test matrix preview: the reviewer page, decision first, whose rows lead back to the spec', async () => {
        await workbench.openFile('results.ispec');
        await workbench.runCommand('Interspec: Open Test Matrix Preview');
        const page = await workbench.inWebview('Test matrix', async frame => frame.evaluate(() => {
            const document = (globalThis as any).document;
            return document.querySelectorAll('tbody.spec-link').length > 5 && {
                headings: [...document.querySelectorAll('h2')].map((h: any) => h.textContent.trim()),
                statuses: [...new Set([...document.querySelectorAll('.status')].map((e: any) => e.textContent.trim()))],
                text: document.body.innerText as string,
                scripts: document.querySelectorAll('script').length
            };
        }));
        assert.match(page.headings[0], /^Decision and summary/, `the decision and summary come first: ${page.headings.slice(0, 3).join(' | ')}`);
        assert.ok(page.headings.some((h: string) => /^Gate RiversidePilot (NO-GO|GO)/.test(h)), `rows grouped by gate: ${page.headings.join(' | ')}`);
        assert.ok(page.statuses.includes('pending') && page.statuses.includes('passed'), `statuses as words: ${page.statuses.join(', ')}`);
        assert.ok(!page.text.includes(workspace.workspace), 'no absolute path of the workspace');
        assert.ok(!/evidenceRequired|blockingFindings/.test(page.text), 'no JSON keys');
        // Beside the spec the preview is too narrow for nine columns: each test case is a card, and no word is split.
        const layout = await workbench.inWebview('Test matrix', async frame => frame.evaluate(() => {
            const document = (globalThis as any).document;
            const window = globalThis as any;
            const lineCount = (element: any) => {
                const range = document.createRange();
                range.selectNodeContents(element);
                return new Set([...range.getClientRects()].map((rect: any) => Math.round(rect.top))).size;
            };
            const rows = [...document.querySelectorAll('tbody[data-status] tr:not(.case-id)')];
            return rows.length > 0 && {
                width: window.innerWidth as number,
                header: window.getComputedStyle(document.querySelector('table.matrix thead')).display as string,
                // The Message cell ("ORU^R01") and the status word ("pending") each on one line, in every row.
                split: rows.flatMap((row: any) => [row.children[0], row.querySelector('.status')])
                    .filter((cell: any) => cell && cell.textContent.trim() && lineCount(cell) > 1)
                    .map((cell: any) => cell.textContent.trim()).slice(0, 5) as string[]
            };
        }));
        assert.ok(layout.width < 960, `the preview beside the spec is ${layout.width} px wide`);
        assert.equal(layout.header, 'none', 'cards, no column header row');
        assert.deepEqual(layout.split, [], 'words broken across lines');
        await workbench.screenshot(path.join(SCREENSHOTS, 'matrix-preview.png'));
        // A click on a test case opens its handler in the spec.
        await workbench.inWebview('Test matrix', async frame => {
            await frame.locator('tbody[id="TM-LabResults-Riverside-ORU_R01-downtime"] td').nth(1).click({ timeout: 5_000 });
            return true;
        });
        await workbench.page.locator('.tab.active', { hasText: 'results.ispec' }).waitFor({ timeout: 15_000 });
        const line = readFileSync(path.join(workspace.workspace, 'results.ispec'), 'utf8').split('\n').findIndex(text => text.startsWith('    on downtime')) + 1;
        await workbench.page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line},`) }).first().waitFor({ timeout: 15_000 });
    });

    it('opens the go-live checklist preview: decisions first, gates in rollout order, reasons as sentences', async () => {
        await workbench.runCommand('Interspec: Open Checklist Preview');
        const headings: string[] = await workbench.inWebview('Go-live checklist', async frame => frame.evaluate(() => {
            const document = (globalThis as any).document;
            const list = [...document.querySelectorAll('h2')].map((h: any) => h.textContent.trim());
            return list.length > 1 && list;
        }));
        assert.equal(headings[0], 'Decisions');
        assert.match(headings[1], /^Gate RiversidePilot/, `the pilot first (the other gates come after it): ${headings.join(' | ')}`);
        const text = await workbench.webviewText('Go-live checklist');
        assert.match(text, /Why NO-GO|Why GO/);
        assert.match(text, /Sign-off: RiversidePilot/);
        await workbench.screenshot(path.join(SCREENSHOTS, 'checklist-preview.png'));
    });

    it('keeps the Interspec output channel free of errors and warnings while typing with both previews open', async () => {
        // Both previews are open (the tests above); each keystroke re-parses results.ispec while they and the code
        // lenses regenerate the whole workspace. Issue 27 saw 45 warnings of reference resolution before scopes.
        await workbench.openFile('results.ispec');
        await workbench.page.keyboard.press('Control+End');
        for (const text of ['\nteam TypedOne "Typed with the previews open"', '\nteam TypedTwo "Typed again, quickly"']) {
            await workbench.page.keyboard.type(text, { delay: 25 });
            await new Promise(resolve => setTimeout(resolve, 600)); // the previews refresh 400 ms after a burst
        }
        await new Promise(resolve => setTimeout(resolve, 3000));
        await workbench.runCommand('File: Revert File');
        await new Promise(resolve => setTimeout(resolve, 3000));
        const output = interspecOutput(workspace.scratch);
        assert.ok(output.lines.some(line => line.startsWith('Starting the Interspec language server')), `the channel is read: ${output.files.join(', ') || 'no file'}`);
        assert.deepEqual(problemLines(output), []);
    });

    it('interspec init, then opening the folder, opens the starter file beside the walkthrough', async () => {
        const folder = path.join(workspace.scratch, 'new-spec');
        execFileSync(process.execPath, [path.join(REPO, 'bin', 'interspec.cjs'), 'init', folder], { encoding: 'utf8' });
        const fresh = await Workbench.open(server.url, folder);
        try {
            await fresh.page.locator('.tab.active', { hasText: 'integration.ispec' }).or(fresh.page.locator('.tab', { hasText: 'integration.ispec' })).first().waitFor({ timeout: 60_000 });
            await fresh.page.locator('.gettingStartedContainer').first().waitFor({ timeout: 30_000 });
            await fresh.screenshot(path.join(SCREENSHOTS, 'walkthrough.png'));
        } finally {
            await fresh.close();
        }
    });
});

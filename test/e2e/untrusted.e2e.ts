import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { DRAFT_FILE, type ScratchWorkspace } from './support/scratch.js';
import { useWorkbench } from './support/use-workbench.js';
import type { Workbench } from './support/workbench.js';

/** Language server processes started from this scratch folder's installed extension. */
function serverProcesses(scratch: string): string[] {
    const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
    return lines.filter(line => line.includes(scratch) && line.includes('server.cjs'));
}

// Workspace trust: in Restricted Mode the extension gives syntax colouring only; the server starts on trust.
describe('e2e: an untrusted workspace', function () {
    this.timeout(120_000);
    let workspace: ScratchWorkspace;
    let workbench: Workbench;

    useWorkbench(session => { ({ workspace, workbench } = session); }, { trust: true });

    it('colours an .ispec file but starts no language server', async () => {
        await workbench.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 60_000 });
        await workbench.openFile(DRAFT_FILE);
        // Keywords get their own token colour from the TextMate grammar (tokenising is asynchronous: wait for it).
        const coloured = await workbench.page.waitForFunction(() => {
            const lines = [...(globalThis as any).document.querySelectorAll('.editor-instance .view-line')] as Array<{ textContent: string, querySelectorAll(s: string): any }>;
            const line = lines.find(element => element.textContent.replace(/\u00a0/g, ' ').startsWith('system '));
            return line && new Set([...line.querySelectorAll('span span')].map((span: { className: string }) => span.className)).size > 1;
        }, undefined, { timeout: 20_000 }).then(() => true, () => false);
        if (!coloured) {
            await workbench.screenshot('out/e2e-screenshots/untrusted.png');
        }
        assert.ok(coloured, 'the system line has more than one token colour');
        await workbench.page.waitForTimeout(5_000);
        assert.equal(await workbench.page.locator('.squiggly-error').count(), 0, 'no diagnostics without the server');
        assert.deepEqual(serverProcesses(workspace.scratch), []);
    });

    it('explains Restricted Mode in the walkthrough: the server waits for trust, and how to trust', async () => {
        await workbench.runCommand('Interspec: Open Getting Started');
        const step = workbench.page.locator('.gettingStartedContainer', { hasText: 'Trust the folder' }).first();
        await step.waitFor({ timeout: 30_000 });
        const text: string = (await step.innerText()).replace(/\s+/g, ' ');
        assert.match(text, /Restricted Mode Interspec only colours \.ispec files: its language server .* waits until you trust the folder/, text.slice(0, 400));
        assert.deepEqual(serverProcesses(workspace.scratch), [], 'opening the walkthrough starts no server');
        await workbench.openFile(DRAFT_FILE); // the walkthrough opened another spec file beside it: back to the draft
    });

    it('starts the server once the workspace is trusted', async () => {
        await workbench.runCommand('Workspaces: Manage Workspace Trust');
        await workbench.page.getByRole('button', { name: /^Trust/ }).first().click();
        await workbench.page.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
        assert.equal(serverProcesses(workspace.scratch).length, 1);
    });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CHROMIUM, playwright } from './tools.js';

/** A Chromium page on the code-server workbench, driven the way a user drives it: clicks and keys. */
export class Workbench {
    private constructor(readonly page: any, private readonly context: any, private readonly profile: string) {}

    static async open(url: string, folder: string, onConsole: (text: string) => void = () => {}): Promise<Workbench> {
        return Workbench.openWithPage(url, async page => {
            page.on('console', (message: any) => onConsole(message.text()));
            return `?folder=${encodeURIComponent(folder)}`;
        });
    }

    /** Opens the workbench at the query `prepare` returns, after it set the page up (e.g. exposed functions). */
    static async openWithPage(url: string, prepare: (page: any) => Promise<string>): Promise<Workbench> {
        const profile = mkdtempSync(path.join(tmpdir(), 'interspec-e2e-chromium-'));
        const context = await playwright().chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM,
            headless: true,
            viewport: { width: 1400, height: 880 },
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                '--disable-background-networking', '--disable-component-update', '--disable-sync']
        });
        const page = context.pages()[0] ?? await context.newPage();
        const query = await prepare(page);
        await page.goto(`${url}/${query}`);
        await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
        return new Workbench(page, context, profile);
    }

    async close(): Promise<void> {
        await this.context.close().catch(() => undefined);
        rmSync(this.profile, { recursive: true, force: true });
    }

    /** Opens a file by clicking it in the Explorer (Quick Open was flaky in the recipe). */
    async openFile(name: string): Promise<void> {
        const row = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: new RegExp(`^${name.replace('.', '\\.')}`) });
        await row.first().waitFor({ timeout: 60_000 });
        await row.first().click();
        await this.page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
        await this.page.locator('.monaco-editor .view-lines').first().click();
    }

    /** Moves the cursor with Go to Line (line:column, 1-based). */
    async goTo(line: number, column: number): Promise<void> {
        await this.page.keyboard.press('Control+G');
        await this.page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
        await this.page.keyboard.type(`${line}:${column}`);
        await this.page.keyboard.press('Enter');
        await this.page.waitForTimeout(200);
    }

    /** Runs a command from the Command Palette by its full title. */
    async runCommand(title: string): Promise<void> {
        // Focus can sit in a webview (whose iframe swallows F1): retry once from the workbench.
        for (let attempt = 1; ; attempt++) {
            try {
                await this.page.keyboard.press('F1');
                const input = this.page.locator('.quick-input-widget input');
                await input.waitFor({ state: 'visible', timeout: 5_000 });
                await input.fill(`>${title}`);
                await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ state: 'visible', timeout: 10_000 });
                await this.page.keyboard.press('Enter');
                return;
            } catch (error) {
                if (attempt === 2) {
                    throw error;
                }
                await this.page.keyboard.press('Escape');
                await this.page.locator('.editor-instance .view-lines').first().click();
            }
        }
    }

    /** The rows of the Problems panel, as text, grouped under their file. */
    async problems(fileFilter = ''): Promise<Map<string, string[]>> {
        const panel = this.page.locator('.markers-panel');
        if (!await panel.isVisible()) {
            await this.page.keyboard.press('Control+Shift+M');
            await panel.waitFor({ timeout: 10_000 });
        }
        // The list is virtual (only visible rows exist): filter it to the file we look at.
        const filter = this.page.locator('.panel .viewpane-filter input');
        await filter.fill(fileFilter);
        await this.page.waitForTimeout(500);
        const rows: string[] = await this.page.locator('.markers-panel .monaco-list-row').allTextContents();
        const byFile = new Map<string, string[]>();
        let file = '';
        for (const row of rows.map(text => text.trim())) {
            // A file row reads `draft.ispec2` (name, then its count); marker rows end with `[Ln 4, Col 11]`.
            const fileRow = /^(\S+?\.(?:ispec|yaml))\d*$/.exec(row);
            if (fileRow) {
                file = fileRow[1];
                byFile.set(file, []);
            } else if (file) {
                byFile.get(file)!.push(row);
            }
        }
        return byFile;
    }

    /** The document of the visible webview panel (webviews are an iframe inside an iframe). */
    async webviewText(heading: string): Promise<string> {
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
            for (const frame of this.page.frames()) {
                if (!frame.url().includes('/webview/')) continue;
                const text: string = await frame.evaluate(() => (globalThis as any).document.body?.innerText ?? '').catch(() => '');
                if (text.includes(heading)) {
                    return text;
                }
            }
            await this.page.waitForTimeout(250);
        }
        throw new Error(`no webview shows "${heading}"`);
    }

    async webviewFrame(heading: string): Promise<any> {
        await this.webviewText(heading);
        for (const frame of this.page.frames()) {
            if (frame.url().includes('/webview/') && (await frame.evaluate(() => (globalThis as any).document.body?.innerText ?? '').catch(() => '')).includes(heading)) {
                return frame;
            }
        }
        throw new Error(`no webview shows "${heading}"`);
    }

    /**
     * Runs `probe` in the webview that shows `heading` until it returns a truthy value: a preview refreshes itself
     * (the spec changed, the panel became visible), which replaces its frame, so each try looks the frame up again.
     */
    async inWebview<T>(heading: string, probe: (frame: any) => Promise<T>, timeoutMs = 30_000): Promise<T> {
        const deadline = Date.now() + timeoutMs;
        let last: unknown;
        while (Date.now() < deadline) {
            try {
                const result = await probe(await this.webviewFrame(heading));
                if (result) {
                    return result;
                }
            } catch (error) {
                last = error;
            }
            await this.page.waitForTimeout(300);
        }
        throw new Error(`webview "${heading}": ${last instanceof Error ? last.message : 'the probe never held'}`);
    }

    /** The text of the active editor's visible lines (spaces normalised). */
    async editorText(): Promise<string> {
        const text: string = await this.page.locator('.editor-group-container.active .editor-instance .view-lines').first().innerText();
        return text.replace(/\u00a0/g, ' ');
    }

    /** Picks an entry of an open quick pick (a command asking for a format or a gate). */
    async quickPick(label: string): Promise<void> {
        const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label });
        await row.first().waitFor({ state: 'visible', timeout: 15_000 });
        await this.page.locator('.quick-input-widget input').fill(label);
        await this.page.waitForTimeout(200);
        await this.page.keyboard.press('Enter');
    }

    async screenshot(file: string): Promise<void> {
        await this.page.screenshot({ path: file });
    }
}

/**
 * Types into the focused editor the way a user does and counts every key: a character is one keystroke, Enter,
 * End or Ctrl+Space one each. `pick` types a prefix, opens the suggestions when typing did not, checks that the
 * item the widget has focused is the expected one, and accepts it with Enter.
 */
export class Keystrokes {
    count = 0;
    picks = 0;
    /** What was typed, for the report: text as typed, keys in angle brackets. */
    readonly log: string[] = [];

    constructor(private readonly page: any) {}

    async type(text: string): Promise<void> {
        for (const char of text) {
            if (char === '\n') {
                await this.page.keyboard.press('Enter');
            } else {
                await this.page.keyboard.type(char);
            }
            this.count++;
        }
        if (text) {
            this.log.push(JSON.stringify(text));
        }
        await this.page.waitForTimeout(150);
    }

    /** A key or chord; `counted` false for keys that are not part of writing (saving the file). */
    async press(key: string, counted = true): Promise<void> {
        await this.page.keyboard.press(key);
        if (counted) {
            this.count++;
            this.log.push(`<${key}>`);
        }
        await this.page.waitForTimeout(150);
    }

    /**
     * Types `prefix`, opens the suggestions if typing did not (or they closed while the list was filtered), and
     * accepts `label`, which must be the item the widget has focused.
     */
    async pick(prefix: string, label: string): Promise<void> {
        const widget = this.page.locator('.suggest-widget.visible');
        await this.type(prefix);
        const focused = this.page.locator('.suggest-widget.visible .monaco-list-row.focused');
        const deadline = Date.now() + 15_000;
        let current = '';
        let opened = 0;
        while (Date.now() < deadline) {
            if (!await widget.isVisible() && opened < 2) {
                await this.page.waitForTimeout(400);
                if (!await widget.isVisible()) {
                    await this.press('Control+Space');
                    opened++;
                }
            }
            current = (await focused.first().getAttribute('aria-label', { timeout: 1_000 }).catch(() => '')) ?? '';
            if (isItem(current, label)) {
                break;
            }
            await this.page.waitForTimeout(200);
        }
        if (!isItem(current, label)) {
            const rows: string[] = await this.page.locator('.suggest-widget.visible .monaco-list-row').evaluateAll(
                (elements: any[]) => elements.map(element => element.getAttribute('aria-label'))).catch(() => []);
            throw new Error(`after typing ${JSON.stringify(prefix)} the focused suggestion is "${current}", not "${label}"; offered: ${rows.slice(0, 12).join(' | ')}`);
        }
        await this.press('Enter');
        this.picks++;
        this.log.push(`[${label}]`);
    }
}

/** Whether a suggestion's aria-label (`label, kind` or `label  detail, kind`) is the item `label`. */
function isItem(ariaLabel: string, label: string): boolean {
    return ariaLabel === label || (ariaLabel.startsWith(label) && /^[,\s]/.test(ariaLabel.slice(label.length)));
}

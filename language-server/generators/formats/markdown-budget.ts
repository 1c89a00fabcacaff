/**
 * Markdown that must fit where reviewers read it: a GitHub pull-request comment holds at most 65,536 characters
 * (GitHub's limit on an issue or pull-request comment body). Sections are added in order of importance; a list or
 * table that does not fit is cut with a line that says how many entries were left out and where the rest is.
 */

/** GitHub's limit on a pull-request comment body, in characters. */
export const PR_COMMENT_LIMIT = 65_536;

/** Room kept for the lines every cut section ends with, and for what follows the last section. */
const RESERVE = 2_000;

export class BoundedMarkdown {
    private readonly parts: string[] = [];
    private size = 0;

    constructor(private readonly limit = PR_COMMENT_LIMIT) {}

    /** Adds text that must be there (headings, totals); it is short by construction. */
    add(text: string): void {
        this.parts.push(text);
        this.size += text.length;
    }

    /**
     * Adds the entries of a list or table after `header`, as many as fit within `share` of the room left (1: all
     * of it); then `cut(left)` when entries were left out. Returns how many were written.
     */
    addList(header: string, entries: Iterable<string>, cut: (left: number) => string, share = 1): number {
        const room = Math.max(0, Math.floor((this.limit - RESERVE - this.size - header.length) * share));
        let used = 0;
        let written = 0;
        let left = 0;
        const lines: string[] = [];
        for (const entry of entries) {
            if (left === 0 && used + entry.length + 1 <= room) {
                lines.push(entry);
                used += entry.length + 1;
                written++;
            } else {
                left++;
            }
        }
        this.add(header + lines.map(line => `${line}\n`).join(''));
        if (left > 0) {
            this.add(`\n${cut(left)}\n`);
        }
        return written;
    }

    toString(): string {
        return this.parts.join('');
    }
}

/** Spec text shortened for one cell of a summary: at most `max` characters, cut with an ellipsis. */
export function clip(text: string, max = 160): string {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

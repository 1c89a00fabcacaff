import { escapeHtml } from '../util/escape.js';
/** The output side shared by every format: the sink contract; escaping is ../escape.ts, re-exported here. */

/** Where generated text goes: a file stream, a string builder, an LSP response. May apply back-pressure. */
export interface TextSink {
    write(chunk: string): void | Promise<void>;
}

/** Writes to a sink, waiting when the sink asks to. */
export async function emit(sink: TextSink, chunk: string): Promise<void> {
    const pending = sink.write(chunk);
    if (pending) {
        await pending;
    }
}

/**
 * A sink that encodes text as UTF-8 into blocks of `size` bytes (64 KiB by default) and passes each full block to
 * `target`: generators write a chunk per row, and a file written a row at a time costs a system call per row, while
 * joining rows into a string per block and then encoding it cost more than making the rows (a 121,604-row matrix).
 * A chunk larger than a block is passed on by itself. Call `flush` after the last write; the bytes are the text's.
 */
export class Utf8BlockSink implements TextSink {
    private block: Buffer;
    private used = 0;

    constructor(private readonly target: { write(bytes: Buffer): void | Promise<void> }, private readonly size = 65536) {
        this.block = Buffer.allocUnsafe(size);
    }

    write(chunk: string): void | Promise<void> {
        // A UTF-16 code unit never takes more than 3 bytes of UTF-8, so `length * 3` bytes always hold the chunk.
        if (chunk.length * 3 <= this.size - this.used) {
            this.used += this.block.write(chunk, this.used, 'utf8');
            return undefined;
        }
        return this.writeAfterFlush(chunk);
    }

    private async writeAfterFlush(chunk: string): Promise<void> {
        await this.flush();
        if (chunk.length * 3 <= this.size) {
            this.used += this.block.write(chunk, this.used, 'utf8');
        } else {
            await this.target.write(Buffer.from(chunk, 'utf8'));
        }
    }

    /** Passes on the bytes held (nothing when empty); returns the target's promise when it asks to wait. */
    flush(): void | Promise<void> {
        if (this.used === 0) {
            return undefined;
        }
        const full = this.block.subarray(0, this.used);
        this.block = Buffer.allocUnsafe(this.size);
        this.used = 0;
        return this.target.write(full);
    }
}

/** A sink that collects everything into one string, for small outputs (previews, tests). */
export class StringSink implements TextSink {
    private readonly chunks: string[] = [];
    write(chunk: string): void {
        this.chunks.push(chunk);
    }
    toString(): string {
        return this.chunks.join('');
    }
}

export { csvField, csvRecord, escapeHtml, escapeMarkdown, markdownCode } from '../util/escape.js';

/** The byte-order mark that makes spreadsheets read a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/** Shared print-friendly style of the HTML outputs (inline: the pages load nothing). */
export const HTML_STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; margin: 2rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { border: 1px solid #d0d7de; padding: 4px 6px; vertical-align: top; text-align: left; overflow-wrap: break-word; }
table.matrix td:nth-child(2), table.matrix td:nth-child(3), table.matrix td:nth-child(4), table.matrix td:nth-child(9) { white-space: nowrap; }
table.matrix td:first-child { min-width: 14em; }
thead th { background: #f6f8fa; }
code { font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; }
.unhandled td { background: #fff5f5; }
.status { font-weight: 600; white-space: nowrap; }
.status-passed, .status-done { color: #1a7f37; }
.status-waived { color: #6e7781; }
.status-failed { color: #cf222e; }
.status-pending { color: #9a6700; }
.decision { display: inline-block; padding: .25rem .75rem; border-radius: 4px; font-weight: 700; color: #fff; }
.decision-GO { background: #1a7f37; }
.decision-NO-GO { background: #cf222e; }
ul.items { list-style: none; padding-left: 0; }
ul.items li { margin: .4rem 0; }
.meta { color: #57606a; font-size: 12px; }
@media print { body { margin: 0; font-size: 11px; } thead { display: table-header-group; } tr, li { break-inside: avoid; } @page { size: landscape; margin: 12mm; } }
`.trim();

/** The start of a standalone page: no scripts, no remote resources, and a policy that forbids both. */
export function htmlHead(title: string): string {
    return '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        + '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n'
        + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        + `<title>${escapeHtml(title)}</title>\n<style>\n${HTML_STYLE}\n</style>\n</head>\n<body>\n`;
}

export const HTML_END = '</body>\n</html>\n';

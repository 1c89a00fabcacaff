/**
 * What GitHub does to a Markdown comment, as far as the tests of the Markdown writers need it: the text its
 * reference filters read (outside code spans and links, after backslash escapes and entities are decoded, `<br>`
 * as a line break), and what in that text it would turn into a link. It errs on the side of finding a link: it
 * takes any `@` before a letter or digit as a mention, any `#` before a digit as an issue reference, and any run
 * of 7 or more hex digits outside a word as a commit SHA, whether or not such a user, issue or commit exists.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: '\u00A0' };
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** The text of one line of Markdown as GitHub's filters see it; code spans and links become a space. */
export function renderedText(line: string): string {
    let out = '';
    let i = 0;
    while (i < line.length) {
        const char = line[i];
        if (char === '\\' && i + 1 < line.length && ASCII_PUNCTUATION.test(line[i + 1])) {
            out += line[i + 1];
            i += 2;
            continue;
        }
        if (char === '`') {
            const run = /^`+/.exec(line.slice(i))![0];
            const close = findRun(line, i + run.length, run.length);
            if (close >= 0) {
                out += ' ';
                i = close + run.length;
            } else {
                out += run;
                i += run.length;
            }
            continue;
        }
        if (char === '<') {
            const tag = /^(?:<br>|<!--[\s\S]*?-->|<\/?(?:details|summary)>)/.exec(line.slice(i));
            if (tag) {
                out += tag[0] === '<br>' ? '\n' : ' ';
                i += tag[0].length;
                continue;
            }
        }
        if (char === '&') {
            const entity = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/.exec(line.slice(i));
            const decoded = entity && (entity[1] ? String.fromCodePoint(Number(entity[1]))
                : entity[2] ? String.fromCodePoint(parseInt(entity[2], 16)) : ENTITIES[entity[3]]);
            if (entity && decoded !== undefined) {
                out += decoded;
                i += entity[0].length;
                continue;
            }
        }
        if (char === '[') {
            // An inline link: its text is inside an <a>, where GitHub links nothing more.
            const link = /^\[(?:\\.|[^\]\\])*\]\((?:<[^<>\n]*>|[^()\s]*)\)/.exec(line.slice(i));
            if (link) {
                out += ' ';
                i += link[0].length;
                continue;
            }
        }
        out += char;
        i++;
    }
    return out;
}

function findRun(line: string, from: number, length: number): number {
    for (let i = from; i < line.length; i++) {
        if (line[i] !== '`') continue;
        const run = /^`+/.exec(line.slice(i))![0];
        if (run.length === length) return i;
        i += run.length - 1;
    }
    return -1;
}

const REFERENCES: Array<[string, RegExp]> = [
    ['mention', /@[\p{L}\p{Nd}]/u],
    ['issue or pull request', /#\p{Nd}/u],
    ['GH- reference', /gh-\p{Nd}/iu],
    ['commit SHA', /(?<![A-Za-z0-9_])[0-9A-Fa-f]{7,}(?![A-Za-z0-9_])/]
];

/** Every reference GitHub would link in the Markdown, with its kind and line. */
export function githubLinks(markdown: string): string[] {
    const found: string[] = [];
    markdown.split('\n').forEach((line, index) => {
        const text = renderedText(line);
        for (const [kind, pattern] of REFERENCES) {
            const match = pattern.exec(text);
            if (match) found.push(`line ${index + 1}: ${kind} '${text.slice(Math.max(0, match.index - 10), match.index + 20)}' in ${JSON.stringify(line)}`);
        }
    });
    return found;
}

/** Cells of a table row, split on the pipes that are not backslash-escaped (GFM splits inside code spans too). */
export function tableCells(line: string): number {
    return line.trim().replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).length;
}

/**
 * Where a writer's structure broke: a table row with more or fewer cells than its header, or a list item whose
 * text opens a block (a heading, a nested list, a thematic break, a quote, a fence, an indented code block).
 */
export function structureProblems(markdown: string): string[] {
    const problems: string[] = [];
    let width: number | undefined;
    markdown.split('\n').forEach((line, index) => {
        if (line.startsWith('|')) {
            const cells = tableCells(line);
            width ??= cells;
            if (cells !== width) problems.push(`line ${index + 1}: ${cells} cells, the header has ${width}: ${JSON.stringify(line)}`);
        } else {
            width = undefined;
        }
        const item = /^\s*- (?:\[[ x]\] )?(.*)$/.exec(line);
        if (item && /^(?: {0,3}(?:#{1,6}(?:\s|$)|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|>|```|~~~|-{3,}\s*$|\*{3,}\s*$|_{3,}\s*$)| {4})/.test(item[1])) {
            problems.push(`line ${index + 1}: a list item that opens a block: ${JSON.stringify(line)}`);
        }
    });
    return problems;
}

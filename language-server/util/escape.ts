/**
 * One escaping function per output format. Every writer (CLI formatters, generators, previews) calls these and
 * none escapes on its own, so a hostile spec string or file name is neutralised the same way everywhere.
 *
 * "Neutralised" means: a control character (C0 but tab, LF and CR, DEL, C1) or an invisible bidirectional
 * formatting character (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069: the "Trojan Source" characters)
 * is shown as the visible text `\u001B`, `\u202E`, so it cannot clear a terminal, hide text or reorder a line.
 */

// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BIDI_OR_NEWLINE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/g;

// The same sets without the global flag, to test whether a string needs any work at all: most spec text does not,
// and a 121,604-row matrix escapes every cell.
// eslint-disable-next-line no-control-regex
const HAS_CONTROL_OR_BIDI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const HAS_MARKDOWN_SPECIAL = /[&<>@\\`*_[\]|~\r\n\u2028\u2029]/;
const HAS_HTML_SPECIAL = /[&<>"']/;
const HAS_CODE_SPECIAL = /[`|\r\n\u2028\u2029]/;

function visible(char: string): string {
    return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Control and bidi characters as visible `\uXXXX` text; tab, line feed and carriage return stay. */
export function neutraliseControls(text: string): string {
    return HAS_CONTROL_OR_BIDI.test(text) ? text.replace(CONTROL_OR_BIDI, visible) : text;
}

/**
 * One line for a terminal (stylish output, gate reasons, error messages): every control character (also CR and
 * LF: a finding is one line), DEL, C1 and bidi character becomes visible `\uXXXX`, so `"\e[2J"` in a spec string
 * prints as `\u001B[2J` instead of clearing the screen.
 */
export function escapeTerminal(text: string): string {
    return text.replace(CONTROL_OR_BIDI_OR_NEWLINE, visible);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };

/** Text for HTML element content or a quoted attribute value: markup characters as entities, controls neutralised. */
export function escapeHtml(text: string): string {
    if (!HAS_HTML_SPECIAL.test(text) && !HAS_CONTROL_OR_BIDI.test(text)) {
        return text;
    }
    return neutraliseControls(text).replace(/[&<>"']/g, char => HTML_ENTITIES[char]);
}

const MARKDOWN_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * A zero-width space, written as its entity so the Markdown file shows it. GitHub makes links of references in
 * the rendered text, after entities and backslash escapes are decoded (`\@name`, `&#64;name` and `&#35;12` still
 * link: github/cmark-gfm#181, github/markup#1168), so the only way to stop a reference in plain text is a character
 * inside it that is not part of it. Renovate writes the same into millions of pull requests.
 */
const ZERO_WIDTH_SPACE = '\u200B';
const ZERO_WIDTH_SPACE_ENTITY = '&#8203;';

/** Whether a text may hold something GitHub links (see breakAutolinks): `@`, `#`, `GH-`, seven hex digits in a row. */
const HAS_AUTOLINK = /[#@]|gh-|[0-9a-f]{7}/i;
/** A run of seven or more hex digits not inside a word: what GitHub takes for a commit SHA (it needs 7 to 40). */
const HEX_RUN = /(?<![A-Za-z0-9_])[0-9A-Fa-f]{7,}(?![A-Za-z0-9_])/g;
/** What starts a block when it opens a list item: a heading, a list, a thematic break (after any indentation), or indentation. */
const LEADING_MARKER = /^[ \t]*(?:[#+\-=]|\d{1,9}[.)])|^[ \t]/;

/**
 * Every reference GitHub autolinks in a comment, broken by a zero-width space so it renders as the same text and
 * links nowhere: `@name` and `@org/team` (mentions, and `user@sha`), `#12` and `owner/repo#12` (issues and pull
 * requests, any digits), `GH-12` (any case), and commit SHAs (a run of 7 or more hex digits that is not part of a
 * word, cut every 6 digits, so `owner/repo@sha` and 40- or 64-digit hashes too). Applied to every text, URLs
 * included: a URL in spec text may lose its link where it holds one of these, never link somewhere else.
 */
function breakAutolinks(text: string): string {
    return text
        .replace(HEX_RUN, run => run.replace(/.{6}(?=.)/g, `$&${ZERO_WIDTH_SPACE}`))
        .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
        .replace(/#(?=\p{Nd})/gu, `#${ZERO_WIDTH_SPACE}`)
        .replace(/(gh-)(?=\p{Nd})/giu, `$1${ZERO_WIDTH_SPACE}`);
}

/**
 * Spec text for a Markdown table cell or list item (the one Markdown escaping; code spans are markdownCode, links
 * markdownLink): HTML cannot get through, characters that would start formatting, links or a new table cell are
 * backslash-escaped, nothing GitHub autolinks stays a link (mentions, issue and pull-request references, commit
 * SHAs: breakAutolinks), a text that would open a block where a list item starts (`# `, `- `, `+ `, `1. `, `1) `,
 * indentation) is escaped, any line break (CRLF, lone CR, LF, U+2028/U+2029) becomes `<br>` so the row stays one
 * row, and controls are neutralised. Rendered, the text reads as it was written (zero-width spaces aside).
 */
export function escapeMarkdown(text: string): string {
    if (!HAS_MARKDOWN_SPECIAL.test(text) && !HAS_CONTROL_OR_BIDI.test(text) && !HAS_AUTOLINK.test(text) && !LEADING_MARKER.test(text)) {
        return text;
    }
    let escaped = neutraliseControls(breakAutolinks(text)
        .replace(/[&<>]/g, char => MARKDOWN_ENTITIES[char])
        .replace(/[\\`*_[\]|~]/g, char => `\\${char}`)
        .replace(/\r\n|[\r\n\u2028\u2029]/g, '<br>'));
    const leading = /^[ \t]*/.exec(escaped)![0];
    if (leading || LEADING_MARKER.test(escaped)) {
        const rest = escaped.slice(leading.length).replace(/^(?:[#+\-=]|\d{1,9}(?=[.)]))/, marker => /^\d/.test(marker) ? marker + '\\' : `\\${marker}`);
        escaped = leading.replace(/[ \t]/g, char => char === ' ' ? '&#32;' : '&#9;') + rest;
    }
    return escaped.replace(/\u200B/g, ZERO_WIDTH_SPACE_ENTITY);
}

/**
 * A link a reviewer can follow (an evidence entry's `link`). A URL that escaping leaves as it is stays plain text
 * (GitHub links it to itself); a plain http or https URL that escaping would change (it holds `@`, `#12`, a
 * hex run, `_`...) becomes a Markdown link whose target is the URL exactly and whose text is the URL escaped, so
 * it still leads where it says; anything else is escaped text.
 */
export function markdownLink(url: string): string {
    const escaped = escapeMarkdown(url);
    // No space, no control, no character a `<...>` link target or a table cell cannot hold.
    if (escaped !== url && url.length <= 2000
        && /^https?:\/\/[^\s<>\\`|\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069]+$/i.test(url)) {
        return `[${escaped}](<${url}>)`;
    }
    return escaped;
}

/** An identifier-like value (ids, names, file:line) as a Markdown code span: one line, no backtick, no pipe break. */
export function markdownCode(text: string): string {
    if (!HAS_CODE_SPECIAL.test(text) && !HAS_CONTROL_OR_BIDI.test(text)) {
        return '`' + text + '`';
    }
    return '`' + escapeTerminal(text.replace(/`/g, '\'').replace(/\|/g, '\\|').replace(/\r\n|[\r\n]/g, ' ')) + '`';
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma, CR or LF, quotes doubled. A field a spreadsheet
 * would run as a formula (starting, after any spaces or tabs, with =, +, -, @, or starting with tab or CR; the
 * OWASP "CSV injection" list) is prefixed with an apostrophe. Other controls are neutralised.
 */
export function csvField(text: string): string {
    const clean = neutraliseControls(text);
    const safe = /^(?:[\t\r]|[ \t]*[=+\-@])/.test(clean) ? `'${clean}` : clean;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record: fields escaped by csvField, joined by commas, ended by CRLF. */
export function csvRecord(fields: string[]): string {
    return fields.map(csvField).join(',') + '\r\n';
}

/**
 * Text for XML 1.0 content and attribute values (JUnit): markup characters as entities; characters XML 1.0
 * cannot carry (C0 but tab, LF, CR; U+FFFE, U+FFFF) dropped; C1 and bidi characters neutralised.
 */
export function escapeXml(text: string): string {
    return text
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
        .replace(/[\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, visible)
        .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A GitHub Actions workflow command's message, as the runner un-escapes it; other controls neutralised. */
export function escapeWorkflowData(text: string): string {
    return neutraliseControls(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command property value: as data, plus the `:` and `,` that delimit properties. */
export function escapeWorkflowProperty(text: string): string {
    return escapeWorkflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

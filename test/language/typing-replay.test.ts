import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem, type ParseResult } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { InterspecDocumentValidator } from '../../language-server/language/interspec-document-validator.js';
import { createInterspecCoreServices, type InterspecCoreServices } from '../../language-server/language/interspec-module.js';

/**
 * Replays the typing of every example file: the text up to each cursor position, as an architect typing the file
 * from the top sees it, must give syntax errors that speak the language (no grammar token or rule name, no dump of
 * keyword alternatives) and at most one per line.
 *
 * Positions: the end of every line of every file, and every character of one line in LINE_STRIDE (a deterministic
 * choice that shifts per file, so every kind of line is typed character by character somewhere). Only the top-level
 * element the cursor is in is parsed (from its region start, `RegionParser.regionAround`): the elements before it
 * are complete example text that parses without error, so the parser is at the top level where the region starts and
 * the errors are those of the whole prefix, in a fraction of the time.
 */

const LINE_STRIDE = Number(process.env.TYPING_REPLAY_STRIDE ?? 4);
const EXAMPLES = path.join(process.cwd(), 'examples');

/** Words of the grammar that mean nothing to an architect: terminal names, rule names, Chevrotain's wording. */
const INTERNAL_WORDS: RegExp[] = [
    /\bID\b/, /\bSTRING\b/, /\bDURATION\b/, /\bNUMBER\b/, /\bWord\b/, /\bEOF\b/, /\bVERSION\b/, /\bPERCENT\b/, /\bCOVER\b/,
    /\bDICOM_PRIVATE_TAG\b/, /\bDICOM_TAG\b/, /\bGS1_AI\b/, /\bPAREN_NUMBER\b/, /\bPAREN_STRING\b/, /\bWS\b/,
    /\bML_COMMENT\b/, /\bSL_COMMENT\b/, /:KW\b/, /\[[A-Z][A-Za-z]+\]/, /-->/, /<[A-Z_]+>/,
    /\b(?:FieldPath|PathStep|MessageType|AuthoritySelector|InlineSuppression|ServiceHours|CodeMap|CodeEntry|AnalyteUnits|AnalyteUnit|UnitMapping|MappingGroup|ExceptionHandler|VendorSupport|RemoteAccess|DowntimeProcedure|ChangeAuthority|ChangeStatus|FieldKind|CodeTable|SegmentField)\b/
];

/** More quoted alternatives than this in one message is a dump of the grammar, not help. */
const MAX_QUOTED = 6;

function exampleFiles(dir: string): string[] {
    return readdirSync(dir).sort().flatMap(name => {
        const file = path.join(dir, name);
        return statSync(file).isDirectory() ? exampleFiles(file) : name.endsWith('.ispec') ? [file] : [];
    });
}

/** The syntax diagnostics of a parse, placed as the document validator places them (line of an error at EOF included). */
class SyntaxDiagnostics extends InterspecDocumentValidator {
    of(result: ParseResult): Diagnostic[] {
        const diagnostics: Diagnostic[] = [];
        this.processLexingErrors(result, diagnostics, {});
        this.processParsingErrors(result, diagnostics, {});
        return diagnostics;
    }
}

/** Why a message is not one for an architect, or undefined. */
function internalIn(message: string): string | undefined {
    const word = INTERNAL_WORDS.find(pattern => pattern.test(message));
    if (word) {
        return `names ${word}`;
    }
    const quoted = message.match(/'[^']+'|`[^`]+`/g) ?? [];
    return quoted.length > MAX_QUOTED ? `lists ${quoted.length} quoted alternatives` : undefined;
}

/** The cursor offsets replayed in one file: every line end, and every character of the lines the stride picks. */
function cursorOffsets(text: string, seed: number): number[] {
    const offsets: number[] = [];
    let start = 0;
    for (let line = 0; start <= text.length; line++) {
        const newline = text.indexOf('\n', start);
        const end = newline < 0 ? text.length : newline;
        if ((line + seed) % LINE_STRIDE === 0) {
            for (let offset = start + 1; offset < end; offset++) offsets.push(offset);
        }
        offsets.push(end);
        start = end + 1;
    }
    return offsets;
}

describe('language: typing every example file gives messages in the words of the language', function () {
    this.timeout(240000);
    const files = exampleFiles(EXAMPLES);
    let services: InterspecCoreServices;
    let syntax: SyntaxDiagnostics;

    before(() => {
        services = createInterspecCoreServices(EmptyFileSystem).Interspec;
        syntax = new SyntaxDiagnostics(services);
    });

    it('finds the example files', () => {
        assert.ok(files.length >= 20, `${files.length} example files`);
    });

    it('never names a grammar token or rule, never lists the grammar\'s alternatives, and gives at most one syntax error per line', () => {
        const bad = new Map<string, string>();
        const crowded = new Map<string, string>();
        let replayed = 0;
        files.forEach((file, index) => {
            const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
            const relative = path.relative(EXAMPLES, file);
            const whole = services.parser.LangiumParser.parse(text);
            assert.deepEqual(syntax.of(whole).map(d => d.message), [], `${relative} parses without error`);
            for (const offset of cursorOffsets(text, index)) {
                const region = services.regions.regionAround(text, offset);
                const typed = text.slice(region.start, offset);
                const firstLine = text.slice(0, region.start).split('\n').length - 1;
                const diagnostics = syntax.of(services.parser.LangiumParser.parse(typed));
                replayed++;
                const where = () => `${relative} typed to line ${firstLine + typed.split('\n').length}: ${JSON.stringify(typed.split('\n').pop())}`;
                const perLine = new Map<number, string[]>();
                for (const diagnostic of diagnostics) {
                    const why = internalIn(diagnostic.message);
                    if (why && !bad.has(diagnostic.message)) {
                        bad.set(diagnostic.message, `${why}: ${where()}`);
                    }
                    perLine.set(diagnostic.range.start.line, [...perLine.get(diagnostic.range.start.line) ?? [], diagnostic.message]);
                }
                for (const messages of perLine.values()) {
                    const key = messages.join(' | ');
                    if (messages.length > 1 && !crowded.has(key)) {
                        crowded.set(key, where());
                    }
                }
            }
        });
        const report = (map: Map<string, string>) => [...map].slice(0, 40).map(([message, where]) => `  ${message}\n    (${where})`).join('\n');
        assert.ok(replayed > 10000, `${replayed} positions replayed`);
        assert.ok(bad.size === 0 && crowded.size === 0, `${bad.size} messages name the grammar's internals or list its alternatives:\n${report(bad)}\n`
            + `${crowded.size} lines with more than one syntax error:\n${report(crowded)}`);
    });
});

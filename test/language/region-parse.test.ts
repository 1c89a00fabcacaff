import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createLangiumParser, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import { createInterspecServices } from '../../language-server/lsp/interspec-lsp-module.js';
import { collapseSyntaxErrors } from '../../language-server/language/one-syntax-error-per-line.js';
import { REGION_PARSE } from '../../language-server/language/region-parser.js';
import { gate, iface, ORG, seededRandom, site } from '../support/synthetic-workspace.js';
import { writeWorkspace } from '../support/workspace.js';
import { assertSame, describeParse as describe_ } from '../support/parse-description.js';

/**
 * Region parsing (so that a keystroke in a large file does not parse all of it again): an edit inside one top-level
 * element re-parses that element only, and the spliced result is exactly the whole parse: the AST, every CST node's
 * offset, range and root, and the syntax errors.
 */


/** A spec of some 200 lines with every kind of top-level element. */
function spec(random: () => number): string {
    return 'import "other.ispec"\n' + ORG + site(1) + site(2) + gate(1)
        + 'change Upgrade "LIS upgrade" { status approved approved-by LabIT }\ncodetable Results { owner LabIT codes A, B }\n'
        + iface(1, ['Site1'], random) + '// between elements\n/* a comment\n   team Inside comment */\n' + iface(2, ['Site1', 'Site2'], random);
}

/** Text to insert that moves, makes or breaks region boundaries. */
const INSERTIONS = [
    'team T\n', 'interface ', 'import "x.ispec"\n', 'role R { team LabIT }\n', '}', '{', '"', '\\', '//', '/*', '*/',
    '\n', '\r\n', '\r', ' ', 'x', 'team', 'teams ', 'team-x ', 'site Site9 "S" {\n', 'gate', '"a\nteam Q\n"', 'rollout big-bang\n'
];

/** One random edit: insert a piece at a random place (often a line start), delete a range, or copy a range. */
function mutate(text: string, random: () => number): string {
    const roll = random();
    const at = Math.floor(random() * (text.length + 1));
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (roll < 0.55) {
        const piece = INSERTIONS[Math.floor(random() * INSERTIONS.length)];
        const where = random() < 0.5 ? lineStart : at;
        return text.slice(0, where) + piece + text.slice(where);
    }
    const length = Math.floor(random() * (random() < 0.8 ? 20 : 400));
    if (roll < 0.9) {
        return text.slice(0, at) + text.slice(at + length);
    }
    return text.slice(0, lineStart) + text.slice(at, at + length) + text.slice(lineStart);
}

describe('language: region parsing', function () {
    this.timeout(600000);
    const saved = REGION_PARSE.minChars;
    before(() => { REGION_PARSE.minChars = 0; });
    after(() => { REGION_PARSE.minChars = saved; });

    function services() {
        const { Interspec } = createInterspecServices(EmptyFileSystem);
        return { regions: Interspec.regions, whole: (text: string) => Interspec.parser.LangiumParser.parse(text) };
    }

    it('an edit inside one element parses that element again and reuses the others', () => {
        const { regions, whole } = services();
        const text = spec(seededRandom(1));
        regions.parse('file:///a.ispec', text);
        const before = { ...regions.stats };
        const edited = text.replace('"Results feed 2"', '"Results feed two"');
        const result = regions.parse('file:///a.ispec', edited);
        assert.equal(regions.stats.parsed - before.parsed, 1, 'one region parsed again');
        assert.ok(regions.stats.reused - before.reused > 10, 'the other regions reused');
        assert.equal(regions.stats.whole, before.whole);
        assertSame(describe_(result), describe_(whole(edited)), 'one element edited');
    });

    it('a syntax error in one element parses from it to the end, with the errors where the whole parse puts them', () => {
        const { regions, whole } = services();
        const text = spec(seededRandom(2));
        regions.parse('file:///a.ispec', text);
        for (const edited of [
            text.replace('owner LabIT criticality critical', 'owner LabIT criticality'),
            text.replace('carries Observations\n', 'carries Observations\n}\n'),
            text.replace('from LIS to EHR', 'from LIS to EHR {'),
            text + 'import "late.ispec"\n',
            text.replace('team HIM', '"unterminated\nteam HIM')
        ]) {
            const result = regions.parse('file:///a.ispec', edited);
            assert.ok(result.parserErrors.length + result.lexerErrors.length > 0, 'the edit is a syntax error');
            assertSame(describe_(result), describe_(whole(edited)), `edited:\n${edited}`);
            assertSame(describe_(regions.parse('file:///a.ispec', text)), describe_(whole(text)), 'and back');
        }
    });

    it("the project's CST nodes (positions kept relative to a placement) equal Langium's own, whole and spliced", () => {
        // The whole parse every other test compares with uses the project's CST builder too; Langium's stock parser
        // of the same grammar is the reference for positions, ranges, hidden nodes, roots and text.
        const { Interspec } = createInterspecServices(EmptyFileSystem);
        const stock = createLangiumParser(Interspec);
        const { regions, whole } = services();
        const random = seededRandom(23);
        const base = spec(random);
        const examples = ['flawed/interfaces.ispec', 'lab-network/org.ispec', 'imaging-network/orders.ispec']
            .map(file => readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../../../examples', file), 'utf8'));
        const texts = [base, base.replace(/\n/g, '\r\n'), base.replace(/\n/g, '\r'), ...examples, '/* only a comment */', ''];
        let text = base;
        for (let i = 0; i < 300; i++) {
            text = mutate(text, random);
            texts.push(text);
        }
        for (const [i, each] of texts.entries()) {
            // The project's parser keeps one syntax error per line (one-syntax-error-per-line.ts); the rest is Langium's.
            const expected = describe_(collapseSyntaxErrors(stock.parse(each), each));
            assertSame(describe_(whole(each)), expected, `text ${i}, whole parse`);
            assertSame(describe_(regions.parse('file:///stock.ispec', each)), expected, `text ${i}, by regions`);
        }
    });

    it('after thousands of random edits every parse equals the whole parse', () => {
        const { regions, whole } = services();
        const random = seededRandom(Number(process.env.INTERSPEC_REGION_SEED ?? 15));
        const edits = Number(process.env.INTERSPEC_REGION_EDITS ?? 2000);
        const base = spec(random);
        let text = base;
        for (let i = 0; i < edits; i++) {
            text = i % 40 === 0 ? base : mutate(text, random);
            const actual = describe_(regions.parse('file:///a.ispec', text));
            const expected = describe_(whole(text));
            assertSame(actual, expected, `edit ${i + 1} diverged from the whole parse; text:\n${text}`);
        }
        assert.ok(regions.stats.reused > regions.stats.parsed, `regions were reused (${JSON.stringify(regions.stats)})`);
    });

    describe('diagnostics', () => {
        let root: string;
        let workspace: BuiltWorkspace;
        afterEach(() => rmSync(root, { recursive: true, force: true }));

        /** Every document's diagnostics as sorted lines. */
        function diagnosticsOf(documents: Iterable<LangiumDocument>): Record<string, string[]> {
            const result: Record<string, string[]> = {};
            for (const document of documents) {
                result[path.relative(root, document.uri.fsPath)] = (document.diagnostics ?? []).map(d =>
                    `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code)} ${d.message}`).sort();
            }
            return result;
        }

        it('a reused element that moves is cited at its new line by the other file that declares the same name', async () => {
            root = writeWorkspace({ 'a.ispec': 'team First\nteam Dup\n', 'b.ispec': 'team Dup\n' });
            workspace = await buildWorkspace([root]);
            const file = path.join(root, 'a.ispec');
            writeFileSync(file, 'team First\n// a comment\n\nteam Dup\n');
            await workspace.shared.workspace.DocumentBuilder.update([URI.file(file)], []);
            assert.ok(workspace.services.regions.stats.reused > 0, 'the Dup region was reused');
            const cited = diagnosticsOf(workspace.shared.workspace.LangiumDocuments.all)['b.ispec'].join('\n');
            REGION_PARSE.minChars = Number.POSITIVE_INFINITY;
            try {
                const fresh = diagnosticsOf((await buildWorkspace([root])).documents)['b.ispec'].join('\n');
                assert.match(fresh, /line 4|:4\b|4:/, `the full rebuild cites line 4: ${fresh}`);
                assert.equal(cited, fresh);
            } finally {
                REGION_PARSE.minChars = 0;
            }
        });

        it('after each batch of random edits through the document builder, diagnostics equal a full rebuild', async () => {
            const random = seededRandom(151);
            const base = spec(random);
            root = writeWorkspace({ 'a.ispec': base, 'other.ispec': 'team Other\n', 'b.ispec': 'import "a.ispec"\ngate G { site Site1 approver HIM }\n' });
            workspace = await buildWorkspace([root]);
            const file = path.join(root, 'a.ispec');
            const batches = Number(process.env.INTERSPEC_REGION_BATCHES ?? 12);
            for (let batch = 0; batch < batches; batch++) {
                for (let i = 0; i < 25; i++) {
                    const text = readFileSync(file, 'utf8');
                    writeFileSync(file, i === 0 && batch % 4 === 0 ? base : mutate(text, random));
                    await workspace.shared.workspace.DocumentBuilder.update([URI.file(file)], []);
                }
                REGION_PARSE.minChars = Number.POSITIVE_INFINITY;
                try {
                    const fresh = await buildWorkspace([root]);
                    assert.deepEqual(diagnosticsOf(workspace.shared.workspace.LangiumDocuments.all), diagnosticsOf(fresh.documents),
                        `batch ${batch + 1} diverged from a full rebuild; a.ispec:\n${readFileSync(file, 'utf8')}`);
                } finally {
                    REGION_PARSE.minChars = 0;
                }
            }
            assert.ok(workspace.services.regions.stats.reused > 0);
        });
    });
});

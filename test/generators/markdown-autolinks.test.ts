import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CHECKLIST_GROUPS, StringSink, type Checklist, type EvidenceStatus, type MatrixRow, type SpecDiff } from '../../language-server/generators/index.js';
import { writeChecklistMarkdown } from '../../language-server/generators/formats/checklist-markdown.js';
import { diffMarkdown } from '../../language-server/generators/formats/diff-markdown.js';
import { PR_COMMENT_LIMIT } from '../../language-server/generators/formats/markdown-budget.js';
import { writeMatrixMarkdown } from '../../language-server/generators/formats/matrix-markdown.js';
import { writeMatrixSummaryMarkdown } from '../../language-server/generators/formats/matrix-summary-markdown.js';
import { escapeMarkdown, markdownLink, neutraliseControls } from '../../language-server/util/escape.js';
import { formatMarkdown } from '../../src/cli/formatters/markdown.js';
import type { Report } from '../../src/cli/formatters/report.js';
import { runCli } from '../cli/run-cli.js';
import { writeWorkspace } from '../support/workspace.js';
import { githubLinks, renderedText, structureProblems } from './github-markdown.js';

/**
 * Issue 29, item 3: spec strings never reach a pull-request comment as GitHub references (`#123`, `GH-1`,
 * `owner/repo#1`, commit SHAs, `@name`), in any Markdown writer, and never change its structure.
 */

/** Pieces of hostile text: every GitHub autolink form, Markdown syntax, entities, invisible and control characters. */
const FRAGMENTS = [
    '#', '#1', '#123', '#0', 'GH-1', 'gh-42', 'Gh-7', 'GH-', 'owner/repo#7', 'org/repo@', '@', '@here', '@a-b', '@org/team', 'a@b.com',
    'deadbeef', 'DEADBEEF1234567', 'cafe123', '0123456789abcdef0123456789abcdef01234567', '1234567', '12345678901', 'abcdef',
    ' ', '  ', '    ', '\t', '\n', '\r\n', '\r', '\u2028', '|', '`', '``', '\\', '*', '_', '[', ']', '(', ')', '[x](y)', '<br>', '<b>', '&',
    '&#35;', '&#64;', '&#8203;', '&amp;', ';', '-', '+', '=', '1.', '1)', '>', '---', '# ', 'https://x.example/a#1', 'www.example.com',
    '\u200B', '\u2060', '\u00A0', ':+1:', 'é', '\uFF11\uFF12\uFF13', '\u0663', '\u0000', '\u001b', '\u202e', '\uFEFF', 'a', 'Z', '0', '7', 'f', 'F', 'x'
];

const hostile: fc.Arbitrary<string> = fc.oneof(
    fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 }).map(parts => parts.join('')),
    fc.string({ unit: fc.constantFrom(...'#@gGhH-0123456789abcdefABCDEF/ \\`|\n'.split('')), maxLength: 24 }),
    fc.string({ unit: 'grapheme', maxLength: 16 })
);
const status = fc.constantFrom<EvidenceStatus>('pending', 'done', 'passed', 'failed', 'waived');

const row: fc.Arbitrary<MatrixRow> = fc.record({
    id: hostile, interface: hostile, site: fc.option(hostile, { nil: null }), message: fc.option(hostile, { nil: null }), scenario: hostile,
    kind: fc.constantFrom('normal', 'exception', 'semantic'), handled: fc.boolean(), preconditions: hostile, stimulus: hostile, expected: hostile,
    owner: fc.array(hostile, { maxLength: 2 }), evidenceRequired: fc.array(hostile, { maxLength: 2 }),
    evidence: fc.record({ status, by: hostile, date: hostile, link: hostile, note: hostile, source: hostile }, { requiredKeys: ['status'] }),
    criteria: fc.array(hostile, { maxLength: 2 }), location: fc.record({ file: hostile, line: fc.nat() })
}) as fc.Arbitrary<MatrixRow>;

const checklist: fc.Arbitrary<Checklist> = fc.record({
    gate: hostile, title: hostile, phase: hostile, sites: fc.array(hostile, { maxLength: 2 }), approvers: fc.array(hostile, { maxLength: 2 }),
    after: fc.array(hostile, { maxLength: 2 }), hypercare: hostile, decision: fc.constantFrom('GO', 'NO-GO'),
    reasons: fc.array(hostile, { maxLength: 3 }),
    blockingFindings: fc.array(fc.record({ file: hostile, line: fc.nat(), column: fc.nat(), code: hostile, message: hostile }), { maxLength: 2 }),
    groups: fc.tuple(...CHECKLIST_GROUPS.map(group => fc.array(fc.record({
        id: hostile, title: hostile, declared: fc.boolean(), owner: fc.array(hostile, { maxLength: 2 }), evidenceRequired: fc.array(hostile, { maxLength: 2 }),
        tests: fc.array(hostile, { maxLength: 3 }), status,
        evidence: fc.record({ status, by: hostile, date: hostile, link: fc.oneof(hostile, hostile.map(text => `https://tickets.example/${text}`)), note: hostile, source: hostile }, { requiredKeys: ['status'] }),
        notes: fc.array(hostile, { maxLength: 2 })
    }), { maxLength: 2 }).map(items => ({ ...group, items })))),
    counts: fc.record({ pending: fc.nat(9), done: fc.nat(9), passed: fc.nat(9), failed: fc.nat(9), waived: fc.nat(9) })
}, { requiredKeys: ['gate', 'sites', 'approvers', 'after', 'decision', 'reasons', 'blockingFindings', 'groups', 'counts'] })
    .map(value => ({ ...value, groups: [...value.groups] })) as fc.Arbitrary<Checklist>;

const diffTestCase = fc.record({ id: hostile, interface: hostile, site: fc.option(hostile, { nil: null }), message: fc.option(hostile, { nil: null }), scenario: hostile, handled: fc.boolean(), status });
const diffFinding = fc.record({ file: hostile, line: fc.nat(), column: fc.nat(), severity: fc.constantFrom('error', 'warning', 'info') as fc.Arbitrary<'error' | 'warning' | 'info'>, code: hostile, message: hostile });
const diff: fc.Arbitrary<SpecDiff> = fc.record({
    base: hostile, head: hostile,
    gates: fc.array(fc.record({ gate: hostile, before: fc.constantFrom('GO', 'NO-GO', null), after: fc.constantFrom('GO', 'NO-GO', null) }), { maxLength: 2 }),
    added: fc.array(diffTestCase, { maxLength: 2 }), removed: fc.array(diffTestCase, { maxLength: 2 }),
    changed: fc.array(fc.record({ id: hostile, changes: fc.array(fc.record({ field: fc.constantFrom('expected', 'owner', 'status'), before: fc.oneof(hostile, fc.array(hostile)), after: fc.oneof(hostile, fc.array(hostile)) }), { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }),
    introduced: fc.array(diffFinding, { maxLength: 2 }), resolved: fc.array(diffFinding, { maxLength: 2 })
}).map(d => ({
    $schema: 'x', formatVersion: 1 as const, base: d.base, head: d.head,
    summary: {
        testCasesAdded: d.added.length, testCasesRemoved: d.removed.length, testCasesChanged: d.changed.length,
        findingsIntroduced: d.introduced.length, findingsResolved: d.resolved.length, gatesChanged: d.gates.length
    },
    gates: d.gates, testCases: { added: d.added, removed: d.removed, changed: d.changed }, findings: { introduced: d.introduced, resolved: d.resolved }
}));

const report: fc.Arbitrary<Report> = fc.array(fc.record({
    file: hostile, line: fc.nat(), column: fc.nat(), severity: fc.constantFrom('error', 'warning', 'info') as fc.Arbitrary<'error' | 'warning' | 'info'>,
    code: fc.constantFrom('owner', 'units', 'syntax-error'), message: hostile, suppressed: fc.option(hostile, { nil: undefined })
}), { maxLength: 4 }).map(findings => ({
    findings: findings.map(f => ({ ...f, file: `/root/${f.file}`, endLine: f.line, endColumn: f.column })),
    rules: [{ id: 'owner', area: 'ownership', defaultSeverity: 'error', summary: 's', description: 'd', helpUri: 'https://example.test/owner.md' }],
    root: '/root', files: ['/root/a.ispec'], tool: { name: 'interspec', version: '0.0.0', informationUri: 'https://example.test' }, sourceOf: () => undefined
}));

async function collect(write: (sink: StringSink) => Promise<void> | void): Promise<string> {
    const sink = new StringSink();
    await write(sink);
    return sink.toString();
}

/** Every Markdown writer, from a generated model to its text. */
const WRITERS: Array<{ name: string, arbitrary: fc.Arbitrary<unknown>, write: (value: never) => Promise<string> }> = [
    { name: 'matrix (full table)', arbitrary: fc.array(row, { maxLength: 4 }), write: (rows: MatrixRow[]) => collect(sink => writeMatrixMarkdown(rows, sink)) },
    { name: 'matrix --summary', arbitrary: fc.array(row, { maxLength: 4 }), write: (rows: MatrixRow[]) => collect(sink => writeMatrixSummaryMarkdown(rows, sink)) },
    { name: 'checklist', arbitrary: fc.array(checklist, { maxLength: 2 }), write: (checklists: Checklist[]) => collect(sink => writeChecklistMarkdown(checklists, sink)) },
    { name: 'diff', arbitrary: diff, write: async (value: SpecDiff) => diffMarkdown(value, '`diff.json`') },
    { name: 'check --format markdown', arbitrary: report, write: async (value: Report) => formatMarkdown(value) }
];

/** The rendered text with the zero-width spaces the escaping adds taken out: what a reader sees. */
function seen(text: string): string {
    return text.replace(/\u200B/g, '');
}

describe('Markdown writers: no GitHub autolink and no structure from spec text (issue 29)', function () {
    this.timeout(300_000);

    it('escapeMarkdown breaks each GitHub reference form, and the issue\'s inputs', () => {
        for (const text of ['#123', 'GH-1', 'gh-1', 'owner/repo#12', 'owner/repo@a5c3785ed8d6a35868bc169f07e40e889087fd2e', 'jlord@a5c3785',
            'a5c3785ed8d6a35868bc169f07e40e889087fd2e', 'A5C3785', '@name', '@org/team', 'phase #12 of GH-3', 'see #1, #2 and @ops']) {
            assert.deepEqual(githubLinks(escapeMarkdown(text)), [], text);
            assert.equal(seen(renderedText(escapeMarkdown(text))), text, 'it reads the same');
        }
    });

    it('escapeMarkdown: the rendered text is the input (controls made visible, line breaks as breaks), with no reference and no block start', () => {
        fc.assert(fc.property(hostile, text => {
            const escaped = escapeMarkdown(text);
            assert.ok(!escaped.includes('\n') && !escaped.includes('\r'), 'one line');
            assert.deepEqual(githubLinks(escaped), []);
            assert.deepEqual(structureProblems(`- ${escaped}`), []);
            assert.deepEqual(structureProblems(`| a | b |\n| --- | --- |\n| ${escaped} | b |`), []);
            const expected = seen(neutraliseControls(text).replace(/\r\n|[\r\u2028\u2029]/g, '\n'));
            assert.equal(seen(renderedText(escaped)), expected);
        }), { seed: 29, numRuns: 5000 });
    });

    it('markdownLink keeps a plain URL a link to exactly itself, and anything else text', () => {
        for (const url of ['https://tickets.example/TST-1234567#c@1', 'https://github.com/o/r/issues/12#issuecomment-1234567', 'http://a.example/(x)_y*z|']) {
            const link = markdownLink(url);
            assert.ok(url.includes('|') ? !link.includes('](<') : link.endsWith(`](<${url}>)`), link);
            assert.deepEqual(githubLinks(link), [], url);
            assert.deepEqual(structureProblems(`| ${link} | b |\n| --- | --- |\n| ${link} | b |`), [], url);
        }
        for (const url of ['javascript:alert(1)', 'https://a.example/x y', 'https://a.example/<b>', 'ftp://a.example/#1', 'https://a.example/\u202e']) {
            const text = markdownLink(url);
            assert.ok(!text.includes('](<'), url);
            assert.deepEqual(githubLinks(text), [], url);
        }
    });

    for (const writer of WRITERS) {
        it(`${writer.name}: no reference GitHub would link, tables keep their cells, list items stay list items (generated models)`, async () => {
            await fc.assert(fc.asyncProperty(writer.arbitrary, async value => {
                const markdown = await writer.write(value as never);
                assert.deepEqual(githubLinks(markdown), []);
                assert.deepEqual(structureProblems(markdown), []);
                assert.ok(markdown.length <= PR_COMMENT_LIMIT || writer.name === 'matrix (full table)' || writer.name === 'checklist' || writer.name === 'check --format markdown');
            }), { seed: 2029, numRuns: 300 });
        });
    }

    it('the issue\'s inputs end to end: `#123` and `GH-1` in a phase and a handler link nowhere in the checklist and the matrix', () => {
        const root = writeWorkspace({
            'spec.ispec': `team LabIT
system LIS { kind LIS owner LabIT }
system EHR { kind EHR }
site North { timezone "UTC" }
interface Feed {
    from LIS to EHR owner LabIT sites North message ORU^R01
    on downtime "queue per #123, see GH-1 and org/repo#4, fixed in a5c3785ed8d6; ask @lab-team" escalate LabIT within 1h
}
gate Go "Go #7" { site North approver LabIT phase "Phase #2 (GH-12)" criterion Sim "Sim @ops" { question exceptions evidence "log #9" approver LabIT covers Feed } }
`
        });
        for (const args of [['checklist', root], ['matrix', root], ['matrix', root, '--summary']]) {
            const markdown = runCli(args).stdout;
            assert.ok(markdown.includes('queue per #&#8203;123') || markdown.includes('Phase #&#8203;2'), markdown.slice(0, 2000));
            assert.deepEqual(githubLinks(markdown), [], args.join(' '));
            assert.deepEqual(structureProblems(markdown), [], args.join(' '));
        }
    });
});

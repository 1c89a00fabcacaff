import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../language-server/rules/registry.js';
import { checkFiles } from '../support/workspace.js';

/**
 * The examples of the rule pages, docs/rules/<id>.md, as tests: each rule's test file runs its page's failing and
 * passing examples, read from the page's fenced ```ispec blocks, so the page and the rule cannot drift apart.
 */

export const DOCS = path.resolve('docs/rules');
const RULE_IDS = new Set(RULES.map(rule => rule.id));

/** The first ```ispec block after a heading of a Markdown page. */
export function blockAfter(markdown: string, heading: string): string {
    const start = markdown.indexOf(`\n${heading}\n`);
    assert.ok(start >= 0, `missing heading '${heading}'`);
    const match = /```ispec\n([\s\S]*?)```/.exec(markdown.slice(start));
    assert.ok(match, `no ispec block after '${heading}'`);
    return match[1];
}

/** The declarations every example imports: the prelude block of docs/rules/README.md. */
export const PRELUDE = blockAfter(readFileSync(path.join(DOCS, 'README.md'), 'utf8'), "## The examples' prelude");

/** Checks an example next to the prelude; returns the rule ids found and fails on any structural finding. */
export async function ruleFindings(example: string): Promise<{ codes: Set<string>, files: Map<string, string[]> }> {
    const { findings } = await checkFiles({ 'prelude.ispec': PRELUDE, 'rule-example.ispec': `import "prelude.ispec"\n${example}` });
    const structural = findings.filter(f => !RULE_IDS.has(f.code));
    assert.deepEqual(structural.map(f => `${f.relative}:${f.line}: ${f.message}`), [], 'the example must be valid Interspec');
    const files = new Map<string, string[]>();
    for (const finding of findings) {
        files.set(finding.code, [...files.get(finding.code) ?? [], finding.relative]);
    }
    return { codes: new Set(findings.map(f => f.code)), files };
}

/**
 * The test of a rule's page: its failing example triggers exactly this rule (in the example), its passing example
 * does not, and each further pair (`## Failing example: <what>`, `## Passing example: <what>`) does what it says.
 */
export function docExamples(ruleId: string): void {
    const rule = RULES.find(candidate => candidate.id === ruleId);
    assert.ok(rule, `no rule ${ruleId}`);
    it(`${rule.id}: the failing example triggers exactly this rule, the passing one does not`, async () => {
        const page = readFileSync(path.join(DOCS, `${rule.id}.md`), 'utf8');
        const failing = await ruleFindings(blockAfter(page, '## Failing example'));
        const passing = await ruleFindings(blockAfter(page, '## Passing example'));
        assert.ok(failing.codes.has(rule.id), `failing example does not trigger ${rule.id}: ${[...failing.codes]}`);
        assert.deepEqual(failing.files.get(rule.id), failing.files.get(rule.id)!.map(() => 'rule-example.ispec'), 'reported in the example');
        assert.ok(!passing.codes.has(rule.id), `passing example triggers ${rule.id}`);
        // Whatever else the failing example triggers, the passing one does too: the difference is this rule.
        assert.deepEqual([...failing.codes].filter(code => !passing.codes.has(code)), [rule.id]);
        // Further checks of a rule have their own pairs: `## Failing example: <what>` and `## Passing example: <what>`.
        for (const heading of page.match(/^## (Failing|Passing) example: .+$/gm) ?? []) {
            const found = await ruleFindings(blockAfter(page, heading));
            assert.equal(found.codes.has(rule.id), heading.startsWith('## Failing'), `${heading} ${[...found.codes]}`);
        }
    });
}

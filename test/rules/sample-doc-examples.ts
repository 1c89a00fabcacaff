import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import type { Finding } from '../../language-server/model/findings.js';
import { RULES } from '../../language-server/rules/registry.js';
import { checkSamples } from '../../language-server/samples/run-samples.js';
import { writeWorkspace } from '../support/workspace.js';
import { DOCS, PRELUDE } from './doc-examples.js';

/**
 * The examples of a sample rule's page (docs/rules/sample-*.md) as tests: each example is a ```ispec block (a spec
 * next to the prelude of docs/rules/README.md) followed by a ```hl7 block (a captured message, one segment a
 * line). The failing example draws this rule in the sample, the passing one draws no sample finding at all.
 */

/** The first block of a language after a heading of a Markdown page. */
function blockAfter(markdown: string, heading: string, language: string): string {
    const start = markdown.indexOf(`\n${heading}\n`);
    assert.ok(start >= 0, `missing heading '${heading}'`);
    const rest = markdown.slice(start + heading.length + 2);
    const end = rest.search(/^## /m);
    const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(end < 0 ? rest : rest.slice(0, end));
    assert.ok(match, `no ${language} block after '${heading}'`);
    return match[1];
}

/** Checks one sample against one spec (with the prelude); returns the findings of the sample rules and the workspace root. */
export async function checkSample(spec: string, sample: string | Buffer, extra: Record<string, string> = {}): Promise<{ root: string, findings: Finding[] }> {
    const root = writeWorkspace({ 'prelude.ispec': PRELUDE, 'rule-example.ispec': `import "prelude.ispec"\n${spec}`, ...extra });
    const file = path.join(root, 'sample.hl7');
    writeFileSync(file, sample);
    const built = await buildWorkspace([root]);
    const result = await checkSamples(built.services, built.documents, built.documents, { files: [file] });
    return { root, findings: result.findings };
}

export function sampleDocExamples(ruleId: string): void {
    const rule = RULES.find(candidate => candidate.id === ruleId);
    assert.ok(rule && rule.scope === 'samples', `no sample rule ${ruleId}`);
    it(`${ruleId}: the failing example draws this rule in the sample, the passing one draws nothing`, async () => {
        const page = readFileSync(path.join(DOCS, `${ruleId}.md`), 'utf8');
        const failing = await checkSample(blockAfter(page, '## Failing example', 'ispec'), blockAfter(page, '## Failing example', 'hl7'));
        const found = failing.findings.filter(finding => finding.code === ruleId);
        assert.ok(found.length > 0, `failing example does not draw ${ruleId}: ${failing.findings.map(f => `${f.code}: ${f.message}`).join('; ')}`);
        assert.ok(found.some(finding => finding.file.endsWith('sample.hl7')), 'reported in the sample');
        const passing = await checkSample(blockAfter(page, '## Passing example', 'ispec'), blockAfter(page, '## Passing example', 'hl7'));
        assert.deepEqual(passing.findings.map(f => `${f.code} ${f.line}:${f.column} ${f.message}`), []);
    });
}

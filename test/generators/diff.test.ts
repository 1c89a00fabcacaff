import { strict as assert } from 'node:assert';
import { diffMarkdown, diffSnapshots, emptySnapshot, type SpecSnapshot } from '../../language-server/generators/index.js';

/** What a pull-request comment may hold (GitHub's limit); `interspec diff` is checked against it in test/cli/diff.test.ts. */
const LIMIT = 65_536;

describe('generators: the spec diff in Markdown', () => {
    it('cuts long sections with a count and the pointer, never past the limit', () => {
        const rows = Array.from({ length: 20_000 }, (_, i) => ({
            id: `TM-Iface${i}-Site-ORU_R01-normal`, interface: `Iface${i}`, site: 'Site', message: 'ORU^R01', scenario: 'normal', kind: 'normal' as const,
            handled: true, preconditions: 'p'.repeat(50), stimulus: 's', expected: 'e', owner: [], evidenceRequired: [],
            evidence: { status: 'pending' as const }, criteria: [], location: { file: 'a.ispec', line: 1 }
        }));
        const head: SpecSnapshot = { label: 'head', rows, gates: [], findings: rows.map((_, i) => ({ file: 'a.ispec', line: i + 1, column: 1, severity: 'error' as const, code: 'x', message: `m${i}` })) };
        const markdown = diffMarkdown(diffSnapshots(emptySnapshot('base'), head), '`diff.json`');
        assert.ok(markdown.length <= LIMIT, String(markdown.length));
        assert.match(markdown, /…and \d+ more test cases added; the full list is in `diff\.json`\./);
        assert.match(markdown, /…and \d+ more findings introduced; the full list is in `diff\.json`\./);
    });
});

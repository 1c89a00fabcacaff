import * as path from 'node:path';
import type { Finding } from '../model/findings.js';
import { compareText } from '../model/findings.js';
import { BROKEN_SPEC_CODES, GeneratorIssue } from '../model/finding-codes.js';
import type { GeneratorInput } from './input.js';
import { matrixRows } from './matrix.js';
import type { BlockingFinding } from './model.js';
import { relativeFile } from './names.js';

/**
 * Finding codes that mean the spec itself is broken, so no verdict can rest on it: those the catalogue of finding
 * codes marks `broken` (text that does not parse, a name that points nowhere, a check that crashed, a name or
 * message declared twice, a missing import, two test cases that share an id).
 */
export { BROKEN_SPEC_CODES };

const cache = new WeakMap<GeneratorInput, BlockingFinding[]>();

/**
 * The problems anywhere in the workspace root that make its spec broken (see BROKEN_SPEC_CODES), with files
 * relative to the root, sorted. A gate is NO-GO while there is one, whatever its scope: a file that does not
 * parse may hold the interface that belongs to the gate's site. Empty for a sound spec.
 */
export function specProblems(input: GeneratorInput): BlockingFinding[] {
    let problems = cache.get(input);
    if (!problems) {
        const broken = input.findings.filter(finding => finding.severity === 'error' && !finding.suppressed && BROKEN_SPEC_CODES.has(finding.code));
        problems = [...broken, ...testIdCollisions(input)]
            .map(finding => ({ file: relativeFile(input.root, finding.file), line: finding.line, column: finding.column, code: finding.code, message: finding.message }))
            .sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.code, b.code) || compareText(a.message, b.message));
        cache.set(input, problems);
    }
    return problems;
}

/**
 * Two test-matrix rows with one id, as one error at the second row naming the first: never a silent merge.
 * Ids are built to be distinct (see ids.ts); this is the guarantee that holds even if that ever fails.
 */
export function testIdCollisions(input: GeneratorInput): Finding[] {
    const first = new Map<string, { file: string, line: number }>();
    const collisions: Finding[] = [];
    for (const row of matrixRows(input)) {
        const seen = first.get(row.id);
        if (!seen) {
            first.set(row.id, row.location);
            continue;
        }
        const file = path.join(input.root, row.location.file);
        collisions.push({
            file, line: row.location.line, column: 1, endLine: row.location.line, endColumn: 1, severity: 'error', code: GeneratorIssue.TestIdCollision,
            message: `Test case id '${row.id}' is made both here and at ${seen.file}:${seen.line}; one evidence entry would count for both. `
                + 'Tell the two apart in the spec (a different target, authority or message).'
        });
    }
    return collisions;
}

/** One line per problem, `file:line:column: message (code)`, for reasons and terminal output. */
export function problemLine(problem: BlockingFinding): string {
    return `${problem.file}:${problem.line}:${problem.column}: ${problem.message} (${problem.code})`;
}

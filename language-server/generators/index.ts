/**
 * The generators: the test matrix and the go-live checklists of a workspace root, in every output format, plus
 * the summaries the code lenses and the CLI's gate command use. The CLI, the language server and the extension
 * call these; none of them re-implements any of it.
 *
 *     const input = await loadGeneratorInput((await buildWorkspace([folder])).services, root);
 *     await writeTestMatrix(input, 'markdown', process.stdout);
 *     await writeChecklist(input, 'NorthGoLive', 'html', sink);
 *     evaluateGate(input, 'NorthGoLive'); // { gate, decision: 'GO' | 'NO-GO', reasons }
 *
 * The input is read, never changed; derived facts are cached per input object, so build a new input after the
 * workspace changes.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { collectFindings, compareFindings, compareText, type Finding } from '../model/findings.js';
import type { InterspecCoreServices } from '../language/interspec-module.js';
import { closestAmong } from '../dictionaries/suggest.js';
import { buildChecklists, forgetChecklists, UnknownGateError } from './checklist.js';
import { readableReasons, type ReadableReasons } from './gate-reasons.js';
import { evidenceFinding, loadEvidence } from '../evidence/evidence.js';
import { foldEvidenceId, idDifference } from '../evidence/id-fold.js';
import { writeChecklistHtml } from './formats/checklist-html.js';
import { writeChecklistJson } from './formats/checklist-json.js';
import { writeChecklistMarkdown } from './formats/checklist-markdown.js';
import { writeChecklistText } from './formats/checklist-text.js';
import { writeMatrixCsv } from './formats/matrix-csv.js';
import { writeMatrixHtml } from './formats/matrix-html.js';
import { writeMatrixJson } from './formats/matrix-json.js';
import { writeMatrixMarkdown } from './formats/matrix-markdown.js';
import { writeMatrixSummaryMarkdown } from './formats/matrix-summary-markdown.js';
import { writeMatrixText } from './formats/matrix-text.js';
import type { TextStyle } from './formats/text-layout.js';
import { WEBVIEW_LINK_SCRIPT } from './formats/reviewer-page.js';
import { contextOf, evidenceConflicts, type GeneratorInput } from './input.js';
import { matrixRows } from './matrix.js';
import { COMPLETE_STATUSES, type GateDecision } from './model.js';
import { settingsFromConfig } from './settings.js';
import { StringSink, type TextSink } from './text.js';
import { specProblems } from './spec-problems.js';
import { observeSamples, SampleObservations, type SampleOptions } from './sample-observations.js';
import { EvidenceIssue } from '../model/finding-codes.js';
import { CHECKLIST_FORMATS, MATRIX_FORMATS, type ChecklistFormat, type MatrixFormat } from '../protocol/formats.js';

export type { EvidenceSet, GeneratorInput } from './input.js';
export type * from './model.js';
export { CHECKLIST_GROUPS, COMPLETE_STATUSES, rowStatus } from './model.js';
export { observeSamples, SampleObservations, UnknownInterfaceError, type SampleOptions } from './sample-observations.js';
export { buildChecklists, UnknownGateError } from './checklist.js';
export { matrixRows } from './matrix.js';
export { rolloutOrder } from './rollout.js';
export { PR_COMMENT_LIMIT } from './formats/markdown-budget.js';
export { MATRIX_HTML_COLUMNS } from './formats/matrix-html.js';
export { displayWidth, MIN_TEXT_WIDTH, PLAIN_STYLE, TEXT_WIDTH, type TextStyle } from './formats/text-layout.js';
export { matrixRowId } from './ids.js';
export { BROKEN_SPEC_CODES, problemLine, specProblems, testIdCollisions } from './spec-problems.js';
export { EVIDENCE_EXTENSIONS, EVIDENCE_FILE_GLOBS, EVIDENCE_FOLDER, findEvidenceFiles, isEvidenceFile, loadEvidence, scanEvidenceFiles } from '../evidence/evidence.js';
export { CHECKLIST_SCHEMA, EVIDENCE_SCHEMA, PUBLISHED_SCHEMAS, SPEC_DIFF_SCHEMA, TEST_MATRIX_SCHEMA } from './schemas.js';
export { diffSnapshots, emptySnapshot, snapshotOf, type SpecDiff, type SpecSnapshot } from './diff.js';
export { DIFF_COMMENT_MARKER, diffMarkdown } from './formats/diff-markdown.js';
export { DEFAULT_REQUIRED_SCENARIOS, settingsFromConfig, type ConfigLike, type GeneratorSettings } from './settings.js';
export { StringSink, type TextSink } from './text.js';

// The formats are part of the language server's protocol (the editor asks for them by name); declared there once.
export { CHECKLIST_FORMATS, MATRIX_FORMATS, type ChecklistFormat, type MatrixFormat };

/** The file extension each format is usually saved with. */
export const FORMAT_EXTENSIONS: Record<MatrixFormat, string> = { markdown: 'md', csv: 'csv', json: 'json', html: 'html', text: 'txt' };

export interface LoadOptions {
    /** Findings to use instead of the documents' diagnostics (e.g. after severities were applied). */
    findings?: Finding[];
    /**
     * Captured samples besides the interfaces' own `samples` (`--samples`, `--interface`), whose observations the
     * data-meaning rows carry; `false` reads no samples at all (for what does not depend on them, such as the
     * evidence problems, or a root without samples); a SampleObservations is what a run over the root's own
     * samples already observed on these very documents (the editor's one run per build, lsp/sample-results.ts),
     * taken as is. Default: the interfaces' own `samples`, read and checked now.
     */
    samples?: SampleOptions | false | SampleObservations;
}

/**
 * The generator input of one workspace root, the one way every surface makes it (the CLI, the code lenses, the
 * editor's requests): the root's documents, their findings, its configuration as the rules read it (an invalid
 * interspec.yaml means defaults here: it is reported as a finding), the rules' workspace index, its evidence
 * files (read and validated), and evidence entries whose id names no criterion, checklist item or test case,
 * reported as `evidence-unknown-id` warnings in `evidence.findings`. `root` is a folder path (absolute or
 * relative to the current folder).
 */
export async function loadGeneratorInput(services: InterspecCoreServices, root: string, options: LoadOptions = {}): Promise<GeneratorInput> {
    const absoluteRoot = path.resolve(root);
    const documents = services.engine.WorkspaceIndexes.documentsOf(absoluteRoot);
    const findings = options.findings ?? collectFindings(documents);
    const evidence = await loadEvidence(absoluteRoot);
    const config = services.engine.Configurations.configIfValidOf(absoluteRoot);
    const index = documents.length ? services.engine.WorkspaceIndexes.indexOf(absoluteRoot) : undefined;
    const samples = options.samples === false ? undefined
        : options.samples instanceof SampleObservations ? options.samples
        : await observeSamples(services, absoluteRoot, documents, options.samples);
    const input: GeneratorInput = { root: absoluteRoot, documents, findings, evidence, settings: settingsFromConfig(config), index, ...(samples ? { samples } : {}) };
    evidence.findings.push(...unknownEvidenceIds(input), ...evidenceConflicts(absoluteRoot, evidence.entries));
    evidence.findings.sort(compareFindings);
    forgetChecklists(input);
    return input;
}

/**
 * The evidence-file problems of one workspace root as findings with file, line and column (absolute paths): files
 * that are malformed or fail the schema (`evidence-invalid`), skipped (`evidence-skipped`), impossible or future
 * dates (`evidence-date`), conflicting entries (`evidence-conflict`) and ids nothing declares
 * (`evidence-unknown-id`). The same findings the generators and the gate read, so `check` alone catches them in CI.
 */
export async function evidenceProblems(services: InterspecCoreServices, root: string, options: LoadOptions = {}): Promise<Finding[]> {
    return (await loadGeneratorInput(services, root, { ...options, samples: false })).evidence?.findings ?? [];
}

/** Distinct unknown ids that get a did-you-mean; past that, a file is not a list of typos. */
const MAX_SUGGESTED_IDS = 1000;

/** Entries for ids the workspace does not produce, with the closest real id when one is near. */
function unknownEvidenceIds(input: GeneratorInput): Finding[] {
    const entries = input.evidence?.entries ?? [];
    if (!entries.length) {
        return [];
    }
    const known = new Set<string>();
    for (const row of matrixRows(input)) known.add(row.id);
    for (const checklist of buildChecklists(input)) {
        for (const group of checklist.groups) {
            for (const item of group.items) known.add(item.id);
        }
    }
    const context = contextOf(input);
    for (const criterion of context.allCriteria) known.add(criterion.id);
    // One suggestion per distinct unknown id, from the candidates of plausible length and letters: linear in the
    // entries (100,000 unknown ids took minutes when each computed every edit distance).
    const suggestions = new Map<string, string | undefined>();
    const findings: Finding[] = [];
    // An id that differs from a real one only by case is an error that blocks every gate, not a typo warning: the
    // entry counts for nothing, so a `failed` in the wrong case would leave an older `passed` standing.
    const byFoldedCase = new Map<string, string>();
    // Invisible characters (a zero-width space, a bidi control pasted with the id) and look-alike letters or dashes
    // (a Cyrillic 'е', a word processor's U+2010) are the same kind of difference.
    for (const id of [...known].sort()) if (!byFoldedCase.has(foldEvidenceId(id))) byFoldedCase.set(foldEvidenceId(id), id);
    for (const entry of entries) {
        if (known.has(entry.id)) continue;
        const sameButCase = byFoldedCase.get(foldEvidenceId(entry.id));
        if (sameButCase !== undefined) {
            const how = idDifference(entry.id, sameButCase);
            findings.push(evidenceFinding(path.join(input.root, entry.file), entry.line, entry.column, EvidenceIssue.IdCase, 'error',
                `Evidence id '${entry.id}' differs from '${sameButCase}' ${how}: ids are matched exactly, so this ${entry.status} entry counts for nothing and no gate of the workspace can rest on the evidence; write '${sameButCase}'.`));
            continue;
        }
        if (!suggestions.has(entry.id)) suggestions.set(entry.id, suggestions.size < MAX_SUGGESTED_IDS ? closestAmong(entry.id, known) : undefined);
        const suggestion = suggestions.get(entry.id);
        findings.push(evidenceFinding(path.join(input.root, entry.file), entry.line, entry.column, EvidenceIssue.UnknownId, 'warning',
            `Evidence for unknown id '${entry.id}': no gate criterion, checklist item or test case has it${suggestion ? `; did you mean '${suggestion}'?` : '.'}`));
    }
    return findings;
}

/** Options of the outputs for reviewers. */
export interface OutputOptions {
    /** Markdown matrix: the pull-request summary instead of the full table. */
    summary?: boolean;
    /** HTML: the spec revision to print (a git revision); default `specRevision(input)`. */
    revision?: string;
    /** HTML in the editor's webview: the nonce of its style and script and the webview's policy; rows link to the spec. */
    webview?: { nonce: string, contentSecurityPolicy: string, focus?: string };
    /** Text: the terminal columns every line fits in (default 100, at least 40). */
    width?: number;
    /** Text: the colours (default none); the CLI passes them only to a terminal that takes colour. */
    style?: TextStyle;
}

/**
 * The content hash of a workspace root's spec: sha256 over its `.ispec` files and evidence entries (paths relative
 * to the root, sorted), as `sha256:<12 hex>`. The same spec gives the same revision on every machine.
 */
export function specRevision(input: GeneratorInput): string {
    const hash = createHash('sha256');
    const documents = input.documents
        .map(document => [path.relative(input.root, document.uri.fsPath).split(path.sep).join('/'), document.textDocument.getText()] as const)
        .sort(([a], [b]) => compareText(a, b));
    for (const [file, text] of documents) {
        hash.update(`${file}\u0000${text}\u0000`);
    }
    hash.update(JSON.stringify(input.evidence?.entries ?? []));
    return `sha256:${hash.digest('hex').slice(0, 12)}`;
}

/** The newest date of any evidence entry, or undefined when none has one. */
function evidenceDate(input: GeneratorInput): string | undefined {
    return (input.evidence?.entries ?? []).map(entry => entry.date).filter((date): date is string => !!date).sort(compareText).at(-1);
}

function pageOptions(input: GeneratorInput, options: OutputOptions) {
    return {
        revision: options.revision ?? specRevision(input),
        ...(options.webview ? { nonce: options.webview.nonce, contentSecurityPolicy: options.webview.contentSecurityPolicy, focus: options.webview.focus, links: true, extraScript: WEBVIEW_LINK_SCRIPT } : {})
    };
}

/** Writes the test matrix in a format, row by row (HTML groups the rows, so it holds them). */
export async function writeTestMatrix(input: GeneratorInput, format: MatrixFormat, sink: TextSink, options: OutputOptions = {}): Promise<void> {
    const rows = matrixRows(input);
    switch (format) {
        case 'markdown': return options.summary ? writeMatrixSummaryMarkdown(rows, sink) : writeMatrixMarkdown(rows, sink);
        case 'csv': return writeMatrixCsv(rows, sink);
        case 'json': return writeMatrixJson(rows, sink);
        case 'html': return writeMatrixHtml(rows, sink, { ...pageOptions(input, options), checklists: buildChecklists(input) });
        case 'text': return writeMatrixText(rows, sink, { width: options.width, style: options.style });
        default: throw new Error(`Unknown test-matrix format '${format as string}'; use one of ${MATRIX_FORMATS.join(', ')}.`);
    }
}

/** Writes the checklist of one gate, or of every gate when `gateName` is undefined. Throws UnknownGateError. */
export async function writeChecklist(input: GeneratorInput, gateName: string | undefined, format: ChecklistFormat, sink: TextSink, options: OutputOptions = {}): Promise<void> {
    const checklists = buildChecklists(input, gateName);
    switch (format) {
        case 'markdown': return writeChecklistMarkdown(checklists, sink);
        case 'json': return writeChecklistJson(checklists, sink);
        case 'html': return writeChecklistHtml(checklists, sink, { ...pageOptions(input, options), evidenceDate: evidenceDate(input) });
        case 'text': return writeChecklistText(checklists, sink, { width: options.width, style: options.style });
        default: throw new Error(`Unknown checklist format '${format as string}'; use one of ${CHECKLIST_FORMATS.join(', ')}.`);
    }
}

/** The whole output as one string (previews, LSP responses, tests); use a streaming sink for large files. */
export async function generateTestMatrix(input: GeneratorInput, format: MatrixFormat, options: OutputOptions = {}): Promise<string> {
    const sink = new StringSink();
    await writeTestMatrix(input, format, sink, options);
    return sink.toString();
}

export async function generateChecklist(input: GeneratorInput, gateName: string | undefined, format: ChecklistFormat, options: OutputOptions = {}): Promise<string> {
    const sink = new StringSink();
    await writeChecklist(input, gateName, format, sink, options);
    return sink.toString();
}

/**
 * GO when the spec is not broken (no syntax error, unresolved reference, duplicate or internal error anywhere in
 * the root: see specProblems), no error finding is in the gate's scope, and every checklist item is done, passed
 * or waived.
 */
export function evaluateGate(input: GeneratorInput, gateName: string): { gate: string, decision: GateDecision, reasons: string[] } {
    const [checklist] = buildChecklists(input, gateName);
    return { gate: checklist.gate, decision: checklist.decision, reasons: checklist.reasons };
}

/** evaluateGate, with the reasons also as a reviewer reads them (gate-reasons.ts): for the `gate` command's text. */
export function explainGate(input: GeneratorInput, gateName: string): { gate: string, decision: GateDecision, reasons: string[], readable: ReadableReasons } {
    const [checklist] = buildChecklists(input, gateName);
    return { gate: checklist.gate, decision: checklist.decision, reasons: checklist.reasons, readable: readableReasons(checklist) };
}

/** Test cases and unhandled scenarios per interface, for code lenses ("12 test cases · 3 unhandled"). */
export function summarizeInterfaces(input: GeneratorInput): Map<string, { cases: number, unhandled: number }> {
    const summary = new Map<string, { cases: number, unhandled: number }>();
    for (const row of matrixRows(input)) {
        const entry = summary.get(row.interface) ?? { cases: 0, unhandled: 0 };
        entry.cases++;
        if (!row.handled) entry.unhandled++;
        summary.set(row.interface, entry);
    }
    return summary;
}

/**
 * Decision, open (not done, passed or waived) items and spec problems (see specProblems) per gate, for code
 * lenses.
 */
export function summarizeGates(input: GeneratorInput): Map<string, { decision: GateDecision, openItems: number, specProblems: number }> {
    const summary = new Map<string, { decision: GateDecision, openItems: number, specProblems: number }>();
    const problems = specProblems(input).length;
    for (const checklist of buildChecklists(input)) {
        const openItems = checklist.groups.reduce((sum, group) => sum + group.items.filter(item => !COMPLETE_STATUSES.has(item.status)).length, 0);
        summary.set(checklist.gate, { decision: checklist.decision, openItems, specProblems: problems });
    }
    return summary;
}

export { UnknownGateError as GateNotFoundError };

/**
 * Every code a finding can carry that is not a rule id, in one catalogue: the parser's and the linker's, the
 * structural checks' (language/interspec-validator.ts), the rule engine's (engine/rule-runner.ts), the evidence
 * files' (evidence/evidence.ts, generators/) and the generators' own. A finding's code is either a rule id
 * (rules/registry.ts) or one of these. Reports describe each (SARIF `tool.driver.rules`, src/cli/rule-catalog.ts),
 * docs/ci.md lists them (a test keeps the table equal to this file), and the sets of codes that make a spec
 * broken or its evidence untrusted are derived from here.
 *
 * Imports nothing, so any layer can name a code without an import cycle.
 */

/** Codes of what the parser and the linker report (Langium's `lexing-error`, `parsing-error`, `linking-error`). */
export const LanguageIssue = {
    Syntax: 'syntax',
    UnresolvedReference: 'unresolved-reference',
    /** A diagnostic that carries no code of its own (none is expected to). */
    Structure: 'structure'
} as const;

/** Codes of structural errors, reported by the structural checks as the spec is validated. */
export const StructuralIssue = {
    DuplicateName: 'duplicate-name',
    DuplicateLocalName: 'duplicate-local-name',
    RepeatedStatement: 'repeated-statement',
    UnreadableHours: 'unreadable-hours',
    ImportMissing: 'import-missing',
    ImportOutsideRoot: 'import-outside-root',
    ImportNotIspec: 'import-not-ispec',
    ImportCycle: 'import-cycle',
    ImportDuplicate: 'import-duplicate'
} as const;

/** Codes of the problems with `suppress` statements and with the configuration; always errors, not rules. */
export const EngineIssue = {
    Suppression: 'suppression',
    Config: 'config',
    /** A rule or check threw: a defect in Interspec, reported as one error so the other findings still show. */
    InternalError: 'internal-error'
} as const;

/** Codes the generators report about the spec as a whole. */
export const GeneratorIssue = {
    /** Two rows of the test matrix with one id (generators/spec-problems.ts). */
    TestIdCollision: 'test-id-collision'
} as const;

/** Codes of the problems of evidence files, found when they are read and matched against the spec. */
export const EvidenceIssue = {
    Invalid: 'evidence-invalid',
    Skipped: 'evidence-skipped',
    Date: 'evidence-date',
    Conflict: 'evidence-conflict',
    UnknownId: 'evidence-unknown-id',
    IdCase: 'evidence-id-case'
} as const;

type ValuesOf<T> = T[keyof T];
/** Every code a finding can carry that is not a rule id. */
export type FindingCodeId = ValuesOf<typeof LanguageIssue> | ValuesOf<typeof StructuralIssue> | ValuesOf<typeof EngineIssue>
    | ValuesOf<typeof GeneratorIssue> | ValuesOf<typeof EvidenceIssue>;

export interface FindingCodeInfo {
    code: FindingCodeId;
    /** The severity findings with this code have; none of them is configurable. */
    severity: 'error' | 'warning';
    /** One line. */
    summary: string;
    /** What it means and what to do. */
    description: string;
    /**
     * The spec itself is broken, so no verdict can rest on it: text the parser had to guess, a name that points
     * nowhere, a check that crashed, a name declared twice (the generators would read only one), two test cases
     * with one id (one evidence entry would pass both). Every gate of the root is NO-GO while one stands.
     */
    broken: boolean;
    /** The evidence cannot be trusted while one stands: every gate of the root is NO-GO. */
    untrustedEvidence: boolean;
}

const info = (code: FindingCodeId, severity: 'error' | 'warning', summary: string, description: string,
    flags: { broken?: boolean, untrustedEvidence?: boolean } = {}): FindingCodeInfo =>
    ({ code, severity, summary, description, broken: flags.broken ?? false, untrustedEvidence: flags.untrustedEvidence ?? false });

/** The catalogue, in the order docs/ci.md lists it. */
export const FINDING_CODES: readonly FindingCodeInfo[] = [
    info(LanguageIssue.Syntax, 'error', 'The file does not parse.',
        'A token or statement is not valid Interspec syntax. The message names what was expected; docs/language.md is the reference. '
        + 'Other checks say nothing about an element whose text spans such a line, since the parser had to guess it.', { broken: true }),
    info(LanguageIssue.UnresolvedReference, 'error', 'A name refers to nothing visible from this file.',
        'A referenced team, system, site, data set, interface, gate or change is not declared in this file or in a file it imports. '
        + 'Declare it, fix the spelling, or add the import the message suggests.', { broken: true }),
    info(StructuralIssue.DuplicateName, 'error', 'Two top-level elements of one workspace share a name.',
        'Top-level names are unique per workspace root so that every reference means one thing. Rename one of them.', { broken: true }),
    info(StructuralIssue.DuplicateLocalName, 'error', 'A name or code is declared twice inside one element.',
        'Criteria of a gate, devices of a baseline, deviations of a site, metrics, messages and code-map entries are unique within their parent.', { broken: true }),
    info(StructuralIssue.RepeatedStatement, 'error', 'A single-valued statement is written twice.',
        'Statements such as `standard`, `transport` or `criticality` take one value; the second one would silently win. Keep one.'),
    info(StructuralIssue.UnreadableHours, 'error', 'An `hours` text names no days or clock ranges.',
        'Write `hours 24x7`, or days and clock ranges in local time: `hours "06:30-22:00"`, `hours "Mon-Fri 07:00-19:00, Sat 08:00-12:00"`. Checks cannot compare hours they cannot read.'),
    info(StructuralIssue.ImportMissing, 'error', 'An imported file does not exist.',
        'The path of an `import` is relative to the importing file and must name an existing .ispec file in the same workspace.', { broken: true }),
    info(StructuralIssue.ImportOutsideRoot, 'error', 'An import leaves the workspace root.',
        'Imports may not reach outside the folder that holds `interspec.yaml`, so that a workspace is self-contained and cannot read unrelated files.'),
    info(StructuralIssue.ImportNotIspec, 'error', 'An import names a file that is not an .ispec file.',
        'Only .ispec files can be imported.'),
    info(StructuralIssue.ImportCycle, 'error', 'Files import each other in a cycle.',
        'Imports are transitive and must form no cycle; move the shared elements into a file both import.'),
    info(StructuralIssue.ImportDuplicate, 'error', 'A file is imported twice.',
        'Remove the repeated `import`.'),
    info(LanguageIssue.Structure, 'error', 'A structural problem.',
        'A problem the core reports that is not a configurable rule and has no code of its own.'),
    info(EngineIssue.Suppression, 'error', 'A suppression names no rule or gives no reason.',
        '`suppress <rule> because "<reason>"` must name a rule that exists (the message suggests the nearest id; docs/rules/README.md lists them) '
        + 'and give a reason reviewers can read, not a placeholder.'),
    info(EngineIssue.Config, 'error', 'interspec.yaml is invalid.',
        'The workspace configuration does not match schemas/interspec.schema.json, or names a rule, preset or option that does not exist. '
        + 'The editor reports it at the top of each file and checks with the default settings until it is fixed; `interspec check` stops with exit code 2.'),
    info(EngineIssue.InternalError, 'error', 'A check failed inside Interspec.',
        'A rule or check threw an error: a defect in Interspec, not in the spec. It is reported once, on the element it was checking, so the other findings '
        + 'still show; please report it with the message.', { broken: true }),
    info(GeneratorIssue.TestIdCollision, 'error', 'Two test cases would have one id.',
        'Two rows of the test matrix build the same id, so one evidence entry would count for both. Ids are built to be distinct; tell the two apart '
        + 'in the spec (a different target, authority or message).', { broken: true }),
    info(EvidenceIssue.Invalid, 'error', 'An evidence file or entry is invalid.',
        'The file is not valid YAML, does not match schemas/evidence.schema.json, cannot be read or is too large, or an entry\'s date is not a calendar day. '
        + 'None of the file\'s entries count (for a bad date, that entry).', { untrustedEvidence: true }),
    info(EvidenceIssue.Skipped, 'error', 'An evidence file is not read.',
        'A file with an evidence name is not read: an upper-case extension, a symbolic link, or not a regular file. Its entries would count for nothing '
        + 'without anyone noticing; rename or replace it.', { untrustedEvidence: true }),
    info(EvidenceIssue.Date, 'error', 'An evidence entry is dated after its file was written.',
        'An entry dated after the day its file was last written (plus one day for time zones) is not used, so a date such as 9999-12-31 cannot '
        + 'outrank a real result.', { untrustedEvidence: true }),
    info(EvidenceIssue.Conflict, 'error', 'Evidence entries for one id disagree.',
        'The newest entries of an id (the same date, in one file or in several) give different statuses; the worst of them is shown. Keep one entry, '
        + 'or date the newer one.', { untrustedEvidence: true }),
    info(EvidenceIssue.UnknownId, 'warning', 'Evidence names an id the workspace does not have.',
        'An evidence entry names no gate criterion, checklist item or test case of the workspace, usually a typo or a renamed element; the message '
        + 'suggests the nearest id. The entry counts for nothing.'),
    info(EvidenceIssue.IdCase, 'error', 'Evidence names a real id in the wrong case.',
        'An entry\'s id differs from a gate criterion, checklist item or test case only by upper and lower case, invisible characters (a zero-width space, a bidi control), full-width letters or look-alike characters outside ASCII (a Cyrillic `е`, a word processor\'s hyphen U+2010, an accent). Ids are matched exactly, so the entry '
        + 'counts for nothing: a `failed` written `tm-…` would leave a `passed` for `TM-…` standing and the gate would say GO over a failure. '
        + 'Until the id is written as the workspace writes it, no status of the root can be trusted.', { untrustedEvidence: true })
];

const BY_CODE = new Map<string, FindingCodeInfo>(FINDING_CODES.map(entry => [entry.code, entry]));

/** The catalogue entry of a code, or undefined for a rule id (or an unknown code). */
export function findingCodeInfo(code: string): FindingCodeInfo | undefined {
    return BY_CODE.get(code);
}

/** Codes that mean the spec itself is broken, so no verdict can rest on it (see FindingCodeInfo.broken). */
export const BROKEN_SPEC_CODES: ReadonlySet<string> = new Set(FINDING_CODES.filter(entry => entry.broken).map(entry => entry.code));

/** Evidence problems that block every gate of the root: statuses cannot be trusted while one stands. */
export const UNTRUSTED_EVIDENCE_CODES: ReadonlySet<string> = new Set(FINDING_CODES.filter(entry => entry.untrustedEvidence).map(entry => entry.code));

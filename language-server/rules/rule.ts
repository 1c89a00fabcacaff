import type { AstNode, LangiumDocument } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import type { Model } from '../language/generated/ast.js';
import type { RuleOptions, RuleSeverity } from '../config/index.js';
import type { WorkspaceIndex } from '../model/workspace-index.js';
import type { SampleCheck } from '../samples/sample-check.js';

/** Where a finding points: a property of the node (its name, a reference), one item of a list, or a range. */
export interface ReportLocation {
    property?: string;
    index?: number;
    keyword?: string;
    range?: Range;
    /** The mechanical fix, if there is one; the quick-fix provider applies it. */
    fix?: FixSpec;
    /**
     * Fixes that are a choice for the architect (remove a role's access, or give the role the duty): offered side by
     * side after `fix`, none of them preferred, so that no editor applies one on its own.
     */
    fixes?: FixSpec[];
    /** At most this severity, whatever the rule's: for findings that are doubts, not faults (a field of a version the dictionary lacks). */
    severity?: 'warning' | 'info';
}

/**
 * A quick fix, as text to insert into `target` (a node of the same document, or of another file of the workspace
 * root: a role the finding on a data set is about): `lines` go on their own lines
 * before the node's closing brace (or in a new `{ }` block, or at the end of the file for the model),
 * `inline` right after the node, `beforeClose` just before its closing brace on the same line, `replace` swaps
 * the text of one property. Text holds
 * placeholders for the architect to fill (`"TODO"`, or a `// TODO: owner <team or role>` comment where a name
 * goes), never invented facts and never a name that does not resolve.
 */
export interface FixSpec {
    title: string;
    target: AstNode;
    lines?: string[];
    inline?: string;
    beforeClose?: string;
    /** Whole lines right after the target, at its indentation: a stub beside its siblings (after the last handler). */
    linesAfter?: string[];
    /** Replace the text of one property of the target (a misspelt field). */
    replace?: { property: string, text: string };
    /** Text right after the last value of one property of the target: `, result-review` after a role's `duties`. */
    append?: { property: string, text: string };
    /** Remove one value (by index) of a comma-separated property of the target, with its comma: a role from `access`. */
    remove?: { property: string, index: number };
}

/** What a rule sees when it checks one document. */
export interface RuleContext {
    readonly document: LangiumDocument<Model>;
    readonly model: Model;
    /** Every document of the same workspace root, for rules that look beyond one file. */
    readonly workspace: WorkspaceIndex;
    readonly options: RuleOptions;
    /** Criticality levels that count as critical (interspec.yaml `critical`). */
    readonly critical: ReadonlySet<string>;
    /** Reports a finding on a node of this document. */
    report(node: AstNode, message: string, location?: ReportLocation): void;
}

/**
 * A rule's implementation. By default a rule is run once per top-level element, with `context.model` holding
 * that element alone (and the file's imports): its findings on an element may depend only on that element, on
 * what the workspace index offers of other elements, which `crossFileFingerprint` covers, and on what the element's
 * references resolve to (a sender's kind, a site's time zone, a code table), which the file's import paths in the
 * same facts cover. That is what lets an edit re-check only the element it touched (the rule engine reuses the
 * findings of the others). `context.workspace` records which facts each check reads (engine/fact-reads.ts), so an
 * edit of another file re-runs only the checks that read what it changed; a rule that keeps data derived from the
 * whole index between elements must be listed in `RULE_WIDE_READS` there. A rule that reads another property of
 * another element must add it to `crossFileFacts`; a rule that compares the elements of one file with each other
 * says `scope: 'document'` and sees the whole file every time.
 */
export interface RuleCheck {
    id: string;
    /**
     * `samples`: the rule checks captured messages against the spec (samples/run-samples.ts runs it over sample
     * files after the workspace is built); its `check` on documents does nothing and the rule runner skips it.
     */
    scope?: 'element' | 'document' | 'samples';
    check(context: RuleContext): void;
    /** For `scope: 'samples'`: what the rule does with each matched message. */
    samples?: SampleCheck;
}

/** The areas of the catalogue; the docs index and `interspec rules` list the rules by area. */
export type RuleArea = 'ownership' | 'interoperability' | 'exceptions' | 'go-live' | 'rollout' | 'operations' | 'security';

/**
 * The JSON Schema of a rule's options in interspec.yaml (`<rule>: [severity, { <option>: … }]`): each option
 * the rule reads, with its `default`, the value the rule uses when interspec.yaml does not set it. The schema of
 * interspec.yaml (schemas/interspec.schema.json) is built from these.
 */
export interface RuleOptionsSchema {
    readonly type: 'object';
    readonly additionalProperties: false;
    readonly properties?: { readonly [option: string]: OptionSchema };
}

/** The JSON Schema of one option: its type, its `default` and what it means. */
export interface OptionSchema {
    readonly default?: unknown;
    readonly description?: string;
    readonly [keyword: string]: unknown;
}

/** The options of a rule that takes none. */
export const NO_OPTIONS: RuleOptionsSchema = { type: 'object', additionalProperties: false };

/** A duration as options write one (`15m`, `4h`, `30d`, `1y`): what `durationMinutes` reads. */
export const DURATION_PATTERN = '^\\d+(\\.\\d+)?(ms|mo|min|s|m|h|d|w|y)$';

/** A scenario or scope name as options list them (`downtime`, `out-of-order`, `updates`). */
export const NAME_PATTERN = '^[A-Za-z][\\w-]*$';

/**
 * One conformance rule: what it is (the catalogue entry the CLI, reports, the editor and the docs read), its
 * options, and its check. Each rule is one file, `rules/<id>.ts`, that exports this object and nothing else; its
 * page is `docs/rules/<id>.md` and its tests are `test/rules/<id>.test.ts`.
 */
export interface Rule extends RuleCheck {
    /** Stable kebab-case id, used in `interspec.yaml`, in `suppress` statements and in reports. */
    readonly id: string;
    readonly area: RuleArea;
    readonly defaultSeverity: RuleSeverity;
    /** One line. */
    readonly summary: string;
    /** What the rule checks and why, in a few sentences. */
    readonly description: string;
    /** Whether a quick fix writes (a placeholder for) the missing piece. */
    readonly fixable: boolean;
    readonly options: RuleOptionsSchema;
}

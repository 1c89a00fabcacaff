import { AstUtils, type AstNode, type AstNodeLocator, type LangiumDocument, type ValidationAcceptor } from 'langium';
import type { Model } from '../language/generated/ast.js';
import type { InterspecCoreServices } from '../language/interspec-module.js';
import { relativeToRoot } from '../language/interspec-paths.js';
import type { InterspecWorkspace } from '../language/interspec-workspace.js';
import type { RuleSeverity } from '../config/index.js';
import { ALL_RULE_CHECKS } from '../rules/registry.js';
import type { FixSpec, ReportLocation, RuleCheck, RuleContext } from '../rules/rule.js';
import type { ConfigurationStore } from './configuration-store.js';
import type { ElementFindings, FindingCache, RecordedFinding } from './finding-cache.js';
import { ANY_CHANGE, RULE_WIDE_READS, recordingReads, recordingView, referenceReads, type FactKey } from './fact-reads.js';
import { EngineIssue } from '../model/finding-codes.js';
import { checkSuppressions, findSuppression } from './suppressions.js';
import type { WorkspaceIndexes } from './workspace-indexes.js';

// The codes of the problems with `suppress` statements, the configuration and a check that threw are in the
// catalogue of finding codes with every other code that is not a rule.
export { EngineIssue };

/** What a rule diagnostic carries in `data` (the contract with the CLI, the LSP and quick fixes). */
export interface RuleDiagnosticData {
    ruleId: string;
    /** The reason given by the `suppress` statement that silences this finding. */
    suppressed?: string;
    fix?: RuleFixData;
    /** Fixes that are a choice for the architect (ReportLocation.fixes), none preferred. */
    fixes?: RuleFixData[];
}

/** A FixSpec with its target as an AST node path (diagnostic data travels as JSON). */
export interface RuleFixData {
    title: string;
    target: string;
    lines?: string[];
    inline?: string;
    beforeClose?: string;
    linesAfter?: string[];
    replace?: { property: string, text: string };
    append?: { property: string, text: string };
    remove?: { property: string, index: number };
    /** The URI of the target's document when it is not the finding's. */
    uri?: string;
    /** The target's name when it is in another document: its path there may be stale when only this finding was kept. */
    name?: string;
}

const NO_FINDINGS: RecordedFinding[] = [];
const NO_READS: ReadonlySet<FactKey> = new Set();
/** Per parse of a document, per top-level element, the model a rule of element scope sees (the element alone). */
const ALONE = new WeakMap<Model, Map<AstNode, Model>>();

/**
 * Runs the conformance rules on each document, with the severities and options of its workspace's
 * interspec.yaml, and honours `suppress <rule> because "…"` on the element or any element around it. Registered
 * as the validation check of a Model; it reads the configuration, the workspace index and the finding cache
 * from their services.
 */
export class RuleRunner {
    private readonly workspace: InterspecWorkspace;
    private readonly configurations: ConfigurationStore;
    private readonly indexes: WorkspaceIndexes;
    private readonly findingCache: FindingCache;
    private readonly locator: AstNodeLocator;

    constructor(services: InterspecCoreServices) {
        this.workspace = services.shared.interspec.Workspace;
        this.configurations = services.engine.Configurations;
        this.indexes = services.engine.WorkspaceIndexes;
        this.findingCache = services.engine.FindingCache;
        this.locator = services.workspace.AstNodeLocator;
    }

    /** Registers the runner as the validation check of every Model. */
    register(services: InterspecCoreServices): void {
        services.validation.ValidationRegistry.register({ Model: this.checkModel }, this);
    }

    /**
     * Runs every rule that is on for this file: a rule of element scope once per top-level element (reusing the
     * element's findings from the last validation when the element and the workspace facts are unchanged; see
     * RuleCheck), a rule of document scope on the whole file; then checks the file's suppressions.
     */
    checkModel(model: Model, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(model) as LangiumDocument<Model>;
        const root = this.workspace.rootOf(document.uri);
        const relative = relativeToRoot(root, document.uri.fsPath);
        const stored = this.configurations.storedOf(root);
        if (stored.error) {
            const error = stored.error;
            const firstLine = document.textDocument.getText().split(/\r?\n/, 1)[0];
            accept('error', `${relativeToRoot(root, error.file)}:${error.line}:${error.column}: ${error.key ? `${error.key}: ` : ''}${error.detail}. `
                + 'Rules use their default settings until the configuration is fixed.', {
                node: model, range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } }, code: EngineIssue.Config
            });
        }
        const index = this.indexes.indexOf(root);
        const critical = new Set(stored.config.critical);
        const kept = this.findingCache.findingsOf(document, root, stored);
        // With findings kept, rules read the index through a view that records the facts each check reads.
        const workspace = kept ? recordingView(index) : index;
        const records: ElementFindings | undefined = kept ? new Map() : undefined;
        const documentReads = new Set<FactKey>();
        const recordOf = (element: AstNode) => {
            let record = records?.get(element);
            if (records && !record) {
                // A kept record's references still lead where they did: FindingCache.invalidate drops the record when
                // a name they read changes.
                record = kept!.get(element) ?? { refs: referenceReads(element, index), checks: [] };
                records.set(element, record);
            }
            return record;
        };
        // One view per element, shared by every rule and kept with the parse: `descendantsOfType` walks each element
        // once per parse, not once per validation (a document validated again for another file's edit re-walks nothing).
        let views = ALONE.get(model);
        if (!views) ALONE.set(model, views = new Map());
        const alone = model.elements.map(element => {
            let view = views!.get(element);
            if (!view) views!.set(element, view = { ...model, elements: [element] } as Model);
            return view;
        });
        ALL_RULE_CHECKS.forEach((rule, ruleIndex) => {
            if (rule.scope === 'samples') {
                return; // run over sample files by samples/run-samples.ts, not over documents
            }
            const severity = this.configurations.severityOf(stored, rule.id, relative);
            if (severity === 'off') {
                return;
            }
            const options = this.configurations.optionsOf(stored, rule.id, relative);
            const report = this.reporter(document, rule.id, severity, accept, kept ? documentReads : undefined);
            if (rule.scope === 'document') {
                const context: RuleContext = { document, model, workspace, critical, options, report };
                try {
                    recordingReads(documentReads, () => rule.check(context));
                } catch (error) {
                    documentReads.add(ANY_CHANGE);
                    reportRuleFailure(rule, context, error, accept);
                }
                return;
            }
            const wide = kept !== undefined && RULE_WIDE_READS.has(rule.id);
            model.elements.forEach((element, elementIndex) => {
                const record = recordOf(element);
                const reused = record?.checks[ruleIndex]?.findings;
                if (reused) {
                    for (const finding of reused) report(finding.node, finding.message, finding.location);
                    return;
                }
                const recorded: RecordedFinding[] = [];
                const reads = new Set<FactKey>();
                let reusable = record !== undefined;
                const context: RuleContext = {
                    document, model: alone[elementIndex], workspace, critical, options,
                    report: (node, message, location = {}) => {
                        // A range is a position now; the element may have moved by the next validation.
                        if (location.range) reusable = false;
                        recorded.push({ node, message, location });
                        report(node, message, location, reads);
                    }
                };
                try {
                    if (record) recordingReads(reads, () => rule.check(context));
                    else rule.check(context);
                } catch (error) {
                    reusable = false;
                    reads.add(ANY_CHANGE);
                    reportElementFailure(rule, element, context, error, accept);
                }
                if (record) {
                    record.checks[ruleIndex] = { findings: reusable ? (recorded.length ? recorded : NO_FINDINGS) : undefined, reads: reads.size ? reads : NO_READS };
                    if (wide) this.findingCache.noteRuleWide(root, ruleIndex, reads);
                }
            });
        });
        if (kept && records) {
            for (const element of model.elements) recordOf(element);
            this.findingCache.store(document, root, stored, records, documentReads);
        }
        checkSuppressions(model, accept);
    }

    /** A fix as diagnostic data: its target as a node path, and for a target in another document, that document and the target's name. */
    private fixData(document: LangiumDocument, { target, ...fix }: FixSpec, reads?: Set<FactKey>): RuleFixData {
        const targetDocument = AstUtils.getDocument(target);
        // The target's node path in its document moves when elements there come or go.
        if (targetDocument !== document) reads?.add(`doc:${targetDocument.uri.toString()}`);
        const elsewhere = targetDocument === document ? {} : { uri: targetDocument.uri.toString(), name: (target as { name?: string }).name };
        return { ...fix, target: this.locator.getAstNodePath(target), ...elsewhere } satisfies RuleFixData;
    }

    /** How one rule's findings become diagnostics: severity, suppressions and quick-fix data, on this document only. */
    private reporter(document: LangiumDocument, ruleId: string, severity: Exclude<RuleSeverity, 'off'>, accept: ValidationAcceptor,
        documentReads?: Set<FactKey>): (node: AstNode, message: string, location?: ReportLocation, reads?: Set<FactKey>) => void {
        return (node: AstNode, message: string, location: ReportLocation = {}, reads = documentReads) => {
            if (AstUtils.getDocument(node) !== document) {
                return; // a rule reports only on the document being checked
            }
            const suppressed = findSuppression(node, ruleId);
            const data: RuleDiagnosticData = { ruleId };
            if (suppressed !== undefined) {
                data.suppressed = suppressed;
            }
            if (location.fix) {
                data.fix = this.fixData(document, location.fix, reads);
            }
            if (location.fixes?.length) {
                data.fixes = location.fixes.map(fix => this.fixData(document, fix, reads));
            }
            const level = location.severity === 'info' || (location.severity === 'warning' && severity === 'error') ? location.severity : severity;
            accept(suppressed !== undefined ? 'hint' : level, suppressed !== undefined ? `${message} (suppressed: ${suppressed})` : message, {
                node, property: location.property as never, index: location.index, keyword: location.keyword, range: location.range, code: ruleId, data
            });
        };
    }
}

/**
 * One internal-error finding for a rule of document scope that threw: on the first top-level element that makes it
 * throw on its own (found by re-running the rule on that element alone, reports discarded), else on the file's
 * first line. The findings the rule made before it threw stay: each is about an element it had finished checking.
 */
function reportRuleFailure(rule: RuleCheck, context: RuleContext, error: unknown, accept: ValidationAcceptor): void {
    const culprit = context.model.elements.find(element => {
        const alone = { ...context.model, elements: [element] } as Model;
        try {
            rule.check({ ...context, model: alone, report: () => undefined });
            return false;
        } catch {
            return true;
        }
    });
    reportElementFailure(rule, culprit, context, error, accept);
}

/**
 * One internal-error finding for a rule that threw on a top-level element, on that element (or, with none, on the
 * file's first line). The findings the rule made before it threw stay.
 */
function reportElementFailure(rule: RuleCheck, element: AstNode | undefined, context: RuleContext, error: unknown, accept: ValidationAcceptor): void {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const where = element ? elementLabel(element) : 'this file';
    const message = `Internal error: rule '${rule.id}' failed on ${where} (${detail}). This is a defect in Interspec; please report it with this file. `
        + 'The other rules still checked this file.';
    if (element?.$cstNode) {
        accept('error', message, { node: element, property: 'name' in element ? 'name' as never : undefined, code: EngineIssue.InternalError });
    } else {
        const firstLine = context.document.textDocument.getText().split(/\r?\n/, 1)[0];
        accept('error', message, {
            node: context.model, range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } },
            code: EngineIssue.InternalError
        });
    }
}

/** `interface 'LabResults'`, `gate 'NorthGoLive'`, or the element's kind when it has no name yet. */
export function elementLabel(node: AstNode): string {
    const name = (node as { name?: unknown }).name;
    const kind = node.$type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return typeof name === 'string' && name ? `${kind} '${name}'` : `a ${kind} without a name`;
}

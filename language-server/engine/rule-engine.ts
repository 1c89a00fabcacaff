import { statSync } from 'node:fs';
import * as path from 'node:path';
import { AstUtils, DocumentState, WorkspaceCache, type AstNode, type AstNodeLocator, type LangiumDocument, type LangiumDocuments, type ValidationAcceptor } from 'langium';
import { isInlineSuppression, isSuppression, type Model } from '../language/generated/ast.js';
import type { InterspecServices } from '../language/interspec-module.js';
import { relativeToRoot } from '../language/interspec-paths.js';
import type { InterspecWorkspace } from '../language/interspec-workspace.js';
import { CONFIG_FILE_NAME, ConfigError, defaultConfig, effectiveSeverity, loadConfig, ruleOptions, type ResolvedConfig } from '../config/index.js';
import { closestName } from '../util/closest-name.js';
import { perElement } from '../util/per-element.js';
import { ALL_RULE_CHECKS } from '../rules/all-rules.js';
import { crossFileFacts, sameFacts, type CrossFileFacts } from '../model/cross-file-facts.js';
import { findRule, RULES, type RuleSeverity } from '../rules/registry.js';
import { isPlaceholder, WorkspaceIndex, type ReportLocation, type RuleCheck, type RuleContext } from '../model/workspace-index.js';

// Codes of the problems with `suppress` statements, with the configuration and of a check that threw: described
// with every other code that is not a rule in the catalogue of finding codes.
import { EngineIssue } from '../model/finding-codes.js';
export { EngineIssue };

/** What a rule diagnostic carries in `data` (the contract with the CLI, the LSP and quick fixes). */
export interface RuleDiagnosticData {
    ruleId: string;
    /** The reason given by the `suppress` statement that silences this finding. */
    suppressed?: string;
    fix?: RuleFixData;
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
}

/** One `report` call of a rule on one element, replayed while the element and the workspace facts are unchanged. */
interface RecordedFinding {
    node: AstNode;
    message: string;
    location: ReportLocation;
}

const NO_FINDINGS: RecordedFinding[] = [];

interface CachedConfig {
    config: ResolvedConfig;
    error?: ConfigError;
    stamps: Map<string, number>;
}

/**
 * Runs the conformance rules on each document, with the severities and options of its workspace's
 * interspec.yaml, and honours `suppress <rule> because "…"` on the element or any element around it.
 */
export class RuleEngine {
    private readonly workspace: InterspecWorkspace;
    private readonly documents: LangiumDocuments;
    private readonly indexes: WorkspaceCache<string, WorkspaceIndex>;
    private readonly configs = new Map<string, CachedConfig>();
    private configFile: string | undefined;
    private readonly locator: AstNodeLocator;
    /** Severities from the editor's `interspec.rules` setting: a personal layer on top of every interspec.yaml. */
    private editorSeverities: Readonly<Record<string, RuleSeverity>> = {};

    constructor(services: InterspecServices) {
        this.workspace = services.shared.interspec.Workspace;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.indexes = new WorkspaceCache(services.shared);
        this.factsEpochs = new WorkspaceCache(services.shared);
        // A request between an update's start and its parse (a code lens) may build the index from the old parse;
        // validation must not read it, or findings of the old elements are kept under the new facts.
        services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, () => {
            this.indexes.clear();
            this.factsEpochs.clear();
        });
        this.locator = services.workspace.AstNodeLocator;
    }

    /** Use one configuration file for every root (the CLI's `--config`). */
    setConfigFile(file: string | undefined): void {
        this.configFile = file ? path.resolve(file) : undefined;
        this.configs.clear();
    }

    /**
     * Sets the editor's severity overrides (rule id -> error|warning|info|off); unknown rules and values are ignored.
     * Returns whether anything changed, so the caller knows to re-validate.
     */
    setEditorSeverities(overrides: unknown): boolean {
        const next: Record<string, RuleSeverity> = {};
        if (overrides && typeof overrides === 'object' && !Array.isArray(overrides)) {
            for (const [ruleId, severity] of Object.entries(overrides)) {
                if (findRule(ruleId) && typeof severity === 'string' && ['error', 'warning', 'info', 'off'].includes(severity)) {
                    next[ruleId] = severity as RuleSeverity;
                }
            }
        }
        const changed = JSON.stringify(next) !== JSON.stringify(this.editorSeverities);
        this.editorSeverities = next;
        return changed;
    }

    /** Forget every configuration read so far (an interspec.yaml changed); they are re-read on the next validation. */
    clearConfigCache(): void {
        this.configs.clear();
    }

    /** The configuration of a root; throws ConfigError when it is invalid. */
    loadConfigOf(root: string): ResolvedConfig {
        const cached = this.cachedConfig(root);
        if (cached.error) {
            throw cached.error;
        }
        return cached.config;
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
        const cached = this.cachedConfig(root);
        const { config, error } = cached;
        if (error) {
            const firstLine = document.textDocument.getText().split(/\r?\n/, 1)[0];
            accept('error', `${relativeToRoot(root, error.file)}:${error.line}:${error.column}: ${error.key ? `${error.key}: ` : ''}${error.detail}. `
                + 'Rules use their default settings until the configuration is fixed.', {
                node: model, range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } }, code: EngineIssue.Config
            });
        }
        const workspace = this.workspaceIndexOf(root);
        const critical = new Set(config.critical);
        const findings = this.findingCacheOf(document, root, workspace, cached);
        // One view per element, shared by every rule: `descendantsOfType` walks each element once.
        const alone = model.elements.map(element => ({ ...model, elements: [element] }) as Model);
        ALL_RULE_CHECKS.forEach((rule, ruleIndex) => {
            const severity = this.editorSeverities[rule.id] ?? effectiveSeverity(config, rule.id, relative);
            if (severity === 'off') {
                return;
            }
            const options = ruleOptions(config, rule.id, relative);
            const report = this.reporter(document, rule.id, severity, accept);
            if (rule.scope === 'document') {
                const context: RuleContext = { document, model, workspace, critical, options, report };
                try {
                    rule.check(context);
                } catch (error) {
                    reportRuleFailure(rule, context, error, accept);
                }
                return;
            }
            model.elements.forEach((element, elementIndex) => {
                const reused = findings?.get(element)?.[ruleIndex];
                if (reused) {
                    for (const finding of reused) report(finding.node, finding.message, finding.location);
                    return;
                }
                const recorded: RecordedFinding[] = [];
                let reusable = findings !== undefined;
                const context: RuleContext = {
                    document, model: alone[elementIndex], workspace, critical, options,
                    report: (node, message, location = {}) => {
                        // A range is a position now; the element may have moved by the next validation.
                        if (location.range) reusable = false;
                        recorded.push({ node, message, location });
                        report(node, message, location);
                    }
                };
                try {
                    rule.check(context);
                } catch (error) {
                    reusable = false;
                    reportElementFailure(rule, element, context, error, accept);
                }
                if (reusable && findings) {
                    const perRule = findings.get(element) ?? [];
                    perRule[ruleIndex] = recorded.length ? recorded : NO_FINDINGS;
                    findings.set(element, perRule);
                }
            });
        });
        this.checkSuppressions(model, accept);
    }

    /**
     * Keep each element's findings between validations from now on (the document builder calls this on the first
     * edit: a one-off build, like the CLI's, never re-validates and pays nothing for it).
     */
    enableFindingCache(): void {
        this.findingCacheEnabled = true;
    }

    private findingCacheEnabled = false;
    private readonly findingCaches = new Map<string, { epoch: number, config: CachedConfig, byElement: WeakMap<AstNode, RecordedFinding[][]> }>();
    private readonly factsEpochs: WorkspaceCache<string, number>;
    private readonly lastFacts = new Map<string, { epoch: number, byUri: Map<string, CrossFileFacts> }>();

    /**
     * The findings kept per top-level element of a document (by rule position), valid while the configuration of
     * its root and the facts of every document of the root (`crossFileFacts`) are those they were made under;
     * undefined when caching is off. An element an edit re-parsed is a new object, so it is never found here.
     */
    private findingCacheOf(document: LangiumDocument, root: string, workspace: WorkspaceIndex, config: CachedConfig): WeakMap<AstNode, RecordedFinding[][]> | undefined {
        if (!this.findingCacheEnabled) {
            return undefined;
        }
        // A configuration read again (its file changed) is a new object.
        const epoch = this.factsEpochOf(root, workspace);
        const key = document.uri.toString();
        let cache = this.findingCaches.get(key);
        if (!cache || cache.epoch !== epoch || cache.config !== config) {
            cache = { epoch, config, byElement: new WeakMap() };
            this.findingCaches.set(key, cache);
        }
        return cache.byElement;
    }

    /** A number that changes whenever the cross-file facts of any document of the root change (or one comes or goes). */
    private factsEpochOf(root: string, workspace: WorkspaceIndex): number {
        return this.factsEpochs.get(root, () => {
            const byUri = new Map(workspace.documents.map(document => [document.uri.toString(), crossFileFacts(document.parseResult.value)]));
            const last = this.lastFacts.get(root);
            if (last && last.byUri.size === byUri.size && [...byUri].every(([uri, facts]) => sameFacts(last.byUri.get(uri), facts))) {
                return last.epoch;
            }
            const epoch = (last?.epoch ?? 0) + 1;
            this.lastFacts.set(root, { epoch, byUri });
            return epoch;
        });
    }

    /** How one rule's findings become diagnostics: severity, suppressions and quick-fix data, on this document only. */
    private reporter(document: LangiumDocument, ruleId: string, severity: Exclude<RuleSeverity, 'off'>, accept: ValidationAcceptor): RuleContext['report'] {
        return (node: AstNode, message: string, location: ReportLocation = {}) => {
            if (AstUtils.getDocument(node) !== document) {
                return; // a rule reports only on the document being checked
            }
            const suppressed = findSuppression(node, ruleId);
            const data: RuleDiagnosticData = { ruleId };
            if (suppressed !== undefined) {
                data.suppressed = suppressed;
            }
            if (location.fix) {
                const { target, ...fix } = location.fix;
                data.fix = { ...fix, target: this.locator.getAstNodePath(target) } satisfies RuleFixData;
            }
            const level = location.severity === 'info' || (location.severity === 'warning' && severity === 'error') ? location.severity : severity;
            accept(suppressed !== undefined ? 'hint' : level, suppressed !== undefined ? `${message} (suppressed: ${suppressed})` : message, {
                node, property: location.property as never, index: location.index, keyword: location.keyword, range: location.range, code: ruleId, data
            });
        };
    }

    /**
     * The workspace index of one root (its documents sorted by path), built once per workspace state and shared
     * by every rule, by the document builder to decide which files an edit affects, by the generators
     * (loadGeneratorInput) and by editor features (rename).
     */
    workspaceIndexOf(root: string): WorkspaceIndex {
        return this.indexes.get(root, () => new WorkspaceIndex(this.documentsOf(root), root));
    }

    /** A suppression must name a rule that exists and give a reason. */
    private checkSuppressions(model: Model, accept: ValidationAcceptor): void {
        for (const element of model.elements) {
            for (const problem of suppressionProblems(element)) {
                accept('error', problem.message, { node: problem.node, property: problem.property, code: EngineIssue.Suppression });
            }
        }
    }

    private documentsOf(root: string): LangiumDocument<Model>[] {
        return this.documents.all
            .filter(document => this.workspace.rootOf(document.uri) === root)
            .toArray()
            .sort((a, b) => a.uri.fsPath < b.uri.fsPath ? -1 : a.uri.fsPath > b.uri.fsPath ? 1 : 0) as LangiumDocument<Model>[];
    }

    private cachedConfig(root: string): CachedConfig {
        const cached = this.configs.get(root);
        if (cached && [...cached.stamps].every(([file, stamp]) => stampOf(file) === stamp)) {
            return cached;
        }
        const main = this.configFile ?? path.join(root, CONFIG_FILE_NAME);
        let result: CachedConfig;
        try {
            const config = loadConfig(root, this.configFile);
            result = { config, stamps: stampsOf([main, ...config.files]) };
        } catch (error) {
            if (!(error instanceof ConfigError)) {
                throw error;
            }
            result = { config: defaultConfig(), error, stamps: stampsOf([main, error.file]) };
        }
        this.configs.set(root, result);
        return result;
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

/** The reason of the nearest `suppress <ruleId>` on the node or an element around it. */
export function findSuppression(node: AstNode, ruleId: string): string | undefined {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        const suppressions = (current as { suppressions?: Array<{ rule: string, reason: string }> }).suppressions;
        const match = suppressions?.find(s => s.rule === ruleId && !isPlaceholder(unquote(s.reason)));
        if (match) {
            return unquote(match.reason);
        }
    }
    return undefined;
}

/** Per top-level element, the problems of its suppressions: they depend on nothing else, so a reused element is not walked again. */
const suppressionProblems = perElement(element => {
    const problems: Array<{ node: AstNode, property: 'rule' | 'reason', message: string }> = [];
    for (const node of AstUtils.streamAst(element)) {
        if (!isSuppression(node) && !isInlineSuppression(node)) {
            continue;
        }
        // A suppression being typed (`suppress `) has no rule id yet; the parser already reports it.
        if (node.rule !== undefined && !findRule(node.rule)) {
            const suggestion = closestName(node.rule, RULES.map(rule => rule.id));
            problems.push({ node, property: 'rule', message: `'${node.rule}' is not a rule id${suggestion ? `; did you mean '${suggestion}'?` : '; docs/rules/README.md lists them'}` });
        }
        if (isPlaceholder(unquote(node.reason))) {
            problems.push({ node, property: 'reason', message: 'A suppression needs a reason that reviewers can read: write `because "<why this finding does not apply>"`.' });
        }
    }
    return problems;
});

/** Langium's default value converter already strips quotes; this keeps working if it ever does not. */
function unquote(text: string | undefined): string | undefined {
    return text !== undefined && text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

function stampsOf(files: string[]): Map<string, number> {
    return new Map(files.map(file => [file, stampOf(file)]));
}

function stampOf(file: string): number {
    try {
        const stat = statSync(file);
        return stat.mtimeMs * 1000 + stat.size;
    } catch {
        return -1;
    }
}

export function registerRuleChecks(services: InterspecServices): void {
    const engine = services.rules.RuleEngine;
    services.validation.ValidationRegistry.register({ Model: engine.checkModel }, engine);
}

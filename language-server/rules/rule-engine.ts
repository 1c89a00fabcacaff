import { statSync } from 'node:fs';
import * as path from 'node:path';
import { AstUtils, WorkspaceCache, type AstNode, type AstNodeLocator, type LangiumDocument, type LangiumDocuments, type ValidationAcceptor } from 'langium';
import { isInlineSuppression, isSuppression, type Model } from '../generated/ast.js';
import type { InterspecServices } from '../interspec-module.js';
import { relativeToRoot } from '../interspec-paths.js';
import type { InterspecWorkspace } from '../interspec-workspace.js';
import { CONFIG_FILE_NAME, ConfigError, defaultConfig, effectiveSeverity, loadConfig, ruleOptions, type ResolvedConfig } from '../config/index.js';
import { closestName } from '../util/closest-name.js';
import { ALL_RULE_CHECKS } from './all-rules.js';
import { findRule, RULES, type RuleSeverity } from './registry.js';
import { isPlaceholder, WorkspaceIndex, type ReportLocation, type RuleCheck, type RuleContext } from './rule-context.js';

/** Codes of the problems with `suppress` statements and with the configuration; always errors, not rules. */
export const EngineIssue = {
    Suppression: 'suppression',
    Config: 'config',
    /** A rule or check threw: a defect in Interspec, reported as one error so the other findings still show. */
    InternalError: 'internal-error'
} as const;

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

    checkModel(model: Model, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(model) as LangiumDocument<Model>;
        const root = this.workspace.rootOf(document.uri);
        const relative = relativeToRoot(root, document.uri.fsPath);
        const { config, error } = this.cachedConfig(root);
        if (error) {
            const firstLine = document.textDocument.getText().split(/\r?\n/, 1)[0];
            accept('error', `${relativeToRoot(root, error.file)}:${error.line}:${error.column}: ${error.key ? `${error.key}: ` : ''}${error.detail}. `
                + 'Rules use their default settings until the configuration is fixed.', {
                node: model, range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } }, code: EngineIssue.Config
            });
        }
        const workspace = this.workspaceIndexOf(root);
        const critical = new Set(config.critical);
        for (const rule of ALL_RULE_CHECKS) {
            const severity = this.editorSeverities[rule.id] ?? effectiveSeverity(config, rule.id, relative);
            if (severity === 'off') {
                continue;
            }
            const context: RuleContext = {
                document, model, workspace, critical,
                options: ruleOptions(config, rule.id, relative),
                report: (node: AstNode, message: string, location: ReportLocation = {}) => {
                    if (AstUtils.getDocument(node) !== document) {
                        return; // a rule reports only on the document being checked
                    }
                    const suppressed = findSuppression(node, rule.id);
                    const data: RuleDiagnosticData = { ruleId: rule.id };
                    if (suppressed !== undefined) {
                        data.suppressed = suppressed;
                    }
                    if (location.fix) {
                        const { target, ...fix } = location.fix;
                        data.fix = { ...fix, target: this.locator.getAstNodePath(target) } satisfies RuleFixData;
                    }
                    const level = location.severity === 'info' || (location.severity === 'warning' && severity === 'error') ? location.severity : severity;
                    accept(suppressed !== undefined ? 'hint' : level, suppressed !== undefined ? `${message} (suppressed: ${suppressed})` : message, {
                        node, property: location.property as never, index: location.index, keyword: location.keyword, range: location.range, code: rule.id, data
                    });
                }
            };
            try {
                rule.check(context);
            } catch (error) {
                reportRuleFailure(rule, context, error, accept);
            }
        }
        this.checkSuppressions(model, accept);
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
        for (const node of AstUtils.streamAst(model)) {
            if (!isSuppression(node) && !isInlineSuppression(node)) {
                continue;
            }
            // A suppression being typed (`suppress `) has no rule id yet; the parser already reports it.
            if (node.rule !== undefined && !findRule(node.rule)) {
                const suggestion = closestName(node.rule, RULES.map(rule => rule.id));
                accept('error', `'${node.rule}' is not a rule id${suggestion ? `; did you mean '${suggestion}'?` : '; docs/rules/README.md lists them'}`, {
                    node, property: 'rule', code: EngineIssue.Suppression
                });
            }
            if (isPlaceholder(unquote(node.reason))) {
                accept('error', `A suppression needs a reason that reviewers can read: write \`because "<why this finding does not apply>"\`.`, {
                    node, property: 'reason', code: EngineIssue.Suppression
                });
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
 * One internal-error finding for a rule that threw, on the first top-level element that makes it throw on its own
 * (found by re-running the rule on that element alone, reports discarded), else on the file's first line. The
 * findings the rule made before it threw stay: each is about an element it had finished checking.
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
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const where = culprit ? `${elementLabel(culprit)}` : 'this file';
    const message = `Internal error: rule '${rule.id}' failed on ${where} (${detail}). This is a defect in Interspec; please report it with this file. `
        + 'The other rules still checked this file.';
    if (culprit?.$cstNode) {
        accept('error', message, { node: culprit, property: 'name' in culprit ? 'name' as never : undefined, code: EngineIssue.InternalError });
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

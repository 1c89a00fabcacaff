import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';
import { isInlineSuppression, isSuppression, type Model } from '../language/generated/ast.js';
import { EngineIssue } from '../model/finding-codes.js';
import { isPlaceholder } from '../model/workspace-index.js';
import { findRule, RULES } from '../rules/registry.js';
import { closestName } from '../util/closest-name.js';
import { perElement } from '../util/per-element.js';

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

/** Reports every `suppress` statement of a file that names no rule or gives no reason a reviewer can read. */
export function checkSuppressions(model: Model, accept: ValidationAcceptor): void {
    for (const element of model.elements) {
        for (const problem of suppressionProblems(element)) {
            accept('error', problem.message, { node: problem.node, property: problem.property, code: EngineIssue.Suppression });
        }
    }
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

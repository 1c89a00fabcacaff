import { isSystem } from '../language/generated/ast.js';
import { isPlaceholder, refName } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

export const transitionPlanRule: Rule = {
    id: 'transition-plan',
    area: 'rollout',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'A system that replaces another declares how old and new coexist during the transition.',
    description: 'Many adoption problems happen while old and new methods coexist. `replaces <System>` says '
        + '`transition "<how both run meanwhile>"`.',
    options: NO_OPTIONS,
    check({ model, report }) {
        for (const system of model.elements.filter(isSystem)) {
            for (const replacement of system.replaces) {
                if (isPlaceholder(replacement.transition)) {
                    report(replacement, `'${system.name}' replaces '${refName(replacement.system)}' without saying how old and new coexist; add \`transition "<parallel run, cut-over, back-loading…>"\`.`, {
                        property: 'system',
                        fix: replacement.transition === undefined ? { title: 'Add a transition placeholder', target: replacement, inline: ' transition "TODO"' } : undefined
                    });
                }
            }
        }
    }
};

import { isGate } from '../language/generated/ast.js';
import { isPlaceholder, listText } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';

export const gateEvidenceRule: Rule = {
    id: 'gate-evidence',
    area: 'go-live',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'Each gate criterion names its evidence and an approver.',
    description: 'A go-live criterion without evidence or approver cannot be decided. Each `criterion` has at least '
        + 'one `evidence "…"` that names a record (empty, blank or placeholder entries name none) and an `approver`.',
    options: NO_OPTIONS,
    check({ model, report }) {
        for (const gate of model.elements.filter(isGate)) {
            for (const criterion of gate.criteria) {
                const lines: string[] = [];
                const missing: string[] = [];
                // A list of empty, blank or placeholder entries (`evidence "", " "`) names no evidence.
                if (criterion.evidence.length === 0 || criterion.evidence.every(isPlaceholder)) {
                    missing.push(criterion.evidence.length === 0 ? '`evidence "<document or log that proves it>"`'
                        : `evidence that names something (${listText(criterion.evidence.map(e => JSON.stringify(e)))} ${criterion.evidence.length > 1 ? 'name' : 'names'} nothing)`);
                    if (criterion.evidence.length === 0) lines.push('evidence "TODO"');
                } else {
                    criterion.evidence.forEach((entry, index) => {
                        if (isPlaceholder(entry)) {
                            report(criterion, `Evidence ${JSON.stringify(entry)} of criterion '${criterion.name}' names nothing; write the document or log it stands for, or remove it.`, { property: 'evidence', index });
                        }
                    });
                }
                if (!criterion.approver) {
                    missing.push('`approver <team or role>`');
                    lines.push('// TODO: approver <team or role>');
                }
                if (missing.length > 0) {
                    report(criterion, `Criterion '${criterion.name}' cannot be decided: add ${listText(missing)}.`, {
                        property: 'name',
                        fix: lines.length > 0 ? { title: 'Add evidence and approver placeholders', target: criterion, lines } : undefined
                    });
                }
            }
        }
    }
};

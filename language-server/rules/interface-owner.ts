import { isInterface } from '../language/generated/ast.js';
import { isServiceAccount, refName } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';
import { ownerFromContext } from './stub-values.js';

/** One accountable owner per interface: the domain's first safeguard against post-go-live drift. */
export const interfaceOwnerRule: Rule = {
    id: 'interface-owner',
    area: 'ownership',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'Every interface names exactly one accountable owner.',
    description: 'An interface without an owner, or with several, has nobody who answers for it after go-live: '
        + 'failed messages, updates and escalations fall between teams. Name one team or role with `owner`; '
        + 'others can be notified from exception handlers.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        for (const node of model.elements.filter(isInterface)) {
            node.owners.forEach((owner, index) => {
                if (isServiceAccount(refName(owner), workspace)) {
                    report(node, `Interface '${node.name}' is owned by ${refName(owner)}, a service account: no person answers for it after go-live.`, { property: 'owners', index });
                }
            });
            if (node.owners.length === 0) {
                // The owner the spec already gives this pair of systems; else a comment, so that this rule, and
                // no unresolved name, is what asks for it.
                const owner = ownerFromContext(node, workspace);
                report(node, `Interface '${node.name}' has no accountable owner. Add \`owner <team or role>\`: the one party that answers for it after go-live.`, {
                    property: 'name',
                    fix: owner
                        ? { title: `Make ${owner} the owner`, target: node, lines: [`owner ${owner}`] }
                        : { title: 'Add an owner placeholder', target: node, lines: ['// TODO: owner <the team or role that answers for this interface after go-live>'] }
                });
            } else if (node.owners.length > 1) {
                const names = node.owners.map(refName).join(', ');
                report(node, `Interface '${node.name}' names ${node.owners.length} owners (${names}); keep exactly one accountable owner and notify the others from exception handlers.`, {
                    property: 'owners', index: 1
                });
            }
        }
    }
};

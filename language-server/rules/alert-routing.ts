import type { AstNode, Reference } from 'langium';
import { isExceptionHandler, isInterface, isMonitor, isSystem } from '../language/generated/ast.js';
import { descendantsOfType, isServiceAccount, refName } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule } from './rule.js';
import { alertPartiesOf, visibleParty } from './stub-values.js';

export const alertRoutingRule: Rule = {
    id: 'alert-routing',
    area: 'interoperability',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Device and interface alerts name the operational owner they reach.',
    description: 'Alerts that reach nobody are a warning sign of a failing integration. Each `monitor` block and '
        + 'each system marked `medical-device` names `alerts to <team or role>`.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        // A service account reads no alert and answers no escalation (a monitor's owner is the `monitoring` rule's).
        const routed: Array<{ node: AstNode, parties: Reference[], property: string, what: string }> = [
            ...descendantsOfType(model, isMonitor).map(monitor =>
                ({ node: monitor as AstNode, parties: monitor.alertsTo as Reference[], property: 'alertsTo', what: `The alerts of ${interfaceName(monitor.$container)} go to` })),
            ...model.elements.filter(isSystem).map(system => ({ node: system as AstNode, parties: system.alertsTo as Reference[], property: 'alertsTo', what: `The alerts of '${system.name}' go to` })),
            ...descendantsOfType(model, isExceptionHandler).filter(h => h.escalation).map(handler => ({ node: handler as AstNode, parties: [handler.escalation!] as Reference[], property: 'escalation', what: `The '${handler.scenario}' handler escalates to` }))
        ];
        for (const { node, parties, property, what } of routed) {
            parties.forEach((party, index) => {
                if (isServiceAccount(refName(party), workspace)) {
                    report(node, `${what} ${refName(party)}, a service account that no person reads; route to a team or a person's role.`, { property, index: property === 'escalation' ? undefined : index });
                }
            });
        }
        for (const monitor of descendantsOfType(model, isMonitor)) {
            if (monitor.alertsTo.length === 0) {
                const owner = interfaceName(monitor.$container);
                // Those the interface's handlers escalate to (else its owner) act on its alerts too.
                const parties = isInterface(monitor.$container) ? alertPartiesOf(monitor.$container, workspace) : [];
                report(monitor, `The alerts of ${owner} reach nobody; add \`alerts to <team or role>\`: the operational owner who acts on them.`, {
                    keyword: 'monitor',
                    fix: parties.length > 0 ? { title: `Send the alerts to ${parties.join(', ')}`, target: monitor, lines: [`alerts to ${parties.join(', ')}`] } : undefined
                });
            }
        }
        for (const system of model.elements.filter(isSystem)) {
            if (system.medicalDevice && system.alertsTo.length === 0) {
                // The device's owner acts on its alarms unless the spec says otherwise.
                const owner = visibleParty(refName(system.owners[0]), system, workspace);
                report(system, `Device alerts of '${system.name}' reach nobody; add \`alerts to <team or role>\`.`, {
                    property: 'name',
                    fix: owner && !isServiceAccount(owner, workspace) ? { title: `Send the alerts to ${owner}`, target: system, lines: [`alerts to ${owner}`] } : undefined
                });
            }
        }
    }
};

function interfaceName(node: unknown): string {
    return isInterface(node) ? `interface '${node.name}'` : 'this monitor';
}

import { isGate, type Gate, type Model } from '../generated/ast.js';
import { sitesOfInterface } from './gate-coverage.js';
import { listText, refName, type RuleContext } from './rule-context.js';

/**
 * Roles affected by an interface are trained before the gate of each site the interface runs at (its `sites`, or
 * where its systems are hosted). Reported on the gate that takes the site live, at its readiness criterion (else
 * its name), since that is where `trains` is written: a gate that trains every role but one names the one. A role
 * counts as trained for a site when any gate of that site trains it (an earlier phase may have).
 */
export function checkGateTraining(model: Model, context: Pick<RuleContext, 'workspace' | 'report'>): void {
    const { workspace, report } = context;
    for (const gate of model.elements.filter(isGate)) {
        const sites = new Set(gate.sites.map(refName).filter((name): name is string => name !== undefined));
        const untrained = new Map<string, Set<string>>();
        for (const node of workspace.interfaces) {
            const here = [...sitesOfInterface(node, workspace)].filter(site => sites.has(site));
            for (const role of node.affects.map(refName).filter((name): name is string => name !== undefined)) {
                if (here.some(site => !trainedAt(site, role, workspace.gatesOf(site)))) {
                    untrained.set(role, (untrained.get(role) ?? new Set()).add(node.name));
                }
            }
        }
        if (untrained.size === 0) {
            continue;
        }
        const roles = [...untrained.keys()];
        const readiness = gate.criteria.find(c => c.question === 'readiness');
        const because = roles.map(role => `${role} (${listText([...untrained.get(role)!])})`);
        report(readiness ?? gate, `Gate '${gate.name}' trains nobody in role${roles.length > 1 ? 's' : ''} ${listText(because)}, affected by interfaces that run at its site${sites.size > 1 ? 's' : ''}; add \`trains ${roles.join(', ')}\` to ${readiness ? `criterion '${readiness.name}'` : 'its readiness criterion'}.`, {
            property: 'name'
        });
    }
}

function trainedAt(site: string, role: string, gates: Gate[]): boolean {
    return gates.some(gate => gate.criteria.some(c => c.trains.some(t => refName(t) === role)));
}

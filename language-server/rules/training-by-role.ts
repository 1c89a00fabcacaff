import { isGate, type Gate, type Interface, type Model, type Role } from '../language/generated/ast.js';
import { sitesOfInterface } from '../model/interface-sites.js';
import { listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';
import { visibleParty } from './stub-values.js';

/**
 * Reported on the gate, where the training is missing: each role an interface `affects` is trained (`trains`) by
 * a criterion of a gate of every site the interface runs at. Another gate of the same site may train it.
 */
export const trainingByRoleRule: Rule = {
    id: 'training-by-role',
    area: 'go-live',
    defaultSeverity: 'warning',
    fixable: true,
    summary: 'Roles affected by an interface are trained before the gate of each of its sites.',
    description: 'Training delivered as one generic event leaves users unable to handle exceptions on day one. Each '
        + 'role an interface `affects` is named in `trains` of a criterion of the gate of every site the interface runs at '
        + '(its `sites`, or where its systems are hosted). The finding is on the gate that misses it, at its readiness '
        + 'criterion\'s `trains` clause (or the criterion, when it has none), and names each untrained role with the interfaces that affect it. A `milestone` gate takes no site live '
        + 'and trains nobody. A role that the gate of another site of the interface trains is an info that asks, since the '
        + 'spec does not say where a role works.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        checkGateTraining(model, { workspace, report });
    }
};

/**
 * Roles affected by an interface are trained before the gate of each site the interface runs at (its `sites`, or
 * where its systems are hosted). Reported on the gate that takes the site live, at its readiness criterion's `trains`
 * clause (else the criterion's name, else the gate's), since that is where the roles are written: a gate that trains every role but one names the one. A role
 * counts as trained for a site when any gate of that site trains it (an earlier phase may have).
 */
function checkGateTraining(model: Model, context: Pick<RuleContext, 'workspace' | 'report'>): void {
    const { workspace, report } = context;
    // A milestone (a decommissioning, a cut-over) takes no site live, so nobody starts using anything at it.
    for (const gate of model.elements.filter(isGate).filter(gate => gate.milestone === undefined)) {
        const sites = new Set(gate.sites.map(refName).filter((name): name is string => name !== undefined));
        const untrained = new Map<string, Set<string>>();
        // Roles some gate of another site of the interface trains: the spec does not say where a role works, so
        // these may be that site's people (a home-dialysis nurse, a centre's nurses), and are only asked about.
        const trainedElsewhere = new Set<string>();
        for (const node of workspace.interfaces) {
            const runsAt = [...sitesOfInterface(node, workspace)];
            const here = runsAt.filter(site => sites.has(site));
            for (const roleRef of node.affects) {
                const role = refName(roleRef);
                if (role === undefined) continue;
                if (here.some(site => !trainedAt(role, workspace.gatesOf(site))) && !trainedCentrally(roleRef.ref, node, gate, sites, workspace)) {
                    untrained.set(role, (untrained.get(role) ?? new Set()).add(node.name));
                    if (runsAt.some(site => !sites.has(site) && trainedAt(role, workspace.gatesOf(site)))) trainedElsewhere.add(role);
                }
            }
        }
        if (untrained.size === 0) {
            continue;
        }
        const roles = [...untrained.keys()];
        const why = roles.map(role => `${role} (affected by ${listText([...untrained.get(role)!])})`);
        const readiness = gate.criteria.find(c => c.question === 'readiness');
        const onlyElsewhere = roles.every(role => trainedElsewhere.has(role));
        const message = onlyElsewhere
            ? `Gate '${gate.name}' does not train role${roles.length > 1 ? 's' : ''} ${listText(why)}, which the gate${roles.length > 1 ? 's' : ''} of another site train${roles.length > 1 ? '' : 's'}; the spec does not say where ${roles.length > 1 ? 'they work' : 'it works'}. If ${roles.length > 1 ? 'they work' : 'it works'} at ${listText([...sites])}, add \`trains ${roles.join(', ')}\` to ${readiness ? `criterion '${readiness.name}'` : 'its readiness criterion'}.`
            : `Gate '${gate.name}' goes live without training role${roles.length > 1 ? 's' : ''} ${listText(why)}; add \`trains ${roles.join(', ')}\` to ${readiness ? `criterion '${readiness.name}'` : 'its readiness criterion'}.`;
        const severity = onlyElsewhere ? { severity: 'info' as const } : {};
        if (!readiness) {
            report(gate, message, { property: 'name', ...severity });
            continue;
        }
        // A one-line criterion gets the clause before its closing brace; a block criterion a line of its own. Only
        // the roles the gate's file sees: another would be an unresolved name (the gate's file imports no interface).
        const text = readiness.$cstNode?.text ?? '';
        const trains = roles.filter(role => visibleParty(role, readiness, workspace) !== undefined);
        // On the `trains` clause when the criterion has one: that is the list the roles go into.
        const hasTrains = readiness.trains.length > 0;
        report(readiness, message, {
            ...(hasTrains ? { keyword: 'trains' } : { property: 'name' }),
            ...severity,
            fix: trains.length === 0 ? undefined : {
                title: `Train ${listText(trains)} before go-live`, target: readiness,
                ...(hasTrains ? { append: { property: 'trains', text: `, ${trains.join(', ')}` } }
                    : text.includes('{') && !text.includes('\n') ? { beforeClose: `trains ${trains.join(', ')} ` } : { lines: [`trains ${trains.join(', ')}`] })
            }
        });
    }
}

/**
 * Whether a central role was trained at an earlier gate: the role's team owns a system the interface runs from or
 * to that is hosted only at sites this gate does not take live (the image management system at the pilot's data
 * centre), so the same people serve every site, and a gate this one comes `after` (directly or through others)
 * trains it. A site-local role (a ward nurse: the team owns no such system) is trained again at each site's gate.
 */
function trainedCentrally(role: Role | undefined, node: Interface, gate: Gate, gateSites: ReadonlySet<string>, workspace: WorkspaceIndex): boolean {
    const team = role?.team?.ref;
    if (!team) return false;
    const central = [node.source?.ref, node.target?.ref].some(system => {
        if (!system || !system.owners.some(owner => owner.ref === team)) return false;
        const hosting = workspace.sites.filter(site => site.baseline?.hosts.some(host => host.ref === system));
        return hosting.length > 0 && hosting.every(site => !gateSites.has(site.name));
    });
    return central && earlierGates(gate).some(earlier => trainedAt(role!.name, [earlier]));
}

/** The gates a gate comes after, directly or through others. */
function earlierGates(gate: Gate): Gate[] {
    const seen = new Set<Gate>();
    const visit = (current: Gate) => {
        for (const ref of current.after) {
            const earlier = ref.ref;
            if (earlier && !seen.has(earlier) && earlier !== gate) {
                seen.add(earlier);
                visit(earlier);
            }
        }
    };
    visit(gate);
    return [...seen];
}

function trainedAt(role: string, gates: Gate[]): boolean {
    return gates.some(gate => gate.criteria.some(c => c.trains.some(t => refName(t) === role)));
}

import { isGate, type Gate, type Model } from '../language/generated/ast.js';
import { sitesOfInterface } from '../model/interface-sites.js';
import { isPlaceholder, listText, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { NO_OPTIONS, type Rule, type RuleContext } from './rule.js';

export const phasedRolloutRule: Rule = {
    id: 'phased-rollout',
    area: 'rollout',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'A pilot site\'s gate precedes the others, or the spec says why not (big-bang).',
    description: 'A pilot lets the team validate assumptions before the wider rollout. When gates exist for several '
        + 'sites, one site is marked `pilot` and every other gate comes `after` a pilot gate, or the workspace says '
        + '`rollout big-bang because "…"`. The pilot goes live on its own and first: its gate names no other site and never '
        + 'comes `after` a non-pilot gate, and a `rollout phased` has no single gate for every site. A hub that hosts an end '
        + 'of every interface the pilot runs (its data centre) may go live in the pilot\'s gate. A `milestone` gate '
        + '(a decommissioning, a cut-over) takes no site live and is not checked as a go-live. A `rollout big-bang` with a '
        + '`pilot` site or go-live gates ordered by `after` contradicts itself.',
    options: NO_OPTIONS,
    check({ model, workspace, report }) {
        const gatedSites = new Set(goLives(workspace.gates).flatMap(gate => gate.sites.map(refName)));
        if (gatedSites.size < 2) {
            return;
        }
        const bigBang = workspace.rollouts.find(rollout => rollout.bigBang);
        if (bigBang) {
            for (const rollout of model.elements.filter(e => e === bigBang)) {
                if (isPlaceholder(bigBang.reason)) {
                    report(rollout, 'A big-bang rollout needs its reason: write `rollout big-bang because "<why a pilot is not possible>"`.', { keyword: 'big-bang' });
                }
                const phasedAfterAll = bigBangContradiction(workspace);
                if (phasedAfterAll) {
                    report(rollout, `The rollout is declared big-bang, but ${phasedAfterAll}: the spec rolls out in phases. Write \`rollout phased\` (or remove the pilot and the order) so reviewers and the checks read one plan.`, { keyword: 'big-bang' });
                }
            }
            return;
        }
        checkPilotOrder(model, { workspace, report });
        const pilots = new Set(workspace.sites.filter(site => site.pilot).map(site => site.name));
        const pilotGates = goLives(workspace.gates).filter(gate => gate.sites.some(site => pilots.has(refName(site) ?? '')));
        for (const gate of goLives(model.elements.filter(isGate))) {
            if (pilotGates.includes(gate) || comesAfter(gate, pilotGates, workspace)) {
                continue;
            }
            const advice = pilotGates.length > 0
                ? `add \`after ${pilotGates[0].name}\` so the pilot goes live first`
                : 'mark one site `pilot` and make the other gates come `after` its gate';
            report(gate, `Gate '${gate.name}' does not follow a pilot site's gate: ${advice}, or declare \`rollout big-bang because "<reason>"\`.`, { property: 'name' });
        }
    }
};

/**
 * What in the workspace says the rollout is phased after all, for a spec that declares `rollout big-bang`: a site
 * marked `pilot`, or a go-live gate that comes `after` another go-live gate. Undefined when nothing does.
 */
function bigBangContradiction(workspace: WorkspaceIndex): string | undefined {
    const pilot = workspace.sites.find(site => site.pilot);
    if (pilot) return `site ${pilot.name} is marked \`pilot\``;
    const live = goLives(workspace.gates);
    for (const gate of live) {
        const earlier = gate.after.map(reference => workspace.find(refName(reference), isGate)).find(previous => previous !== undefined && previous.milestone === undefined);
        if (earlier) return `gate ${gate.name} comes \`after\` gate ${earlier.name}`;
    }
    return undefined;
}

/**
 * The gates that take sites live: a `milestone` (retiring a replaced system, a cut-over) takes none live, so it is
 * neither a pilot's gate nor one that must follow it.
 */
function goLives(gates: readonly Gate[]): Gate[] {
    return gates.filter(gate => gate.milestone === undefined);
}

/** Whether a gate follows (directly or through other gates) one of the given gates. */
function comesAfter(gate: Gate, targets: Gate[], workspace: WorkspaceIndex): boolean {
    const seen = new Set<Gate>();
    const queue = [gate];
    while (queue.length > 0) {
        const current = queue.shift()!;
        for (const name of current.after.map(refName)) {
            const previous = workspace.find(name, isGate);
            if (!previous || seen.has(previous)) {
                continue;
            }
            if (targets.includes(previous)) {
                return true;
            }
            seen.add(previous);
            queue.push(previous);
        }
    }
    return false;
}

/**
 * What a pilot or a phased rollout asks of the gates, beyond "every other gate comes after a pilot gate":
 * - the pilot site goes live on its own: a gate that takes a pilot site live together with other sites is one gate
 *   for all of them, and the pilot proves nothing before they go live;
 * - under `rollout phased`, no single gate names every site of the workspace;
 * - the pilot's gate precedes the others: it never comes `after` (directly or through other gates) a gate that does
 *   not name a pilot site.
 * Reports on the gates of `model`; reads sites, gates and rollouts of the whole workspace.
 */
function checkPilotOrder(model: Model, context: Pick<RuleContext, 'workspace' | 'report'>): void {
    const { workspace, report } = context;
    const pilots = new Set(workspace.sites.filter(site => site.pilot).map(site => site.name));
    const phased = workspace.rollouts.some(rollout => rollout.phased);
    if (pilots.size === 0 && !phased) {
        return;
    }
    const allSites = workspace.sites.map(site => site.name);
    for (const gate of goLives(model.elements.filter(isGate))) {
        const names = [...new Set(gate.sites.map(refName).filter((name): name is string => name !== undefined))];
        const pilotHere = names.filter(name => pilots.has(name));
        // A hub (the data centre that hosts an end of every interface the pilot runs) goes live with the pilot
        // because the pilot cannot run without it; so does a partner, the site that hosts the other end of an
        // interface whose one end the pilot hosts (a laboratory piloting its results feed with the first hospital).
        // Neither is another site the pilot should precede.
        const others = names.filter(name => !pilots.has(name) && !isHubOf(name, pilotHere, workspace) && !isPartnerOf(name, pilotHere, workspace));
        if (pilotHere.length > 0 && others.length > 0) {
            report(gate, `Gate '${gate.name}' takes pilot site ${listText(pilotHere)} live together with ${listText(others)}: the pilot proves nothing before they go live. Give ${others.length > 1 ? 'them' : 'it'} a gate of ${others.length > 1 ? 'their' : 'its'} own that comes \`after ${gate.name}\`.`, { property: 'name' });
        } else if (phased && names.length >= 2 && allSites.length >= 2 && allSites.every(site => names.includes(site))) {
            report(gate, `The rollout is declared phased, but gate '${gate.name}' takes every site live at once; give the pilot site its own gate and make the others come \`after\` it.`, { property: 'name' });
        }
        if (pilotHere.length > 0) {
            gate.after.forEach((reference, index) => {
                const earlier = nonPilotBefore(workspace.find(refName(reference), isGate), pilots, workspace);
                if (earlier) {
                    report(gate, `Pilot gate '${gate.name}' comes after '${earlier.name}', which names no pilot site: the pilot must go live first. Remove \`after ${refName(reference)}\` and make '${earlier.name}' come \`after ${gate.name}\`.`, { property: 'after', index });
                }
            });
        }
    }
}

/**
 * Whether `site` hosts (baseline `hosts`) the sending or receiving system of every interface that runs at one of
 * the pilot sites, so that none of them can run without it. False when the pilots run no interface.
 */
function isHubOf(site: string, pilotSites: readonly string[], workspace: WorkspaceIndex): boolean {
    if (pilotSites.length === 0) return false;
    const hosted = new Set(workspace.sites.find(candidate => candidate.name === site)?.baseline?.hosts.map(refName) ?? []);
    if (hosted.size === 0) return false;
    const pilotInterfaces = workspace.interfaces.filter(node => {
        const runsAt = sitesOfInterface(node, workspace);
        return pilotSites.some(pilot => runsAt.has(pilot));
    });
    return pilotInterfaces.length > 0 && pilotInterfaces.every(node => hosted.has(refName(node.source)) || hosted.has(refName(node.target)));
}

/**
 * Whether `site` hosts (baseline `hosts`) one end of an interface that runs at a pilot site and whose other end a
 * pilot site hosts: that interface, the pilot's own, cannot run without it. An interface that merely runs at both
 * (a shared feed whose systems are hosted elsewhere) does not make a site a partner.
 */
function isPartnerOf(site: string, pilotSites: readonly string[], workspace: WorkspaceIndex): boolean {
    const hostedAt = (name: string) => new Set(workspace.sites.find(candidate => candidate.name === name)?.baseline?.hosts.map(refName) ?? []);
    const here = hostedAt(site);
    if (here.size === 0 || pilotSites.length === 0) return false;
    const atPilots = new Set(pilotSites.flatMap(pilot => [...hostedAt(pilot)]));
    return workspace.interfaces.some(node => {
        const [source, target] = [refName(node.source), refName(node.target)];
        if (!pilotSites.some(pilot => sitesOfInterface(node, workspace).has(pilot))) return false;
        return (here.has(source) && atPilots.has(target)) || (here.has(target) && atPilots.has(source));
    });
}

/** The first gate, from `start` back through `after`, that names no pilot site; undefined if there is none. */
function nonPilotBefore(start: Gate | undefined, pilots: ReadonlySet<string>, workspace: WorkspaceIndex): Gate | undefined {
    const seen = new Set<Gate>();
    const queue = start ? [start] : [];
    while (queue.length > 0) {
        const gate = queue.shift()!;
        if (seen.has(gate)) {
            continue;
        }
        seen.add(gate);
        if (gate.milestone === undefined && !gate.sites.some(site => pilots.has(refName(site) ?? ''))) {
            return gate;
        }
        queue.push(...gate.after.map(reference => workspace.find(refName(reference), isGate)).filter((g): g is Gate => g !== undefined));
    }
    return undefined;
}

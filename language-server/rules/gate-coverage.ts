import { isGate, isInterface, isSite, type Gate, type Interface, type Question, type Site, type System } from '../language/generated/ast.js';
import { kindWords } from '../model/medical-devices.js';
import { sitesOfInterface } from '../model/interface-sites.js';
import { isCritical, listText, refName } from '../model/workspace-index.js';
import type { Rule, RuleContext } from './rule.js';
import { visibleName } from './stub-values.js';

/** The five go-live questions every gate answers, with a criterion name for the stubs a quick fix writes. */
const GO_LIVE_QUESTIONS: ReadonlyArray<{ question: Question, stub: string, what: string }> = [
    { question: 'exceptions', stub: 'ExceptionsSimulated', what: 'exception workflows simulated' },
    { question: 'data-meaning', stub: 'DataMeaning', what: 'data meaning consistent end to end' },
    { question: 'compliance', stub: 'ComplianceRecords', what: 'compliance records complete' },
    { question: 'readiness', stub: 'DayOneReadiness', what: 'users can work safely on day one' },
    { question: 'load-test', stub: 'LoadTested', what: 'realistic load tests passed' }
];

function criterionStub(question: Question, stub: string, extra: string[] = []): string[] {
    return [`criterion ${stub} {`, `    question ${question}`, '    evidence "TODO"', '    // TODO: approver <team or role>', ...extra.map(line => `    ${line}`), '}'];
}

/**
 * The go-live questions whose criteria test interfaces one by one (interspec.yaml
 * `gate-coverage: { per-question: [...] }`): exception paths are simulated and data meaning is compared per
 * interface, and a critical interface left out of the load test goes live untested at peak, so a gate's criteria
 * for these questions cover every critical interface of its sites. Teams whose load tests exercise only the
 * high-volume feeds drop `load-test` from the option.
 */
const DEFAULT_PER_QUESTION_COVERAGE: readonly Question[] = ['exceptions', 'data-meaning', 'load-test'];

export const gateCoverageRule: Rule = {
    id: 'gate-coverage',
    area: 'go-live',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'Every site that runs a critical interface has a gate, and the gate answers the five go-live questions.',
    description: 'Technical sign-off misses the questions that fail live care: exceptions simulated, data meaning, '
        + 'compliance records, day-one user readiness and load tests. Each site that runs a critical interface has '
        + 'a gate; each gate has a criterion for each of the five questions and covers every critical interface of its sites, '
        + `and the criteria of the ${listText([...DEFAULT_PER_QUESTION_COVERAGE])} questions (option \`per-question\`) cover each of them too. An `
        + 'interface runs at the sites it lists, or, listing none, where its sending or receiving system is hosted. '
        + 'An interface a gate it comes `after` already covered for one of its sites (for that question) is covered; '
        + 'so is, for the load test, one an earlier gate (`after`) load-tested when the gate\'s new sites host neither of its '
        + 'systems nor devices they serve (the wave adds no traffic to it). A load-test gap is an error only where the '
        + 'spec states the volume (DICOM image transfers, systems serving devices a site counts), an info that asks '
        + 'otherwise; so is a data-meaning gap for a central feed an earlier gate compared; '
        + 'a `milestone` gate (a decommissioning, a cut-over) takes no site live and is not checked as a go-live.',
    options: {
        type: 'object', additionalProperties: false,
        properties: {
            'per-question': {
                type: 'array', uniqueItems: true,
                items: { enum: ['exceptions', 'data-meaning', 'compliance', 'readiness', 'load-test', 'ownership', 'monitoring', 'vendor'] },
                description: `Go-live questions whose criteria, when they name interfaces with \`covers\`, must cover every critical interface of the gate's sites (default [${DEFAULT_PER_QUESTION_COVERAGE.join(', ')}]).`,
                default: DEFAULT_PER_QUESTION_COVERAGE
            }
        }
    },
    check(context) {
        const { model, workspace, report } = context;
        for (const site of model.elements.filter(isSite)) {
            const runs = criticalInterfacesAt(new Set([site.name]), context);
            if (runs.length > 0 && workspace.gatesOf(site.name).every(gate => gate.milestone !== undefined)) {
                const gateName = `${site.name}GoLive`;
                // The stub goes into the site's file: it covers only the interfaces that file sees (others are unresolved names).
                const covered = runs.map(i => i.name).filter(name => visibleName(name, site, workspace, isInterface) !== undefined);
                report(site, `Site '${site.name}' runs critical interface${runs.length > 1 ? 's' : ''} ${listText(runs.map(i => i.name))} but no gate names it. Add \`gate ${gateName} { site ${site.name} … }\` with a criterion per go-live question.`, {
                    property: 'name',
                    fix: {
                        title: `Add a gate for site ${site.name}`, target: model,
                        lines: ['', `gate ${gateName} {`, `    site ${site.name}`, '    // TODO: approver <team or role>',
                            ...GO_LIVE_QUESTIONS.flatMap(q => criterionStub(q.question, q.stub, q.question === 'exceptions' && covered.length > 0 ? [`covers ${covered.join(', ')}`] : [])
                                .map(line => `    ${line}`)),
                            '}']
                    }
                });
            }
        }
        for (const gate of model.elements.filter(isGate)) {
            checkGate(gate);
        }

        function checkGate(gate: Gate): void {
            if (gate.milestone !== undefined) {
                return; // a decommissioning or a cut-over takes no site live: the go-live questions are not its own
            }
            if (gate.sites.length === 0) {
                report(gate, `Gate '${gate.name}' names no site; add \`site <site>\` (or \`sites a, b\` for a phase).`, { property: 'name' });
            }
            const asked = new Set(gate.criteria.map(c => c.question).filter(q => q !== undefined));
            const missing = GO_LIVE_QUESTIONS.filter(q => !asked.has(q.question));
            if (missing.length > 0) {
                report(gate, `Gate '${gate.name}' does not answer ${listText(missing.map(q => `${q.question} (${q.what})`))}. Add a criterion with \`question ${missing[0].question}\` for each.`, {
                    property: 'name',
                    fix: { title: 'Add criterion stubs for the missing go-live questions', target: gate, lines: missing.flatMap(q => criterionStub(q.question, q.stub)) }
                });
            }
            checkGateInterfaces(gate, context);
        }
    }
};

/** Whether an interface carries images (standard DICOM): the large transfers a load test must drive. */
function transfersImages(node: Interface): boolean {
    return node.standard?.name === 'DICOM';
}

/** The critical interfaces that run at any of the named sites, in workspace order. */
function criticalInterfacesAt(siteNames: ReadonlySet<string | undefined>, context: Pick<RuleContext, 'workspace' | 'critical'>): Interface[] {
    return context.workspace.interfaces.filter(i => isCritical(i, context.critical) && [...sitesOfInterface(i, context.workspace)].some(site => siteNames.has(site)));
}

/**
 * A gate covers every critical interface that runs at its sites: named in some criterion's `covers`, and, for each
 * per-question question the gate asks, in a criterion of that question (a criterion without `covers` takes in all) (a gate whose exception simulation covers two
 * of four critical interfaces lets the other two go live untested). Names the interfaces it misses.
 */
function checkGateInterfaces(gate: Gate, context: RuleContext): void {
    const { options, report } = context;
    const siteNames = new Set(gate.sites.map(refName));
    const goesLiveLater = liveWithLaterGate(gate, context);
    const due = criticalInterfacesAt(siteNames, context).filter(i => !goesLiveLater(i));
    if (due.length === 0) {
        return;
    }
    const earlier = earlierGatesOfItsSites(gate, context);
    // Covered before: at each of this gate's sites where the interface runs, an earlier gate of that site covered it.
    const coveredBefore = (question?: Question) => new Set(due.filter(i => {
        const here = [...sitesOfInterface(i, context.workspace)].filter(site => siteNames.has(site));
        return here.length > 0 && here.every(site => earlier.some(g => g.sites.some(s => refName(s) === site)
            && g.criteria.some(c => (question === undefined || c.question === question) && c.covers.some(ref => refName(ref) === i.name))));
    }).map(i => i.name));
    const covered = new Set([...gate.criteria.flatMap(c => c.covers.map(refName)), ...coveredBefore()]);
    const uncovered = due.filter(i => !covered.has(i.name));
    const plural = (items: Interface[]) => items.length > 1;
    if (uncovered.length > 0) {
        report(gate, `Gate '${gate.name}' does not cover critical interface${plural(uncovered) ? 's' : ''} ${listText(uncovered.map(i => i.name))} of its site${siteNames.size > 1 ? 's' : ''}; add \`covers ${uncovered.map(i => i.name).join(', ')}\` to the criterion that tests ${plural(uncovered) ? 'them' : 'it'}.`, {
            property: 'name'
        });
    }
    const questions = (options['per-question'] as Question[] | undefined) ?? DEFAULT_PER_QUESTION_COVERAGE;
    for (const question of questions) {
        const criteria = gate.criteria.filter(c => c.question === question);
        if (criteria.length === 0 || criteria.some(c => c.covers.length === 0)) {
            // A question the gate does not ask is reported as such; a criterion without `covers` takes in every
            // interface of the gate's sites (as the test matrix links it).
            continue;
        }
        const coveredHere = new Set([...criteria.flatMap(c => c.covers.map(refName)), ...coveredBefore(question),
            ...(question === 'load-test' ? coveredUpstream(due, gate, question, context) : [])]);
        // Interfaces no criterion covers were named above; here only those another question's criteria cover.
        let missed = due.filter(i => covered.has(i.name) && !coveredHere.has(i.name));
        if (question === 'data-meaning') {
            // A central feed whose data meaning an earlier wave compared, at a new site that hosts neither of its
            // systems: whether the site's configuration (local codes, templates) changes what it means is context
            // the spec does not state, so ask.
            const compared = new Set(coveredUpstream(missed, gate, question, context));
            const central = missed.filter(i => compared.has(i.name));
            if (central.length > 0) {
                report(criteria[0], `The data-meaning criterion of gate '${gate.name}' does not cover critical interface${plural(central) ? 's' : ''} ${listText(central.map(i => i.name))}, whose data meaning an earlier gate compared and whose systems ${plural(central) ? 'are' : 'is'} not hosted at this gate's new site${siteNames.size > 1 ? 's' : ''}; if local codes or templates there change ${plural(central) ? 'their' : 'its'} meaning, add \`covers ${central.map(i => i.name).join(', ')}\`.`, {
                    keyword: 'covers', severity: 'info'
                });
                missed = missed.filter(i => !compared.has(i.name));
            }
        }
        if (question === 'load-test') {
            // A load test stresses the systems it drives: an interface both of whose systems the test already drives
            // (an allergy feed beside the diet orders it load-tested, both EHR to catering) had its infrastructure
            // under load; whether its own traffic needs a test of its own is volume the spec may not state: ask.
            const named = new Set(criteria.flatMap(c => c.covers.map(refName)));
            const tested = new Set(context.workspace.interfaces.filter(i => named.has(i.name)).flatMap(i => [refName(i.source), refName(i.target)]));
            const driven = missed.filter(i => tested.has(refName(i.source)) && tested.has(refName(i.target)));
            if (driven.length > 0) {
                report(criteria[0], `The load-test criterion of gate '${gate.name}' does not name critical interface${plural(driven) ? 's' : ''} ${listText(driven.map(i => i.name))}, whose systems it drives under load; if ${plural(driven) ? 'their' : 'its'} own traffic needs testing at peak, add \`covers ${driven.map(i => i.name).join(', ')}\`.`, {
                    keyword: 'covers', severity: 'info'
                });
                missed = missed.filter(i => !driven.includes(i));
            }
            // What a load test must drive is volume ("simultaneous users, large image transfers, analyzer bursts",
            // domain reading 002). The spec states it for image transfers (DICOM) and for systems serving the devices a
            // site's baseline counts (180 pumps loading a pump server): those must be driven; for the others, ask.
            const gateSites = gate.sites.map(ref => ref.ref ?? context.workspace.find(refName(ref) ?? '', isSite));
            const unstated = missed.filter(i => !transfersImages(i) && ![i.source?.ref, i.target?.ref].some(system => gateSites.some(site => servesDevices(system, site))));
            if (unstated.length > 0) {
                report(criteria[0], `The load-test criterion of gate '${gate.name}' does not name critical interface${plural(unstated) ? 's' : ''} ${listText(unstated.map(i => i.name))}; the spec does not say ${plural(unstated) ? 'their' : 'its'} volume: if ${plural(unstated) ? 'their' : 'its'} traffic at peak (bursts, simultaneous users) loads the infrastructure, add \`covers ${unstated.map(i => i.name).join(', ')}\`.`, {
                    keyword: 'covers', severity: 'info'
                });
                missed = missed.filter(i => !unstated.includes(i));
            }
        }
        if (missed.length > 0) {
            const criterion = criteria[0];
            report(criterion, `The ${question} criterion of gate '${gate.name}' does not cover critical interface${plural(missed) ? 's' : ''} ${listText(missed.map(i => i.name))} that run${plural(missed) ? '' : 's'} at its site${siteNames.size > 1 ? 's' : ''}; add \`covers ${missed.map(i => i.name).join(', ')}\` to it, or test ${plural(missed) ? 'them' : 'it'} under another criterion with \`question ${question}\`.`, {
                // On its `covers` clause, the list the interfaces go into (every criterion here has one).
                keyword: 'covers'
            });
        }
    }
}

/**
 * Kind words too general to say which devices a system serves (`pump-server` serves pumps, `device-gateway` any).
 */
const GENERIC_KIND_WORDS = new Set(['server', 'system', 'manager', 'management', 'gateway', 'service', 'hub', 'engine', 'central',
    'information', 'device', 'devices', 'medical', 'integration', 'middleware', 'interface', 'platform', 'application', 'software']);

/** The words of a name or title, lower case and singular: `InfusionPump`, "Smart infusion pumps" give infusion, pump, smart. */
function nameWords(text: string | undefined): string[] {
    return (text ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/)
        .filter(word => word.length > 2).map(word => word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
}

/**
 * Whether a system takes part in a site's traffic: the site hosts it (baseline `hosts`), or the site's baseline
 * lists devices the system serves, by a specific word of its `kind` in the device's name or title (a central
 * `pump-server` and the site's "Smart infusion pumps": the site's pumps load the server).
 */
function reachesSite(system: System | undefined, site: Site | undefined): boolean {
    if (!system || !site?.baseline) return false;
    return site.baseline.hosts.some(host => host.ref === system || refName(host) === system.name) || servesDevices(system, site);
}

/**
 * Whether a site's baseline lists devices a system serves, by a specific word of the system's `kind` in the device's
 * name or title (a `pump-server` and "Smart infusion pumps").
 */
function servesDevices(system: System | undefined, site: Site | undefined): boolean {
    if (!system || !site?.baseline) return false;
    const kind = kindWords(system.kind).map(word => nameWords(word)[0] ?? word).filter(word => !GENERIC_KIND_WORDS.has(word));
    return kind.length > 0 && site.baseline.devices.some(device => [...nameWords(device.name), ...nameWords(device.title)].some(word => kind.includes(word)));
}

/**
 * The critical interfaces that a gate this one comes `after` (directly or through others, at any site) already
 * covered for `question` (load-tested, compared for data meaning), and that the gate's new sites (those that gate did
 * not name) add no traffic path to: neither the sending nor the receiving system is hosted there or serves devices
 * there (both ends in the pilot's data centre). A later wave's load test is about the traffic it adds; what a pump
 * server receives for a new site's pumps it adds.
 */
function coveredUpstream(due: readonly Interface[], gate: Gate, question: Question, context: Pick<RuleContext, 'workspace'>): string[] {
    const { workspace } = context;
    const predecessors = gatesBefore(gate, workspace);
    return due.filter(node => predecessors.some(earlier => {
        const tested = earlier.criteria.some(c => c.question === question
            && (c.covers.some(ref => refName(ref) === node.name)
                || (c.covers.length === 0 && earlier.sites.some(site => sitesOfInterface(node, workspace).has(refName(site) ?? '')))));
        if (!tested) return false;
        const before = new Set(earlier.sites.map(refName));
        const newSites = gate.sites.map(refName).filter(name => !before.has(name)).map(name => workspace.find(name, isSite));
        return newSites.every(site => site !== undefined && ![node.source?.ref, node.target?.ref].some(system => reachesSite(system, site)));
    })).map(node => node.name);
}

/** Every gate this one comes `after`, directly or through others, whatever its sites; milestones too. */
function gatesBefore(gate: Gate, workspace: RuleContext['workspace']): Gate[] {
    const seen = new Set<Gate>([gate]);
    const queue = [gate];
    const found: Gate[] = [];
    while (queue.length > 0) {
        for (const name of queue.shift()!.after.map(refName)) {
            const previous = workspace.find(name, isGate);
            if (!previous || seen.has(previous)) continue;
            seen.add(previous);
            queue.push(previous);
            found.push(previous);
        }
    }
    return found;
}

/**
 * Whether an interface that runs at a gate's sites goes live with a later gate instead: an end of it (its sending or
 * receiving system) is hosted at a site that is not live by this gate (neither its sites nor those of a gate it
 * comes after), so it cannot run before that site is, and each such site is taken live by a gate that comes after
 * this one (a regional laboratory's pilot gate with the first hospital; the feed into the second hospital's EHR goes
 * live, and is covered, at that hospital's gate `after` the pilot). An interface that merely also runs at a later
 * site (a central system's feed to every hospital's handsets) runs at this gate's sites from this gate on, and a
 * site no later gate names keeps the interface here: this gate is the last that could test it.
 */
function liveWithLaterGate(gate: Gate, context: Pick<RuleContext, 'workspace'>): (iface: Interface) => boolean {
    const live = new Set([...gate.sites, ...gatesReached(gate, context, 'before').flatMap(g => g.sites)].map(refName));
    const later = new Set(gatesReached(gate, context, 'after').flatMap(g => g.sites.map(refName)));
    return iface => {
        const ends = [refName(iface.source), refName(iface.target)];
        const waiting = context.workspace.sites.filter(site => !live.has(site.name) && site.baseline?.hosts.some(host => ends.includes(refName(host))));
        return waiting.length > 0 && waiting.every(site => later.has(site.name));
    };
}

/** The gates a gate comes after (directly or through others), or those that come after it. */
function gatesReached(gate: Gate, context: Pick<RuleContext, 'workspace'>, direction: 'before' | 'after'): Gate[] {
    const gates = context.workspace.gates;
    const seen = new Set<Gate>([gate]);
    const queue = [gate];
    while (queue.length > 0) {
        const current = queue.shift()!;
        const next = direction === 'before'
            ? current.after.map(ref => context.workspace.find(refName(ref), isGate)).filter((g): g is Gate => g !== undefined)
            : gates.filter(g => g.after.some(ref => refName(ref) === current.name));
        for (const g of next) {
            if (seen.has(g)) continue;
            seen.add(g);
            queue.push(g);
        }
    }
    seen.delete(gate);
    return [...seen];
}

/**
 * The gates this one comes `after` (directly or through others) that name one of its sites: what they tested at that
 * site need not be tested again (a site's second wave, a go-live after its own pilot gate).
 */
function earlierGatesOfItsSites(gate: Gate, context: Pick<RuleContext, 'workspace'>): Gate[] {
    const sites = new Set(gate.sites.map(refName));
    return gatesReached(gate, context, 'before').filter(previous => previous.sites.some(site => sites.has(refName(site))));
}

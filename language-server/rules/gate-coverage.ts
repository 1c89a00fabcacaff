import { isGate, isInterface, isSite, type Gate, type Interface, type Question } from '../language/generated/ast.js';
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
    const due = criticalInterfacesAt(siteNames, context);
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
        const coveredHere = new Set([...criteria.flatMap(c => c.covers.map(refName)), ...coveredBefore(question)]);
        // Interfaces no criterion covers were named above; here only those another question's criteria cover.
        const missed = due.filter(i => covered.has(i.name) && !coveredHere.has(i.name));
        if (missed.length > 0) {
            const criterion = criteria[0];
            report(criterion, `The ${question} criterion of gate '${gate.name}' does not cover critical interface${plural(missed) ? 's' : ''} ${listText(missed.map(i => i.name))} that run${plural(missed) ? '' : 's'} at its site${siteNames.size > 1 ? 's' : ''}; add \`covers ${missed.map(i => i.name).join(', ')}\` to it, or test ${plural(missed) ? 'them' : 'it'} under another criterion with \`question ${question}\`.`, {
                property: 'name'
            });
        }
    }
}

/**
 * The gates this one comes `after` (directly or through others) that name one of its sites: what they tested at that
 * site need not be tested again (a site's second wave, a go-live after its own pilot gate).
 */
function earlierGatesOfItsSites(gate: Gate, context: Pick<RuleContext, 'workspace'>): Gate[] {
    const sites = new Set(gate.sites.map(refName));
    const seen = new Set<Gate>([gate]);
    const queue = [gate];
    const found: Gate[] = [];
    while (queue.length > 0) {
        for (const name of queue.shift()!.after.map(refName)) {
            const previous = context.workspace.find(name, isGate);
            if (!previous || seen.has(previous)) {
                continue;
            }
            seen.add(previous);
            queue.push(previous);
            if (previous.sites.some(site => sites.has(refName(site)))) {
                found.push(previous);
            }
        }
    }
    return found;
}

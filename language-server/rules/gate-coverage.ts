import { type Gate, type Interface, type Question } from '../language/generated/ast.js';
import { sitesOfInterface } from '../model/interface-sites.js';
import { isCritical, listText, refName } from '../model/workspace-index.js';
import type { RuleContext } from './rule.js';

/**
 * The go-live questions whose criteria test interfaces one by one (interspec.yaml
 * `gate-coverage: { per-question: [...] }`): exception paths are simulated and data meaning is compared per
 * interface, and a critical interface left out of the load test goes live untested at peak, so a gate's criteria
 * for these questions cover every critical interface of its sites. Teams whose load tests exercise only the
 * high-volume feeds drop `load-test` from the option.
 */
export const DEFAULT_PER_QUESTION_COVERAGE: readonly Question[] = ['exceptions', 'data-meaning', 'load-test'];

/** The critical interfaces that run at any of the named sites, in workspace order. */
export function criticalInterfacesAt(siteNames: ReadonlySet<string | undefined>, context: Pick<RuleContext, 'workspace' | 'critical'>): Interface[] {
    return context.workspace.interfaces.filter(i => isCritical(i, context.critical) && [...sitesOfInterface(i, context.workspace)].some(site => siteNames.has(site)));
}

/**
 * A gate covers every critical interface that runs at its sites: named in some criterion's `covers`, and, for each
 * per-question question the gate asks, in a criterion of that question (a criterion without `covers` takes in all) (a gate whose exception simulation covers two
 * of four critical interfaces lets the other two go live untested). Names the interfaces it misses.
 */
export function checkGateInterfaces(gate: Gate, context: RuleContext): void {
    const { options, report } = context;
    const siteNames = new Set(gate.sites.map(refName));
    const due = criticalInterfacesAt(siteNames, context);
    if (due.length === 0) {
        return;
    }
    const covered = new Set(gate.criteria.flatMap(c => c.covers.map(refName)));
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
        const coveredHere = new Set(criteria.flatMap(c => c.covers.map(refName)));
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


import * as path from 'node:path';
import type { AstNode } from 'langium';
import { isGate, type Criterion, type Data, type Gate, type Interface, type Site, type System } from '../language/generated/ast.js';
import { compareText, type Finding } from '../model/findings.js';
import { UNTRUSTED_EVIDENCE_CODES } from '../model/finding-codes.js';
import { isPlaceholder } from '../model/workspace-index.js';
import { isDeviceKind, namesVendorCertificateOnly } from '../model/medical-devices.js';
import { closestName } from '../util/closest-name.js';
import { deviceVersionGaps } from '../model/device-versions.js';
import { sitesOfInterface } from '../model/interface-sites.js';
import { lowerFirst } from './gate-reasons.js';
import { checklistItemId } from './ids.js';
import { rolloutOrder } from './rollout.js';
import { contextOf, namedCriteria, type GeneratorContext, type GeneratorInput } from './input.js';
import { matrixRows } from './matrix.js';
import {
    CHECKLIST_GROUPS, COMPLETE_STATUSES, type BlockingFinding, type Checklist, type ChecklistGroupId, type ChecklistItem,
    type EvidenceStatus, type MatrixRow, rowStatus
} from './model.js';
import { refName, refNames, relativeFile, unique } from './names.js';
import { problemLine, specProblems } from './spec-problems.js';

/** Thrown for a gate name the workspace does not declare (a user error: the message says which gates exist). */
export class UnknownGateError extends Error {
    override readonly name = 'UnknownGateError';
    constructor(readonly gate: string, readonly known: string[]) {
        const suggestion = closestName(gate, known);
        super(`Unknown gate '${gate}'; ${known.length ? `the workspace declares: ${known.join(', ')}` : 'the workspace declares no gate'}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`);
    }
}

/** Checklists of the named gate, or of every gate in rollout order (`after`, then by name) when no name is given. */
export function buildChecklists(input: GeneratorInput, gateName?: string): Checklist[] {
    const context = contextOf(input);
    if (gateName === undefined) {
        // Once per input: the HTML matrix, every checklist format, summaries and unknown-id checks read them.
        let all = CHECKLISTS.get(context);
        if (!all) {
            all = rolloutOrder(context.index.sorted.gates.map(gate => buildChecklist(context, gate)));
            CHECKLISTS.set(context, all);
        }
        return [...all];
    }
    const gate = context.index.find(gateName, isGate);
    if (!gate) {
        throw new UnknownGateError(gateName, context.index.sorted.gates.map(g => g.name));
    }
    return [buildChecklist(context, gate)];
}

const CHECKLISTS = new WeakMap<GeneratorContext, Checklist[]>();

/**
 * Forgets the checklists built for an input whose evidence findings were just completed (loadGeneratorInput reads
 * the checklist item ids before it adds the unknown-id and conflict findings that can block a gate).
 */
export function forgetChecklists(input: GeneratorInput): void {
    CHECKLISTS.delete(contextOf(input));
}

/** The test cases a gate depends on (only the fields a checklist needs, so a large scope stays small). */
type ScopeRow = Pick<MatrixRow, 'id' | 'interface' | 'kind' | 'handled' | 'scenario' | 'criteria' | 'evidence' | 'observed'>;

/** What a gate is about: its sites' interfaces (and those its criteria cover), their systems, data and roles. */
interface GateScope {
    sites: string[];
    interfaces: Interface[];
    systems: System[];
    data: Data[];
    siteNodes: Site[];
    rows: Map<string, ScopeRow[]>;
}

export function buildChecklist(context: GeneratorContext, gate: Gate): Checklist {
    const scope = gateScope(context, gate);
    const items = new Map<ChecklistGroupId, ChecklistItem[]>(CHECKLIST_GROUPS.map(group => [group.id, []]));
    const gateApprovers = unique(refNames(gate.approvers));

    // Declared criteria, in the order the gate lists them.
    for (const criterion of namedCriteria(gate)) {
        const id = `${gate.name}.${criterion.name}`;
        const tests = [...scope.rows.values()].flat().filter(row => row.criteria.includes(id));
        const notes: string[] = [];
        if (criterion.load) notes.push(`Load: ${criterion.load}`);
        const trains = refNames(criterion.trains);
        if (trains.length) notes.push(`Trains: ${trains.join(', ')}`);
        if (!criterion.evidence.some(entry => !isPlaceholder(entry))) notes.push('No evidence is named.');
        const approver = refName(criterion.approver);
        items.get(groupOf(criterion))!.push(makeItem(context, {
            id, title: criterion.title ?? criterion.name, declared: true,
            owner: approver ? [approver] : gateApprovers, evidenceRequired: unique(criterion.evidence.filter(entry => !isPlaceholder(entry))), tests, notes
        }));
    }

    const declaredIn = (group: ChecklistGroupId) => namedCriteria(gate).filter(criterion => groupOf(criterion) === group);
    // A criterion the gate declares for compliance, ownership, monitoring or vendors answers that group; the
    // items the spec implies fill in only the groups the gate is silent on (the rules report spec gaps).
    const implied = (group: ChecklistGroupId, item: ChecklistItem) => {
        if (!declaredIn(group).length) {
            items.get(group)!.push(item);
        }
    };
    const siteText = scope.sites.length ? scope.sites.join(', ') : 'its sites';

    // Exceptions and data meaning: interfaces whose test cases no declared criterion of this gate takes in.
    for (const iface of scope.interfaces) {
        const rows = scope.rows.get(iface.name) ?? [];
        const owner = unique(refNames(iface.owners));
        const feedsGate = (row: ScopeRow) => row.criteria.some(id => id.startsWith(`${gate.name}.`));
        const exceptionRows = rows.filter(row => row.kind === 'exception');
        if (exceptionRows.length && !exceptionRows.some(feedsGate)) {
            items.get('exceptions')!.push(makeItem(context, {
                id: checklistItemId(gate.name, 'exceptions', iface.name),
                title: `${iface.name}: exception scenarios simulated at ${siteText}`, declared: false, owner,
                evidenceRequired: [], tests: exceptionRows, notes: ['No criterion of this gate covers these scenarios.']
            }));
        }
        const meaningRows = rows.filter(row => row.kind !== 'exception');
        if (meaningRows.length && !meaningRows.some(feedsGate)) {
            items.get('data-meaning')!.push(makeItem(context, {
                id: checklistItemId(gate.name, 'data-meaning', iface.name),
                title: `${iface.name}: data shown at the receiver matches what was sent (identifiers, units, times, codes)`,
                declared: false, owner, evidenceRequired: [], tests: meaningRows,
                notes: ['No criterion of this gate covers these checks.']
            }));
        }
        implied('ownership', makeItem(context, {
            id: checklistItemId(gate.name, 'ownership', iface.name),
            title: `${iface.name}: accountable owner confirmed${owner.length ? ` (${owner.join(', ')})` : ''}`,
            declared: false, owner, evidenceRequired: [], tests: [],
            notes: owner.length === 1 ? [] : [owner.length ? 'More than one owner is named; one must be accountable.' : 'No owner is declared.']
        }));
        implied('monitoring', makeItem(context, {
            id: checklistItemId(gate.name, 'monitoring', iface.name),
            title: `${iface.name}: post-go-live monitoring live${iface.monitor?.metrics.length ? ` (${iface.monitor.metrics.map(metricText).join('; ')})` : ''}`,
            declared: false, owner: iface.monitor ? unique(refNames(iface.monitor.owners)) : owner, evidenceRequired: [], tests: [],
            notes: monitoringGaps(iface)
        }));
    }

    // Compliance: the data the scope carries, and regulated systems.
    for (const data of scope.data) {
        implied('compliance', makeItem(context, {
            id: checklistItemId(gate.name, 'compliance', data.name),
            title: `${data.name}: classification, retention, access roles and audit trail recorded and reviewable`,
            declared: false, owner: unique(refNames(data.owners)), evidenceRequired: [], tests: [], notes: dataGaps(data)
        }));
    }
    // A system whose kind is a medical device is regulated whether or not the spec says so (regulatory-record).
    for (const system of scope.systems.filter(s => s.medicalDevice || s.regulatory || isDeviceKind(s.kind))) {
        const regulatory = system.regulatory;
        implied('compliance', makeItem(context, {
            id: checklistItemId(gate.name, 'compliance', system.name),
            title: `${system.name}: regulatory record and site validation${regulatory ? ` (${[regulatory.regime, regulatory.deviceClass && `class ${regulatory.deviceClass}`, regulatory.validation && `validation ${regulatory.validation}`].filter(Boolean).join(', ')})` : ''}`,
            declared: false, owner: unique(refNames(system.owners)), evidenceRequired: [], tests: [],
            notes: !regulatory?.validation || isPlaceholder(regulatory.validation) ? ['No site validation record is declared.']
                : namesVendorCertificateOnly(regulatory.validation, system.vendor) ? ['The validation names the manufacturer\'s certification, not a validation at the site.'] : []
        }));
    }

    // Readiness: roles the scope affects that no criterion trains, and hypercare.
    const trained = new Set(namedCriteria(gate).flatMap(criterion => refNames(criterion.trains)));
    const roles = unique(scope.interfaces.flatMap(iface => refNames(iface.affects))).sort(compareText);
    for (const role of roles.filter(role => !trained.has(role))) {
        items.get('readiness')!.push(makeItem(context, {
            id: checklistItemId(gate.name, 'readiness', role),
            title: `${role}: trained and able to perform critical tasks unaided`, declared: false, owner: gateApprovers,
            evidenceRequired: [], tests: [], notes: ['No criterion of this gate trains this role.']
        }));
    }
    items.get('readiness')!.push(makeItem(context, {
        id: checklistItemId(gate.name, 'readiness', 'hypercare'),
        title: gate.hypercare
            ? `Hypercare: ${hypercareText(gate)}`
            : 'Hypercare: support period after go-live',
        declared: false, owner: gate.hypercare?.support ? [refName(gate.hypercare.support)!] : gateApprovers,
        evidenceRequired: [], tests: [], notes: gate.hypercare ? [] : ['No hypercare period is declared.']
    }));

    // Readiness: devices of the gate's sites that run another software version than the same model elsewhere, with
    // no deviation recording it (the governed-deviation rule's finding): open until someone confirms the version.
    const gateSites = new Set(scope.siteNodes);
    for (const gap of deviceVersionGaps(context.index.sorted.sites, name => name !== undefined).filter(gap => gateSites.has(gap.site))) {
        items.get('readiness')!.push(makeItem(context, {
            id: checklistItemId(gate.name, 'readiness', `${gap.site.name}.${gap.device.name}.version`),
            title: `${gap.site.name}: ${gap.device.name} (${gap.device.model}) upgraded to version ${gap.reference.device.version} as at ${gap.reference.site.name}, or its version ${gap.device.version} governed by a deviation`,
            declared: false, owner: gateApprovers, evidenceRequired: [], tests: [],
            notes: [`The baseline records version ${gap.device.version}; no deviation of ${gap.site.name} names it.`]
        }));
    }

    // Load tests: one per site unless a declared criterion already asks for one.
    if (!declaredIn('load-test').length) {
        for (const site of scope.siteNodes) {
            const network = site.baseline?.network;
            items.get('load-test')!.push(makeItem(context, {
                id: checklistItemId(gate.name, 'load-test', site.name),
                title: `${site.name}: infrastructure passed a realistic peak-load test${network ? ` (network ${network.amount} ${network.unit})` : ''}`,
                declared: false, owner: gateApprovers, evidenceRequired: [], tests: [],
                notes: ['No criterion of this gate asks for a load test.']
            }));
        }
    }

    // Vendors of the systems in scope.
    for (const system of scope.systems.filter(s => s.vendor !== undefined)) {
        implied('vendor', makeItem(context, {
            id: checklistItemId(gate.name, 'vendor', system.name),
            title: `${system.name}: vendor ${system.vendor} accountable (support, response time, rollback plan)`,
            declared: false, owner: unique(refNames(system.owners)), evidenceRequired: [], tests: [], notes: vendorGaps(system)
        }));
    }

    const groups = CHECKLIST_GROUPS.map(group => ({
        ...group,
        items: [...items.get(group.id)!.filter(item => item.declared), ...items.get(group.id)!.filter(item => !item.declared).sort((a, b) => compareText(a.id, b.id))]
    }));
    const broken = specProblems(context.input);
    const blockingFindings = mergeFindings(broken, findingsInScope(context, gate, scope));
    const counts: Record<EvidenceStatus, number> = { pending: 0, done: 0, passed: 0, failed: 0, waived: 0 };
    const open: ChecklistItem[] = [];
    for (const item of groups.flatMap(group => group.items)) {
        counts[item.status]++;
        if (!COMPLETE_STATUSES.has(item.status)) {
            open.push(item);
        }
    }
    const reasons: string[] = [];
    if (broken.length) {
        // First, and whatever else holds: no item status means anything while the spec cannot be read.
        reasons.push(`The spec itself is broken: ${broken.length} problem${broken.length === 1 ? '' : 's'} (syntax, unresolved references, `
            + `duplicates or internal errors) make${broken.length === 1 ? 's' : ''} every verdict unreliable; fix them first.`);
        for (const problem of broken.slice(0, MAX_LISTED_PROBLEMS)) {
            reasons.push(problemLine(problem));
        }
        if (broken.length > MAX_LISTED_PROBLEMS) {
            reasons.push(`... and ${broken.length - MAX_LISTED_PROBLEMS} more (run interspec check).`);
        }
    }
    const inScope = blockingFindings.length - broken.length;
    if (inScope) {
        reasons.push(`${inScope} ${broken.length ? 'other ' : ''}error finding${inScope === 1 ? '' : 's'} in the gate's scope.`);
    }
    // Evidence that cannot be trusted (invalid, skipped, conflicting, dated in the future) is named in the reasons.
    for (const finding of blockingFindings.filter(f => UNTRUSTED_EVIDENCE_CODES.has(f.code))) {
        reasons.push(`Evidence ${finding.file}:${finding.line}: ${finding.message}`);
    }
    // One reason per open item, last and in group order: readableReasons (gate-reasons.ts) relies on it.
    for (const item of open) {
        const state = item.status === 'failed' ? 'failed' : `is ${item.status}`;
        reasons.push(`${item.id} ${state}${item.notes.length ? `: ${lowerFirst(item.notes[0])}` : '.'}`);
    }
    const total = groups.reduce((sum, group) => sum + group.items.length, 0);
    if (!reasons.length) {
        reasons.push(`All ${total} items are complete and no error finding is in the gate's scope.`);
    }
    const checklist: Checklist = {
        gate: gate.name,
        ...(gate.title !== undefined ? { title: gate.title } : {}),
        ...(gate.phase !== undefined ? { phase: gate.phase } : {}),
        sites: scope.sites,
        approvers: gateApprovers,
        after: unique(refNames(gate.after)),
        ...(gate.hypercare ? { hypercare: hypercareText(gate) } : {}),
        decision: blockingFindings.length || open.length ? 'NO-GO' : 'GO',
        reasons,
        blockingFindings,
        groups,
        counts
    };
    return checklist;
}

/** How many spec problems a gate's reasons list one by one. */
const MAX_LISTED_PROBLEMS = 10;

/** The spec problems, then the scope's findings that are not among them. */
function mergeFindings(broken: BlockingFinding[], inScope: BlockingFinding[]): BlockingFinding[] {
    const key = (finding: BlockingFinding) => JSON.stringify([finding.file, finding.line, finding.column, finding.code, finding.message]);
    const seen = new Set(broken.map(key));
    return [...broken, ...inScope.filter(finding => !seen.has(key(finding)))];
}

/** The group of a criterion: its question, or what it asks for when it names none. */
function groupOf(criterion: Criterion): ChecklistGroupId {
    if (criterion.question) return criterion.question;
    if (criterion.load) return 'load-test';
    if (criterion.trains.length) return 'readiness';
    if (criterion.covers.length) return 'exceptions';
    return 'compliance';
}

interface ItemSeed {
    id: string;
    title: string;
    declared: boolean;
    owner: string[];
    evidenceRequired: string[];
    tests: ScopeRow[];
    notes: string[];
}

/**
 * An item's status: its own evidence entry when there is one; otherwise what its tests add up to (failed if
 * any failed, passed when all are complete and none is unhandled without a waiver, else pending).
 */
function makeItem(context: GeneratorContext, seed: ItemSeed): ChecklistItem {
    const evidence = context.evidenceOf(seed.id);
    const notes = [...seed.notes];
    let status = evidence.status;
    const unhandled = seed.tests.filter(row => !row.handled && rowStatus(row) !== 'waived');
    if (unhandled.length) {
        notes.unshift(`${unhandled.length} unhandled: ${unique(unhandled.map(row => `${row.scenario}`)).join(', ')}.`);
    }
    // A failure the samples showed names its sample file and line, so the gate's reason says where to look; such
    // rows are listed first (the note shows five).
    const sampleFailure = (row: ScopeRow) => (row.observed?.decides && rowStatus(row) === 'failed' ? row.observed.first : undefined);
    const failed = seed.tests.filter(row => rowStatus(row) === 'failed')
        .sort((a, b) => Number(!sampleFailure(a)) - Number(!sampleFailure(b)));
    const failedText = (row: ScopeRow) => {
        const first = sampleFailure(row);
        return first ? `${row.id} (samples: ${first.file}:${first.line}:${first.column} ${first.rule})` : row.id;
    };
    if (failed.length) {
        notes.unshift(`${failed.length} failed: ${failed.slice(0, 5).map(failedText).join(', ')}${failed.length > 5 ? ', ...' : ''}.`);
    }
    if (failed.length && context.hasEvidence(seed.id) && (status === 'passed' || status === 'done')) {
        // Its own entry cannot outvote its test cases: a criterion is not passed while one of them failed.
        const observed = failed.find(row => sampleFailure(row));
        notes.unshift(`Evidence says ${status} (${evidence.source}), but ${failed.length} of its test cases failed${observed ? `, first ${failedText(observed)}` : ''}.`);
        status = 'failed';
    }
    // A waiver covers the failures it could have seen: those dated strictly before it. A test case that failed on
    // the waiver's day or later, or whose order against it the dates cannot tell (an undated entry), was not waived.
    let unseen: ScopeRow[] = [];
    if (status === 'waived' && failed.length && context.hasEvidence(seed.id)) {
        const waivers = context.resolve(seed.id).candidates;
        const waived = waivers.every(entry => entry.date !== undefined) ? waivers[0].date : undefined;
        // A failure the samples showed has no date: it is read at every run, so no earlier waiver can have seen it.
        unseen = failed.filter(row => waived === undefined || row.observed?.decides === true || context.resolve(row.id).candidates
            .some(entry => entry.status === 'failed' && (entry.date === undefined || compareText(entry.date, waived) >= 0)));
    }
    if (unseen.length) {
        notes.unshift(`Evidence says waived (${evidence.source}${evidence.date ? `, ${evidence.date}` : ''}), but ${unseen.length} of its test cases failed `
            + `on that day or later${unseen.some(row => sampleFailure(row)) ? ' or in the samples, which have no date' : ''}: ${unseen.slice(0, 5).map(row => sampleFailure(row) ? failedText(row) : `${row.id}${row.evidence.date ? ` (${row.evidence.date})` : ''}`).join(', ')}${unseen.length > 5 ? ', ...' : ''}.`);
        status = 'failed';
    }
    if (!context.hasEvidence(seed.id) && seed.tests.length) {
        if (seed.tests.some(row => rowStatus(row) === 'failed')) {
            status = 'failed';
        } else if (!unhandled.length && seed.tests.every(row => COMPLETE_STATUSES.has(rowStatus(row)))) {
            status = 'passed';
        }
        const complete = seed.tests.filter(row => COMPLETE_STATUSES.has(rowStatus(row))).length;
        notes.push(`${complete} of ${seed.tests.length} test cases complete.`);
    }
    const decided = decidedCounts(seed.tests);
    if (decided) {
        notes.push(`${decided.evidence} of ${seed.tests.length} test cases decided by evidence; ${decided.observedPassed} observed passed in samples`
            + `${decided.observedFailed ? `, ${decided.observedFailed} observed failed` : ''}.`);
    }
    return {
        id: seed.id, title: seed.title, declared: seed.declared, owner: seed.owner, evidenceRequired: seed.evidenceRequired,
        tests: seed.tests.map(row => row.id), status, evidence, notes, ...(decided ? { decided } : {})
    };
}

/**
 * What decided an item's test cases, evidence and samples apart (the data-meaning items, whose rows samples can
 * show): rows an evidence entry decides, rows the samples observed passed and failed; undefined when no row of the
 * item has an observation.
 */
function decidedCounts(rows: ScopeRow[]): ChecklistItem['decided'] {
    if (!rows.some(row => row.observed)) return undefined;
    const observed = rows.filter(row => row.observed?.decides);
    const observedPassed = observed.filter(row => row.observed!.status === 'passed').length;
    return {
        evidence: rows.filter(row => row.evidence.source !== undefined).length,
        observedPassed, observedFailed: observed.length - observedPassed
    };
}

/** Scopes per gate, and the matrix rows by interface name, once per generator context. */
const SCOPES = new WeakMap<GeneratorContext, { gates: Map<Gate, GateScope>, rows?: Map<string, MatrixRow[]> }>();

function cachesOf(context: GeneratorContext) {
    let caches = SCOPES.get(context);
    if (!caches) {
        caches = { gates: new Map() };
        SCOPES.set(context, caches);
    }
    return caches;
}

/**
 * The matrix rows of an interface, from one pass over the matrix (which keeps them for the other outputs): an
 * interface at four sites is in four gates' scopes, and every output reads the checklists.
 */
function scopeRowsOf(context: GeneratorContext, iface: Interface): MatrixRow[] {
    const caches = cachesOf(context);
    if (!caches.rows) {
        caches.rows = new Map();
        for (const row of matrixRows(context.input)) {
            const list = caches.rows.get(row.interface);
            if (list) list.push(row); else caches.rows.set(row.interface, [row]);
        }
    }
    return caches.rows.get(iface.name) ?? [];
}

function gateScope(context: GeneratorContext, gate: Gate): GateScope {
    const cache = cachesOf(context).gates;
    let scope = cache.get(gate);
    if (!scope) {
        scope = computeGateScope(context, gate);
        cache.set(gate, scope);
    }
    return scope;
}

function computeGateScope(context: GeneratorContext, gate: Gate): GateScope {
    const sites = unique(refNames(gate.sites));
    const siteSet = new Set(sites);
    const covered = new Set(namedCriteria(gate).flatMap(criterion => refNames(criterion.covers)));
    const siteNodes = context.index.sorted.sites.filter(site => siteSet.has(site.name));
    // An interface runs at the sites it lists; one that lists none runs where its systems are hosted (the one derivation
    // the rules and the matrix read).
    const runsHere = (iface: Interface) => [...sitesOfInterface(iface, context.index)].some(site => siteSet.has(site));
    const interfaces = context.index.sorted.interfaces.filter(iface => covered.has(iface.name) || runsHere(iface));
    const systemNames = new Set([
        ...interfaces.flatMap(iface => [refName(iface.source), refName(iface.target)]),
        ...siteNodes.flatMap(site => refNames(site.baseline?.hosts))
    ].filter((name): name is string => !!name));
    const dataNames = new Set(interfaces.flatMap(iface => refNames(iface.carries)));
    const rows = new Map<string, ScopeRow[]>();
    for (const iface of interfaces) {
        // Rows of the gate's sites; all of them for an interface the gate takes in by `covers` alone.
        const atGateSite = runsHere(iface);
        rows.set(iface.name, scopeRowsOf(context, iface).filter(({ site }) => site === null || siteSet.has(site) || !atGateSite));
    }
    return {
        sites, interfaces, siteNodes, rows,
        systems: context.index.sorted.systems.filter(system => systemNames.has(system.name)),
        data: context.index.sorted.data.filter(data => dataNames.has(data.name))
    };
}

/**
 * Error findings (not suppressed) inside the gate or an element of its scope, and evidence problems that block
 * every gate of the root (UNTRUSTED_EVIDENCE_CODES: statuses cannot be trusted while one stands).
 */
function findingsInScope(context: GeneratorContext, gate: Gate, scope: GateScope): BlockingFinding[] {
    const root = context.input.root;
    const ranges = ([gate, ...scope.interfaces, ...scope.systems, ...scope.data, ...scope.siteNodes] as AstNode[])
        .map(node => nodeRange(node)).filter((range): range is NodeRange => !!range);
    const blocking = (finding: Finding) => finding.severity === 'error' && !finding.suppressed && (
        UNTRUSTED_EVIDENCE_CODES.has(finding.code)
        || ranges.some(range => range.file === finding.file && finding.line >= range.start && finding.line <= range.end));
    // Conflicts are computed from the entries as well as read from the input's findings (the same findings when
    // loadGeneratorInput made the input; deduplicated below), so no input can leave them out and say GO.
    const evidenceProblems = [...context.input.evidence?.findings ?? [], ...context.conflicts()];
    const known = new Set(context.input.findings);
    const all = [...context.input.findings, ...evidenceProblems.filter(f => !known.has(f))];
    return all.filter(blocking)
        .map(finding => ({ file: relativeFile(root, finding.file), line: finding.line, column: finding.column, code: finding.code, message: finding.message }))
        .sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.code, b.code) || compareText(a.message, b.message))
        .filter((finding, index, list) => index === 0 || JSON.stringify(finding) !== JSON.stringify(list[index - 1]));
}

interface NodeRange { file: string, start: number, end: number }

function nodeRange(node: AstNode): NodeRange | undefined {
    const cst = node.$cstNode;
    let document = node.$document;
    for (let current: AstNode | undefined = node; !document && current; current = current.$container) {
        document = current.$document;
    }
    if (!cst || !document) {
        return undefined;
    }
    return { file: path.resolve(document.uri.fsPath), start: cst.range.start.line + 1, end: cst.range.end.line + 1 };
}

/** `ack-latency p95 < 5s`; the parts a half-written metric lacks are left out. */
function metricText(metric: { name?: string, percentile?: string, comparator?: string, threshold?: { duration?: string, percent?: string, amount?: number, unit?: string } }): string {
    const measure = metric.threshold;
    const threshold = measure && (measure.duration ?? measure.percent ?? [measure.amount, measure.unit].filter(v => v !== undefined).join(' '));
    return [metric.name ?? '(unnamed metric)', metric.percentile, metric.comparator, threshold].filter(part => !!part).join(' ');
}

function monitoringGaps(iface: Interface): string[] {
    if (!iface.monitor) return ['No monitoring is declared.'];
    const gaps: string[] = [];
    if (!iface.monitor.metrics.length) gaps.push('No metric is declared.');
    if (!iface.monitor.owners.length) gaps.push('No monitoring owner is declared.');
    return gaps;
}

function dataGaps(data: Data): string[] {
    const missing = [
        !data.owners.length && 'owner', !data.classification && 'classification', !data.retention && 'retention',
        !data.access.length && 'access roles', data.classification === 'PHI' && !data.audit && 'audit requirement'
    ].filter((gap): gap is string => !!gap);
    return missing.length ? [`Not declared: ${missing.join(', ')}.`] : [];
}

function vendorGaps(system: System): string[] {
    const missing = [
        !system.support?.contact && 'support contact', !system.support?.response && 'response time', !system.rollback && 'rollback plan'
    ].filter((gap): gap is string => !!gap);
    return missing.length ? [`Not declared: ${missing.join(', ')}.`] : [];
}

function hypercareText(gate: Gate): string {
    const hypercare = gate.hypercare!;
    return [hypercare.period, hypercare.support && `support ${refName(hypercare.support)}`, hypercare.escalation && `escalate ${refName(hypercare.escalation)}`]
        .filter(Boolean).join(', ');
}

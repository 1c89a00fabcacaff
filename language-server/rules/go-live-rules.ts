import { isGate, isSite, type Gate, type Question } from '../language/generated/ast.js';
import { checkGateInterfaces, criticalInterfacesAt } from './gate-coverage.js';
import { checkGateTraining } from './gate-training.js';
import { isPlaceholder, listText } from '../model/workspace-index.js';
import type { RuleCheck } from './rule.js';

/** The five go-live questions every gate answers, with a criterion name for the stubs a quick fix writes. */
export const GO_LIVE_QUESTIONS: ReadonlyArray<{ question: Question, stub: string, what: string }> = [
    { question: 'exceptions', stub: 'ExceptionsSimulated', what: 'exception workflows simulated' },
    { question: 'data-meaning', stub: 'DataMeaning', what: 'data meaning consistent end to end' },
    { question: 'compliance', stub: 'ComplianceRecords', what: 'compliance records complete' },
    { question: 'readiness', stub: 'DayOneReadiness', what: 'users can work safely on day one' },
    { question: 'load-test', stub: 'LoadTested', what: 'realistic load tests passed' }
];

function criterionStub(question: Question, stub: string, extra: string[] = []): string[] {
    return [`criterion ${stub} {`, `    question ${question}`, '    evidence "TODO"', '    approver TODO_APPROVER', ...extra.map(line => `    ${line}`), '}'];
}

const gateEvidence: RuleCheck = {
    id: 'gate-evidence',
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
                    lines.push('approver TODO_APPROVER');
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

const gateCoverage: RuleCheck = {
    id: 'gate-coverage',
    check(context) {
        const { model, workspace, report } = context;
        for (const site of model.elements.filter(isSite)) {
            const runs = criticalInterfacesAt(new Set([site.name]), context);
            if (runs.length > 0 && workspace.gatesOf(site.name).length === 0) {
                const gateName = `${site.name}GoLive`;
                report(site, `Site '${site.name}' runs critical interface${runs.length > 1 ? 's' : ''} ${listText(runs.map(i => i.name))} but no gate names it. Add \`gate ${gateName} { site ${site.name} … }\` with a criterion per go-live question.`, {
                    property: 'name',
                    fix: {
                        title: `Add a gate for site ${site.name}`, target: model,
                        lines: ['', `gate ${gateName} {`, `    site ${site.name}`, '    approver TODO_APPROVER',
                            ...GO_LIVE_QUESTIONS.flatMap(q => criterionStub(q.question, q.stub, q.question === 'exceptions' ? [`covers ${runs.map(i => i.name).join(', ')}`] : [])
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

/**
 * Reported on the gate, where the training is missing: each role an interface `affects` is trained (`trains`) by
 * a criterion of a gate of every site the interface runs at. Another gate of the same site may train it.
 */
const trainingByRole: RuleCheck = {
    id: 'training-by-role',
    check({ model, workspace, report }) {
        checkGateTraining(model, { workspace, report });
    }
};

export const goLiveRules: RuleCheck[] = [gateEvidence, gateCoverage, trainingByRole];

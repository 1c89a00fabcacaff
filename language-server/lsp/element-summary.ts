import type { AstNode, Reference } from 'langium';
import * as ast from '../language/generated/ast.js';
import { conditionText } from '../model/mapping-conditions.js';
import { escapeMarkdown } from '../util/escape.js';

/** How each element kind reads for an architect, in hovers, the outline and completion. */
export const KIND_LABELS: Record<string, string> = {
    Team: 'team', Role: 'role', System: 'system', Site: 'site', Data: 'data set', Interface: 'interface',
    Gate: 'gate', Change: 'change', Criterion: 'criterion', Device: 'device', Deviation: 'deviation',
    Metric: 'metric', Message: 'message', Mapping: 'mapping', ExceptionHandler: 'exception handler',
    Monitor: 'monitor', ChangeAuthority: 'change authority', Rollout: 'rollout', Import: 'import', CodeTable: 'code table'
};

function names(references: Array<Reference | undefined>): string {
    return references.map(reference => reference?.$refText).filter(Boolean).join(', ');
}

/** Markdown facts about an element (one per line, values escaped), the ones that tell what it is without opening it. */
export function elementFacts(node: AstNode): string[] {
    const facts: Array<[string, string | undefined]> = [];
    if (ast.isInterface(node)) {
        facts.push(
            ['flow', node.source || node.target ? `${node.source?.$refText ?? '?'} → ${node.target?.$refText ?? '?'}` : undefined],
            ['standard', node.standard ? [node.standard.name, node.standard.version?.toString(), node.standard.targetVersion === undefined ? undefined : `→ ${node.standard.targetVersion}`].filter(Boolean).join(' ') : undefined],
            ['transport', node.transport ? [node.transport.protocol, node.transport.security].filter(Boolean).join(' over ') : undefined],
            ['owner', names(node.owners)],
            ['criticality', node.criticality],
            ['carries', names(node.carries)],
            ['sites', names(node.sites)],
            ['messages', node.messages.map(message => message.type).join(', ')],
            ['handles', node.handlers.map(handler => handler.scenario).join(', ')]);
    } else if (ast.isSystem(node)) {
        facts.push(['kind', node.kind], ['vendor', [node.vendor, node.product].filter(Boolean).join(' ') || undefined],
            ['version', node.version?.toString()], ['owner', names(node.owners)]);
    } else if (ast.isTeam(node)) {
        facts.push(['lead', node.lead], ['on-call', node.onCall]);
    } else if (ast.isRole(node)) {
        facts.push(['team', node.team?.$refText], ['duties', node.duties.join(', ')]);
    } else if (ast.isSite(node)) {
        facts.push(['time zone', node.timezone], ['pilot', node.pilot ? 'yes' : undefined],
            ['devices', node.baseline?.devices.map(device => device.name).join(', ')],
            ['hosts', names(node.baseline?.hosts ?? [])]);
    } else if (ast.isData(node)) {
        facts.push(['owner', names(node.owners)], ['classification', node.classification], ['retention', node.retention],
            ['access', names(node.access)]);
    } else if (ast.isGate(node)) {
        facts.push(['sites', names(node.sites)], ['phase', node.phase], ['approvers', names(node.approvers)],
            ['criteria', node.criteria.map(criterion => criterion.name).join(', ')]);
    } else if (ast.isChange(node)) {
        facts.push(['status', node.status], ['approved by', node.approver?.$refText], ['reference', node.reference]);
    } else if (ast.isCodeTable(node)) {
        facts.push(['owner', names(node.owners)], ['source', node.source?.$refText], ['version', node.version?.toString()],
            ['codes', node.codes.length > 0 ? `${node.codes.length}` : undefined], ['file', node.file]);
    } else if (ast.isCriterion(node)) {
        facts.push(['question', node.question], ['approver', node.approver?.$refText], ['covers', names(node.covers)],
            ['evidence', node.evidence.join(', ')]);
    } else if (ast.isDevice(node)) {
        facts.push(['model', node.model], ['version', node.version?.toString()], ['count', node.count?.toString()]);
    }
    // Values are spec text: escaped, so a vendor string cannot bring markup, an image (a request to any server when
    // the hover shows) or a bidi control into the editor's hover.
    return facts.filter(([, value]) => value).map(([label, value]) => `${label}: ${escapeMarkdown(value!)}`);
}

/** The name an element is known by, or the text that stands for it in the outline. */
export function elementName(node: AstNode): string | undefined {
    if (ast.isMessage(node)) {
        return node.type;
    }
    if (ast.isMapping(node)) {
        return `${node.source} -> ${node.target}`;
    }
    if (ast.isExceptionHandler(node)) {
        return `on ${node.scenario}`;
    }
    if (ast.isMappingGroup(node)) {
        return node.condition ? `when ${conditionText(node)}` : 'when';
    }
    if (ast.isSegmentField(node)) {
        return `${node.$container.name}-${node.position}`;
    }
    if (ast.isAnalyteUnit(node)) {
        return String(node.code);
    }
    if (ast.isMonitor(node)) {
        return 'monitor';
    }
    if (ast.isChangeAuthority(node)) {
        return `change-authority ${node.approver?.$refText ?? ''}`.trim();
    }
    if (ast.isRollout(node)) {
        return `rollout ${node.phased ? 'phased' : node.bigBang ? 'big-bang' : ''}`.trim();
    }
    const name = (node as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
}

/** The title string an element may carry, without quotes. */
export function elementTitle(node: AstNode): string | undefined {
    const title = (node as { title?: unknown }).title;
    return typeof title === 'string' ? title : undefined;
}

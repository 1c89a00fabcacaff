import { isData, type Data } from '../language/generated/ast.js';
import { durationMinutes, isServiceAccount, isZeroDuration, listText, phiBecause, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { DURATION_PATTERN, type Rule } from './rule.js';

/**
 * The shortest retention of a data set classified PHI, unless interspec.yaml sets `data-owner: { min-phi-retention }`.
 * Policy, not law: record-keeping laws ask for years (often 10 to 30 for clinical records), so less than a year is
 * an absurd value (a `d` typed for a `y`), not a choice.
 */
const DEFAULT_MIN_PHI_RETENTION = '1y';

function tooShortForPhi(node: Data, minimum: string): boolean {
    const retention = durationMinutes(node.retention);
    const limit = durationMinutes(minimum);
    return node.classification === 'PHI' && !isCopy(node) && retention !== undefined && limit !== undefined && retention < limit;
}

/**
 * The record class of a copy another party holds for one purpose while the record itself is kept elsewhere (a print
 * supplier's letter batches, an engine's message store): kept short on purpose, since data protection law asks that
 * a processor keep personal data no longer than the purpose needs (GDPR art. 5(1)(e), art. 28(3)(g)).
 */
const COPY_RECORD_CLASS = 'copy';

function isCopy(node: Data): boolean {
    return node.recordClass === COPY_RECORD_CLASS;
}

/**
 * How many times longer one data set of PHI may be kept than another that travels in the same messages before the
 * shorter one is reported, unless interspec.yaml sets `data-owner: { retention-ratio }`. Records sent together refer
 * to each other (an order to the identity it was placed for): when one is purged long before the other, the survivor
 * points at nothing. An order of magnitude, because kinds of record are kept differently on purpose within that
 * (quality-control runs 5y beside results 30y, appointments 5y beside identity 20y, in the project's complete specs).
 */
const DEFAULT_RETENTION_RATIO = 10;

/**
 * The longest-kept data set of PHI that an interface carries together with `node`, when it is kept at least `ratio`
 * times as long; undefined otherwise. Both sets are PHI by classification or because the interface carries them with
 * patient identifiers (phiBecause).
 */
function longerCompanion(node: Data, ratio: number, workspace: WorkspaceIndex): { data: Data, via: string } | undefined {
    const kept = durationMinutes(node.retention);
    if (kept === undefined || kept === 0 || isCopy(node) || !phiBecause(node, workspace).phi) return undefined;
    let longest: { data: Data, via: string, minutes: number } | undefined;
    for (const iface of workspace.interfaces.filter(i => i.carries.some(ref => refName(ref) === node.name))) {
        for (const other of iface.carries.map(ref => workspace.find(refName(ref), isData))) {
            const minutes = durationMinutes(other?.retention);
            if (!other || other.name === node.name || minutes === undefined || minutes < kept * ratio) continue;
            if (phiBecause(other, workspace).phi && (!longest || minutes > longest.minutes)) {
                longest = { data: other, via: iface.name, minutes };
            }
        }
    }
    return longest;
}

/** Data sets need an owner, a retention period and access roles, or compliance stays ambiguous. */
export const dataOwnerRule: Rule = {
    id: 'data-owner',
    area: 'ownership',
    defaultSeverity: 'error',
    fixable: true,
    summary: 'Every data set names its owner, retention and access roles.',
    description: 'Data ownership, retention and access privileges that are left vague become compliance '
        + 'ambiguity later. Each `data` element declares `owner`, `retention` and `access`; PHI is kept at least '
        + `\`min-phi-retention\` (default ${DEFAULT_MIN_PHI_RETENTION}), and less than \`retention-ratio\` (default ${DEFAULT_RETENTION_RATIO}) `
        + 'times shorter than any other data set of PHI it travels with.',
    options: {
        type: 'object', additionalProperties: false,
        properties: {
            'min-phi-retention': {
                type: 'string', pattern: DURATION_PATTERN, default: DEFAULT_MIN_PHI_RETENTION,
                description: `The shortest retention of a data set of PHI (default ${DEFAULT_MIN_PHI_RETENTION}): clinical records are kept for years.`
            },
            'retention-ratio': {
                type: 'number', exclusiveMinimum: 1, default: DEFAULT_RETENTION_RATIO,
                description: `How many times longer (default ${DEFAULT_RETENTION_RATIO}) one data set of PHI is kept than another carried by the same interface when the shorter one is reported.`
            }
        }
    },
    check({ model, workspace, options, report }) {
        const minPhiRetention = (options['min-phi-retention'] as string | undefined) ?? DEFAULT_MIN_PHI_RETENTION;
        const ratio = (options['retention-ratio'] as number | undefined) ?? DEFAULT_RETENTION_RATIO;
        for (const node of model.elements.filter(isData)) {
            if (isZeroDuration(node.retention)) {
                report(node, `A retention of ${node.retention} for data set '${node.name}' is no retention policy: the records would be purged on arrival. Write the period the law or policy requires (e.g. \`retention 10y\`).`, { property: 'retention' });
            } else if (tooShortForPhi(node, minPhiRetention)) {
                report(node, `A retention of ${node.retention} for data set '${node.name}', which holds PHI, is shorter than ${minPhiRetention}: clinical records are kept for years (\`30d\` for \`30y\` is a common slip); write the period the law or policy requires, or set \`min-phi-retention\` in interspec.yaml.`, { property: 'retention' });
            } else {
                const longer = longerCompanion(node, ratio, workspace);
                if (longer) {
                    // The same stated record class kept differently is a contradiction; otherwise a shorter period can
                    // be intended (alarm events kept shorter than the chart), which only the spec's authors know.
                    const sameClass = node.recordClass !== undefined && node.recordClass === longer.data.recordClass;
                    report(node, `Data set '${node.name}' is kept ${node.retention}, but interface ${longer.via} carries it with '${longer.data.name}', kept ${longer.data.retention}${sameClass ? `, the same record class (${node.recordClass})` : ''}: once it is purged, the records kept longer refer to what no longer exists. Keep both as long as the longer period, or say why this one is shorter.`, {
                        property: 'retention', severity: sameClass ? 'warning' : 'info'
                    });
                }
            }
            node.owners.forEach((owner, index) => {
                if (isServiceAccount(refName(owner), workspace)) {
                    report(node, `Data set '${node.name}' is owned by ${refName(owner)}, a service account: no person answers for its quality. Make a team or a person's role the owner.`, { property: 'owners', index });
                }
            });
            const missing: string[] = [];
            const lines: string[] = [];
            if (node.owners.length === 0) {
                missing.push('`owner <team or role>`');
                lines.push('// TODO: owner <team or role>');
            }
            if (!node.retention) {
                missing.push('`retention <duration>`');
                lines.push('// TODO: retention <duration, e.g. 10y>');
            }
            if (node.access.length === 0) {
                missing.push('`access <role>, …`');
                lines.push('// TODO: access <roles>');
            }
            if (missing.length > 0) {
                report(node, `Data set '${node.name}' does not say who owns it, how long it is kept and who may read it: add ${listText(missing)}.`, {
                    property: 'name',
                    fix: { title: 'Add placeholders for the missing owner, retention and access', target: node, lines }
                });
            } else if (node.owners.length > 1) {
                report(node, `Data set '${node.name}' names ${node.owners.length} owners; keep one.`, { property: 'owners', index: 1 });
            }
        }
    }
};

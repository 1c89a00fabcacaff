import { isData, isSite, type Data } from '../language/generated/ast.js';
import { sitesOfInterface } from '../model/interface-sites.js';
import { JURISDICTION_PATTERN, minimumsFor, RETENTION_MINIMUMS, retentionTable, type RetentionMinimum } from '../model/retention-law.js';
import { durationMinutes, refName, type WorkspaceIndex } from '../model/workspace-index.js';
import { DURATION_PATTERN, NAME_PATTERN, type Rule } from './rule.js';

/**
 * Where a data set's records live: its own `jurisdiction`, else the jurisdictions of the sites of the interfaces that
 * carry it (each with the site that states it).
 */
function placesOf(node: Data, workspace: WorkspaceIndex): Array<{ code: string, where: string }> {
    if (node.jurisdiction !== undefined) {
        return [{ code: node.jurisdiction, where: `data set '${node.name}'` }];
    }
    const places = new Map<string, string>();
    for (const iface of workspace.interfaces.filter(i => i.carries.some(ref => refName(ref) === node.name))) {
        for (const name of sitesOfInterface(iface, workspace)) {
            const site = workspace.sites.find(s => s.name === name);
            if (site?.jurisdiction !== undefined && !places.has(site.jurisdiction)) {
                places.set(site.jurisdiction, `site ${site.name} (through ${iface.name})`);
            }
        }
    }
    return [...places].map(([code, where]) => ({ code, where }));
}

export const retentionLawRule: Rule = {
    id: 'retention-law',
    area: 'ownership',
    defaultSeverity: 'warning',
    fixable: false,
    summary: 'A data set is kept at least as long as the law where its records live asks.',
    description: 'Record-keeping laws set a minimum retention per jurisdiction and kind of record. Where the spec says '
        + 'where a data set lives (its `jurisdiction`, or the `jurisdiction` of the sites of the interfaces that carry it), '
        + 'its `retention` is at least the minimum of that place for its `record` class (a data set of PHI with no class '
        + 'is a `health-record`); the table of minimums, each with its source, is extended or replaced by option `minimums`. '
        + 'A jurisdiction that is not an ISO 3166 code is reported; with no jurisdiction stated the rule says nothing.',
    options: {
        type: 'object', additionalProperties: false,
        properties: {
            minimums: {
                type: 'array', default: [],
                description: `Rows added to (or replacing, for the same jurisdiction and record) the built-in table of ${RETENTION_MINIMUMS.length} minimums: jurisdiction (ISO 3166-1 or -2 code, or EU), record class, minimum and the law or policy it comes from.`,
                items: {
                    type: 'object', additionalProperties: false, required: ['jurisdiction', 'record', 'minimum', 'source'],
                    properties: {
                        jurisdiction: { type: 'string', pattern: '^([A-Z]{2}(-[A-Z0-9]{1,3})?|EU)$' },
                        record: { type: 'string', pattern: NAME_PATTERN },
                        minimum: { type: 'string', pattern: DURATION_PATTERN },
                        source: { type: 'string', minLength: 1 }
                    }
                }
            }
        }
    },
    check({ model, workspace, options, report }) {
        const table = retentionTable(options.minimums as RetentionMinimum[] | undefined);
        for (const site of model.elements.filter(isSite)) {
            if (site.jurisdiction !== undefined && !JURISDICTION_PATTERN.test(site.jurisdiction)) {
                report(site, `Jurisdiction '${site.jurisdiction}' of site '${site.name}' is not an ISO 3166 code; write the country (\`"SE"\`) or the country and region (\`"US-AZ"\`, \`"ES-CN"\`).`, { property: 'jurisdiction' });
            }
        }
        for (const node of model.elements.filter(isData)) {
            if (node.jurisdiction !== undefined && !JURISDICTION_PATTERN.test(node.jurisdiction)) {
                report(node, `Jurisdiction '${node.jurisdiction}' of data set '${node.name}' is not an ISO 3166 code; write the country (\`"SE"\`) or the country and region (\`"AU-NSW"\`).`, { property: 'jurisdiction' });
                continue;
            }
            const record = node.recordClass ?? (node.classification === 'PHI' ? 'health-record' : undefined);
            const kept = durationMinutes(node.retention);
            if (record === undefined || kept === undefined || kept === 0) {
                continue; // no class to look up, or a missing or zero retention, which data-owner reports
            }
            let strictest: { row: RetentionMinimum, where: string, minutes: number } | undefined;
            for (const place of placesOf(node, workspace).filter(p => JURISDICTION_PATTERN.test(p.code))) {
                for (const row of minimumsFor(place.code, record, table)) {
                    const minutes = durationMinutes(row.minimum);
                    if (minutes !== undefined && minutes > kept && (!strictest || minutes > strictest.minutes)) {
                        strictest = { row, where: `${place.where}, ${place.code}`, minutes };
                    }
                }
            }
            if (strictest) {
                report(node, `Data set '${node.name}' (${record}${node.recordClass ? '' : ', as PHI'}) is kept ${node.retention}, less than the ${strictest.row.minimum} the law asks where it lives (${strictest.where}): ${strictest.row.source}. Keep it at least ${strictest.row.minimum}, or set the \`record\` class the data really is.`, { property: 'retention' });
            }
        }
    }
};

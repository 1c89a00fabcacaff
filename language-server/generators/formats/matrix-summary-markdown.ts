import { COMPLETE_STATUSES, rowStatus, type MatrixRow } from '../model.js';
import { emit, escapeMarkdown, markdownCode, type TextSink } from '../text.js';
import { BoundedMarkdown, clip } from './markdown-budget.js';
import { MatrixTally, observationLabel, siteLabel, messageLabel } from './matrix-summary.js';

/** Counts of one interface, site or scenario. */
interface Counts { rows: number, unhandled: number, failed: number, pending: number, complete: number }

/**
 * The test matrix for a pull request (`matrix --format markdown --summary`): totals, counts per interface, site
 * and scenario, then the rows that need attention (unhandled first, then failed, then pending), all within the
 * 65,536 characters of a pull-request comment. The full table stays available with `--out` in every format.
 */
export async function writeMatrixSummaryMarkdown(rows: Iterable<MatrixRow>, sink: TextSink, limit?: number): Promise<void> {
    const tally = new MatrixTally();
    const byInterface = new Map<string, Counts>();
    const bySite = new Map<string, Counts>();
    const byScenario = new Map<string, Counts>();
    const attention: MatrixRow[] = [];
    for (const row of rows) {
        tally.add(row);
        for (const [map, key] of [[byInterface, row.interface], [bySite, siteLabel(row.site)], [byScenario, scenarioFamily(row)]] as const) {
            const counts = map.get(key) ?? { rows: 0, unhandled: 0, failed: 0, pending: 0, complete: 0 };
            counts.rows++;
            if (!row.handled) counts.unhandled++;
            if (rowStatus(row) === 'failed') counts.failed++;
            else if (rowStatus(row) === 'pending') counts.pending++;
            else counts.complete++;
            map.set(key, counts);
        }
        if (!row.handled || !COMPLETE_STATUSES.has(rowStatus(row))) {
            attention.push(row);
        }
    }
    const rank = (row: MatrixRow) => !row.handled && rowStatus(row) !== 'waived' ? 0 : rowStatus(row) === 'failed' ? 1 : 2;
    // Stable sort: within a rank the matrix order stays.
    attention.sort((a, b) => rank(a) - rank(b));

    const out = new BoundedMarkdown(limit);
    out.add(`# Test matrix summary\n\n${escapeMarkdown(tally.sentence())}\n`);
    const table = (title: string, key: string, map: Map<string, Counts>) => out.addList(
        `\n## By ${title}\n\n| ${key} | Test cases | Unhandled | Failed | Pending | Complete |\n| --- | ---: | ---: | ---: | ---: | ---: |\n`,
        [...map].map(([name, c]) => `| ${escapeMarkdown(clip(name))} | ${c.rows} | ${c.unhandled} | ${c.failed} | ${c.pending} | ${c.complete} |`),
        left => `…and ${left} more ${title === 'site' ? 'sites' : title === 'interface' ? 'interfaces' : 'scenarios'}; the JSON matrix (\`--format json\`) has them all.`,
        0.2);
    table('interface', 'Interface', byInterface);
    table('site', 'Site', bySite);
    table('scenario', 'Scenario', byScenario);
    const statusOf = (row: MatrixRow) => (!row.handled && rowStatus(row) !== 'waived' ? `**unhandled**, ${rowStatus(row)}` : rowStatus(row) === 'failed' ? '**failed**' : rowStatus(row))
        + (row.observed ? `<br>${escapeMarkdown(clip(observationLabel(row.observed)))}` : '');
    const left = countBy(attention, row => rank(row));
    out.addList(
        `\n## Rows that need attention (${attention.length})\n\n| Id | Interface | Site | Message | Scenario | Status | Expected result |\n| --- | --- | --- | --- | --- | --- | --- |\n`,
        attention.map(row => `| ${markdownCode(clip(row.id, 200))} | ${escapeMarkdown(clip(row.interface))} | ${escapeMarkdown(clip(siteLabel(row.site)))} | ${escapeMarkdown(clip(messageLabel(row.message)))} | ${escapeMarkdown(clip(row.scenario))} | ${statusOf(row)} | ${escapeMarkdown(clip(row.expected))} |`),
        rest => `…and ${rest} more rows that need attention (of ${left[0] ?? 0} unhandled, ${left[1] ?? 0} failed, ${left[2] ?? 0} pending in all); `
            + 'the full table is in `interspec matrix --format markdown --out DIR` (or `--format json`, `csv`, `html`).');
    await emit(sink, out.toString());
}

/** The scenario without the field it is about: `units OBX-5` and `units OBX-7` count as `units`. */
function scenarioFamily(row: MatrixRow): string {
    return row.kind === 'semantic' ? row.scenario.split(' ')[0] : row.scenario;
}

function countBy<T>(items: T[], key: (item: T) => number): Record<number, number> {
    const counts: Record<number, number> = {};
    for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
}


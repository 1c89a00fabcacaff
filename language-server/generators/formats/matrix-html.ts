import { compareText } from '../../model/findings.js';
import { COMPLETE_STATUSES, rowStatus as decidedStatus, type Checklist, type MatrixRow } from '../model.js';
import { emit, escapeHtml, type TextSink } from '../text.js';
import { evidenceLabel, MatrixTally, messageLabel, siteLabel } from './matrix-summary.js';
import { focusAttributes, pageEnd, pageHead, revisionLine, toolbar, type PageOptions } from './reviewer-page.js';

/**
 * The columns of every matrix table. Interface and site are the headings the rows are grouped under, and each test
 * case's id is a line of its own above its cells, so that a printed id is never broken.
 */
export const MATRIX_HTML_COLUMNS = ['Message', 'Scenario', 'Preconditions', 'Stimulus', 'Expected result', 'Owner',
    'Status', 'Evidence', 'Gate criterion'];

export interface MatrixHtmlOptions extends PageOptions {
    /** The workspace's checklists, for the decisions at the top and the grouping by gate (rollout order). */
    checklists: Checklist[];
    /** Rows link back to the spec (the editor's preview): `data-target` with the row's file and line. */
    links?: boolean;
    extraScript?: string;
}

/** What a row shows as its status: `unhandled` (not waived) before its evidence status. */
export function rowStatus(row: Pick<MatrixRow, 'handled' | 'evidence' | 'observed'>): string {
    return !row.handled && decidedStatus(row) !== 'waived' ? 'unhandled' : decidedStatus(row);
}

/**
 * The test matrix as a reviewer page: the gates' decisions and the totals first, then the rows grouped by gate
 * (rollout order; a row goes under the first gate that covers its site or takes it in), site and interface, with
 * a status word and colour, an offline filter, and the spec's revision. Standalone and printable.
 */
export async function writeMatrixHtml(rows: Iterable<MatrixRow>, sink: TextSink, options: MatrixHtmlOptions): Promise<void> {
    const all = [...rows];
    const tally = new MatrixTally();
    all.forEach(row => tally.add(row));
    const groups = groupRows(all, options.checklists);
    const focus = { marked: false };
    await emit(sink, pageHead('Test matrix', options) + '<h1>Test matrix</h1>\n' + revisionLine(options.revision) + '\n');
    await emit(sink, '<section class="summary">\n<h2>Decision and summary</h2>\n');
    await emit(sink, options.checklists.length
        ? '<table class="counts"><thead><tr><th>Gate (rollout order)</th><th>After</th><th>Decision</th><th>Test cases</th><th>Unhandled</th><th>Failed</th><th>Pending</th><th>Complete</th></tr></thead><tbody>\n'
            + groups.filter(group => group.checklist).map(group => {
                const c = countRows(group.rows);
                const checklist = group.checklist!;
                return `<tr><td>${escapeHtml(checklist.gate)}${checklist.title ? ` (${escapeHtml(checklist.title)})` : ''}</td><td>${escapeHtml(checklist.after.join(', ') || '–')}</td>`
                    + `<td><span class="decision decision-${checklist.decision}">${checklist.decision}</span></td>`
                    + `<td class="n">${c.rows}</td><td class="n">${c.unhandled}</td><td class="n">${c.failed}</td><td class="n">${c.pending}</td><td class="n">${c.complete}</td></tr>\n`;
            }).join('') + '</tbody></table>\n'
        : '<p>The workspace declares no gate.</p>\n');
    await emit(sink, `<p>${escapeHtml(tally.sentence())}</p>\n</section>\n`);
    await emit(sink, toolbar(['unhandled', 'failed', 'pending', 'passed', 'done', 'waived']) + '\n');
    for (const group of groups) {
        const title = group.checklist
            ? `Gate ${escapeHtml(group.checklist.gate)} <span class="decision decision-${group.checklist.decision}">${group.checklist.decision}</span>`
            : 'Not in any gate';
        const gateFocus = group.checklist ? focusAttributes(group.checklist.gate, options, focus) : '';
        await emit(sink, `<section class="gate" data-group><h2${gateFocus}>${title} <button class="toggle" type="button">hide</button></h2>\n<div class="body">\n`);
        for (const [site, siteRows] of bySite(group.rows)) {
            await emit(sink, `<section class="site" data-group><h3>Site ${escapeHtml(siteLabel(site))} <span class="meta">(${siteRows.length} test case${siteRows.length === 1 ? '' : 's'})</span> <button class="toggle" type="button">hide</button></h3>\n<div class="body">\n`);
            await emit(sink, '<table class="matrix"><colgroup>' + MATRIX_HTML_COLUMNS.map(() => '<col>').join('')
                + '</colgroup><thead><tr>' + MATRIX_HTML_COLUMNS.map(column => `<th>${column}</th>`).join('') + '</tr></thead>\n');
            for (const [iface, ifaceRows] of byInterface(siteRows)) {
                await emit(sink, `<tbody class="interface"${focusAttributes(iface, options, focus)}><tr><th colspan="${MATRIX_HTML_COLUMNS.length}">Interface ${escapeHtml(iface)} <span class="meta">(${ifaceRows.length})</span></th></tr></tbody>\n`);
                for (const row of ifaceRows) {
                    await emit(sink, rowHtml(row, options.links === true));
                }
            }
            await emit(sink, '</table>\n</div>\n</section>\n');
        }
        await emit(sink, '</div>\n</section>\n');
    }
    await emit(sink, pageEnd(options, options.extraScript));
}

function rowHtml(row: MatrixRow, links: boolean): string {
    const status = rowStatus(row);
    const needs = row.evidenceRequired.length ? `<br><span class="meta">needs: ${escapeHtml(row.evidenceRequired.join('; '))}</span>` : '';
    const label = evidenceLabel(row);
    const recorded = label === decidedStatus(row) ? '' : escapeHtml(label.slice(decidedStatus(row).length + (label.startsWith(`${decidedStatus(row)};`) ? 2 : 1)));
    const cells = [
        escapeHtml(messageLabel(row.message)), escapeHtml(row.scenario),
        escapeHtml(row.preconditions), escapeHtml(row.stimulus), escapeHtml(row.expected),
        escapeHtml(row.owner.join(', ') || '(no owner)'),
        `<span class="status status-${status}">${status}</span>${status === 'unhandled' ? `<br><span class="meta">${escapeHtml(decidedStatus(row))}</span>` : ''}`,
        `${recorded || '–'}${needs}`,
        // A criterion id may break after its gate's name, never inside a word.
        row.criteria.length ? row.criteria.map(id => `<code>${escapeHtml(id).replace(/\./g, '.<wbr>')}</code>`).join('<br>') : '(none)'
    ];
    const search = [row.id, row.interface, siteLabel(row.site), row.message ?? '', row.scenario, row.owner.join(' '), status, ...row.criteria].join(' ').toLowerCase();
    const link = links ? ` class="spec-link row-${status}" tabindex="0" title="Show in the spec" data-target="${escapeHtml(JSON.stringify({ uri: row.location.file, line: row.location.line }))}"` : ` class="row-${status}"`;
    return `<tbody id="${escapeHtml(row.id)}"${link} data-status="${status}" data-search="${escapeHtml(search)}">`
        + `<tr class="case-id"><td colspan="${MATRIX_HTML_COLUMNS.length}"><code>${escapeHtml(row.id)}</code></td></tr>`
        + `<tr>${cells.map(cell => `<td>${cell}</td>`).join('')}</tr></tbody>\n`;
}

interface RowGroup { checklist?: Checklist, rows: MatrixRow[] }

/** Each row under the first gate (in rollout order) that takes it in (by criterion) or covers its site. */
function groupRows(rows: MatrixRow[], checklists: Checklist[]): RowGroup[] {
    const groups: RowGroup[] = checklists.map(checklist => ({ checklist, rows: [] }));
    // The first group (rollout order) of each gate name and of each site: one lookup per row, not a scan of the gates.
    const gateGroup = new Map<string, number>();
    const siteGroup = new Map<string, number>();
    checklists.forEach((checklist, index) => {
        if (!gateGroup.has(checklist.gate)) gateGroup.set(checklist.gate, index);
        for (const site of checklist.sites) if (!siteGroup.has(site)) siteGroup.set(site, index);
    });
    const rest: MatrixRow[] = [];
    for (const row of rows) {
        // A criterion id is `Gate.Criterion` (a gate name has no dot): the row's earliest gate that takes it in.
        let index = Infinity;
        for (const id of row.criteria) {
            const dot = id.indexOf('.');
            const found = dot < 0 ? undefined : gateGroup.get(id.slice(0, dot));
            if (found !== undefined && found < index) index = found;
        }
        if (index === Infinity && row.site !== null) index = siteGroup.get(row.site) ?? Infinity;
        (index === Infinity ? rest : groups[index].rows).push(row);
    }
    const result = groups.filter(group => group.rows.length);
    return rest.length ? [...result, { rows: rest }] : result;
}

function bySite(rows: MatrixRow[]): Array<[string | null, MatrixRow[]]> {
    const map = new Map<string | null, MatrixRow[]>();
    for (const row of rows) {
        const list = map.get(row.site);
        if (list) list.push(row); else map.set(row.site, [row]);
    }
    return [...map].sort(([a], [b]) => compareText(a ?? '\uffff', b ?? '\uffff'));
}

function byInterface(rows: MatrixRow[]): Array<[string, MatrixRow[]]> {
    const map = new Map<string, MatrixRow[]>();
    for (const row of rows) {
        const list = map.get(row.interface);
        if (list) list.push(row); else map.set(row.interface, [row]);
    }
    return [...map];
}

function countRows(rows: MatrixRow[]): { rows: number, unhandled: number, failed: number, pending: number, complete: number } {
    const counts = { rows: rows.length, unhandled: 0, failed: 0, pending: 0, complete: 0 };
    for (const row of rows) {
        if (rowStatus(row) === 'unhandled') counts.unhandled++;
        if (decidedStatus(row) === 'failed') counts.failed++;
        else if (COMPLETE_STATUSES.has(decidedStatus(row))) counts.complete++;
        else counts.pending++;
    }
    return counts;
}

import type { MatrixRow } from '../model.js';
import { emit, escapeHtml, HTML_END, htmlHead, type TextSink } from '../text.js';
import { evidenceLabel, MatrixTally, messageLabel, siteLabel } from './matrix-summary.js';

const HEADER = ['Id', 'Interface', 'Site', 'Message', 'Scenario', 'Preconditions', 'Stimulus', 'Expected result',
    'Owner', 'Evidence', 'Gate criterion'];

/** The test matrix as a standalone printable page: inline style, no scripts, every spec string escaped. */
export async function writeMatrixHtml(rows: Iterable<MatrixRow>, sink: TextSink): Promise<void> {
    await emit(sink, htmlHead('Test matrix') + '<h1>Test matrix</h1>\n<table class="matrix">\n<thead><tr>'
        + HEADER.map(cell => `<th>${cell}</th>`).join('') + '</tr></thead>\n<tbody>\n');
    const tally = new MatrixTally();
    for (const row of rows) {
        tally.add(row);
        const scenario = row.handled ? escapeHtml(row.scenario) : `<strong>unhandled:</strong> ${escapeHtml(row.scenario)}`;
        const needs = row.evidenceRequired.length ? `<br><span class="meta">needs: ${escapeHtml(row.evidenceRequired.join('; '))}</span>` : '';
        const cells = [
            `<code>${escapeHtml(row.id)}</code>`, escapeHtml(row.interface), escapeHtml(siteLabel(row.site)),
            escapeHtml(messageLabel(row.message)), scenario, escapeHtml(row.preconditions), escapeHtml(row.stimulus),
            escapeHtml(row.expected), escapeHtml(row.owner.join(', ') || '(no owner)'),
            `<span class="status status-${row.evidence.status}">${escapeHtml(evidenceLabel(row))}</span>${needs}`,
            row.criteria.length ? row.criteria.map(id => `<code>${escapeHtml(id)}</code>`).join('<br>') : '(none)'
        ];
        await emit(sink, `<tr id="${escapeHtml(row.id)}"${row.handled ? '' : ' class="unhandled"'}>${cells.map(cell => `<td>${cell}</td>`).join('')}</tr>\n`);
    }
    await emit(sink, `</tbody>\n</table>\n<p class="meta">${escapeHtml(tally.sentence())}</p>\n${HTML_END}`);
}

import { COMPLETE_STATUSES, type Checklist, type ChecklistItem } from '../model.js';
import { emit, escapeHtml, HTML_END, htmlHead, type TextSink } from '../text.js';
import { recordedBy } from './matrix-summary.js';

/** Go-live checklists as one standalone printable page: inline style, no scripts, every spec string escaped. */
export async function writeChecklistHtml(checklists: Iterable<Checklist>, sink: TextSink): Promise<void> {
    await emit(sink, htmlHead('Go-live checklist'));
    let count = 0;
    for (const checklist of checklists) {
        await emit(sink, checklistHtml(checklist));
        count++;
    }
    if (!count) {
        await emit(sink, '<h1>Go-live checklist</h1>\n<p>The workspace declares no gate.</p>\n');
    }
    await emit(sink, HTML_END);
}

function checklistHtml(checklist: Checklist): string {
    const out: string[] = [];
    out.push(`<section id="gate-${escapeHtml(checklist.gate)}">`);
    out.push(`<h1>Go-live checklist: ${escapeHtml(checklist.gate)}${checklist.title ? ` (${escapeHtml(checklist.title)})` : ''}</h1>`);
    out.push(`<p><span class="decision decision-${checklist.decision}">${checklist.decision}</span></p>`);
    const facts: Array<[string, string]> = [['Sites', names(checklist.sites)], ['Approvers', names(checklist.approvers)]];
    if (checklist.phase) facts.push(['Phase', escapeHtml(checklist.phase)]);
    if (checklist.after.length) facts.push(['After', names(checklist.after)]);
    if (checklist.hypercare) facts.push(['Hypercare', escapeHtml(checklist.hypercare)]);
    const c = checklist.counts;
    facts.push(['Items', `${c.done + c.passed + c.waived} complete, ${c.failed} failed, ${c.pending} pending`]);
    out.push('<table class="facts">' + facts.map(([key, value]) => `<tr><th>${key}</th><td>${value}</td></tr>`).join('') + '</table>');
    out.push('<h2>Reasons</h2>', '<ul>' + checklist.reasons.map(reason => `<li>${escapeHtml(reason)}</li>`).join('') + '</ul>');
    out.push('<h2>Blocking findings</h2>');
    out.push(checklist.blockingFindings.length
        ? '<ul>' + checklist.blockingFindings.map(f => `<li><code>${escapeHtml(`${f.file}:${f.line}:${f.column}`)}</code> ${escapeHtml(f.code)}: ${escapeHtml(f.message)}</li>`).join('') + '</ul>'
        : '<p>None.</p>');
    checklist.groups.forEach((group, index) => {
        out.push(`<h2>${index + 1}. ${escapeHtml(group.title)}</h2>`);
        out.push(group.items.length ? '<ul class="items">' + group.items.map(itemHtml).join('') + '</ul>' : '<p>No items.</p>');
    });
    out.push('</section>');
    return out.join('\n') + '\n';
}

function itemHtml(item: ChecklistItem): string {
    const checked = COMPLETE_STATUSES.has(item.status) ? ' checked' : '';
    const details = [
        `<span class="status status-${item.status}">${escapeHtml(item.status)}</span>${recordedBy(item) ? ` (${escapeHtml(recordedBy(item))})` : ''}`,
        `owner: ${names(item.owner)}`
    ];
    if (item.evidenceRequired.length) details.push(`evidence: ${item.evidenceRequired.map(escapeHtml).join('; ')}`);
    if (item.evidence.link) details.push(`link: ${escapeHtml(item.evidence.link)}`);
    const lines = [`<div class="meta">${details.join(' · ')}</div>`];
    if (item.tests.length) {
        const ids = item.tests.map(id => `<code>${escapeHtml(id)}</code>`).join(', ');
        lines.push(item.tests.length > 12
            ? `<details class="meta"><summary>${item.tests.length} test cases</summary>${ids}</details>`
            : `<div class="meta">tests: ${ids}</div>`);
    }
    for (const note of [...item.notes, ...(item.evidence.note ? [`note: ${item.evidence.note}`] : [])]) {
        lines.push(`<div class="meta">${escapeHtml(note)}</div>`);
    }
    return `<li><label><input type="checkbox" disabled${checked}> <code>${escapeHtml(item.id)}</code> ${escapeHtml(item.title)}${item.declared ? '' : ' <em>(implied by the spec)</em>'}</label>${lines.join('')}</li>`;
}

function names(list: string[]): string {
    return list.length ? list.map(escapeHtml).join(', ') : '(none)';
}

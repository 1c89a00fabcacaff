import { COMPLETE_STATUSES, type Checklist, type ChecklistItem } from '../model.js';
import { readableReasons } from '../gate-reasons.js';
import { emit, escapeHtml, type TextSink } from '../text.js';
import { recordedBy } from './matrix-summary.js';
import { focusAttributes, pageEnd, pageHead, revisionLine, toolbar, type PageOptions } from './reviewer-page.js';

export interface ChecklistHtmlOptions extends PageOptions {
    /** The newest date of any evidence entry (YYYY-MM-DD): "evidence as of". */
    evidenceDate?: string;
    /** Items link back to the spec (the editor's preview): `data-target` with the item's id. */
    links?: boolean;
    extraScript?: string;
}

/**
 * Go-live checklists as a reviewer page: every gate's decision first (rollout order), then per gate why it is
 * NO-GO as sentences grouped by go-live question, the items with status words and colour, every linked test case
 * listed, and a sign-off block per approver. Standalone and printable; collapsing is for the screen only.
 */
export async function writeChecklistHtml(checklists: Iterable<Checklist>, sink: TextSink, options: ChecklistHtmlOptions): Promise<void> {
    const all = [...checklists];
    await emit(sink, pageHead('Go-live checklist', options) + '<h1>Go-live checklist</h1>\n' + revisionLine(options.revision) + '\n'
        + `<p class="meta">Evidence as of ${options.evidenceDate ? escapeHtml(options.evidenceDate) : 'no evidence recorded'}</p>\n`);
    if (!all.length) {
        await emit(sink, '<p>The workspace declares no gate.</p>\n' + pageEnd(options, options.extraScript));
        return;
    }
    await emit(sink, '<section class="summary">\n<h2>Decisions</h2>\n<table class="counts"><thead><tr><th>Gate (rollout order)</th><th>After</th><th>Sites</th><th>Decision</th><th>Complete</th><th>Failed</th><th>Pending</th></tr></thead><tbody>\n'
        + all.map(c => `<tr><td><a href="#gate-${escapeHtml(c.gate)}">${escapeHtml(c.gate)}</a>${c.title ? ` (${escapeHtml(c.title)})` : ''}</td><td>${names(c.after, '–')}</td><td>${names(c.sites)}</td>`
            + `<td><span class="decision decision-${c.decision}">${c.decision}</span></td><td class="n">${c.counts.done + c.counts.passed + c.counts.waived}</td><td class="n">${c.counts.failed}</td><td class="n">${c.counts.pending}</td></tr>\n`).join('')
        + '</tbody></table>\n</section>\n' + toolbar(['failed', 'pending', 'passed', 'done', 'waived']) + '\n');
    const focus = { marked: false };
    for (const checklist of all) {
        await emit(sink, checklistHtml(checklist, options.links === true, focusAttributes(checklist.gate, options, focus)));
    }
    await emit(sink, pageEnd(options, options.extraScript));
}

function checklistHtml(checklist: Checklist, links: boolean, focus: string): string {
    const out: string[] = [];
    out.push(`<section class="gate" id="gate-${escapeHtml(checklist.gate)}">`);
    out.push(`<h2${focus}>Gate ${escapeHtml(checklist.gate)}${checklist.title ? ` (${escapeHtml(checklist.title)})` : ''} <span class="decision decision-${checklist.decision}">${checklist.decision}</span></h2>`);
    const facts: Array<[string, string]> = [['Sites', names(checklist.sites)], ['Approvers', names(checklist.approvers)]];
    if (checklist.phase) facts.push(['Phase', escapeHtml(checklist.phase)]);
    facts.push(['After', checklist.after.length ? names(checklist.after) : 'no earlier gate']);
    if (checklist.hypercare) facts.push(['Hypercare', escapeHtml(checklist.hypercare)]);
    const c = checklist.counts;
    facts.push(['Items', `${c.done + c.passed + c.waived} complete, ${c.failed} failed, ${c.pending} pending`]);
    out.push('<table class="counts facts">' + facts.map(([key, value]) => `<tr><th>${key}</th><td>${value}</td></tr>`).join('') + '</table>');
    out.push(...reasonsHtml(checklist));
    if (checklist.blockingFindings.length) {
        out.push('<h3>Blocking findings</h3><ul>' + checklist.blockingFindings.map(f => `<li><code>${escapeHtml(`${f.file}:${f.line}:${f.column}`)}</code> ${escapeHtml(f.message)} <span class="meta">(${escapeHtml(f.code)})</span></li>`).join('') + '</ul>');
    }
    checklist.groups.forEach((group, index) => {
        if (!group.items.length) {
            out.push(`<h3>${index + 1}. ${escapeHtml(group.title)}</h3><p class="meta">No items.</p>`);
            return;
        }
        out.push(`<section data-group><h3>${index + 1}. ${escapeHtml(group.title)} <button class="toggle" type="button">hide</button></h3><div class="body"><ul class="items">`
            + group.items.map(item => itemHtml(item, links)).join('') + '</ul></div></section>');
    });
    out.push(signOffHtml(checklist));
    out.push('</section>');
    return out.join('\n') + '\n';
}

/** Why the gate is NO-GO, as sentences under the go-live question each open item answers. */
function reasonsHtml(checklist: Checklist): string[] {
    if (checklist.decision === 'GO') {
        return ['<h3>Why GO</h3>', `<p>${escapeHtml(checklist.reasons[0] ?? '')}</p>`];
    }
    const out = ['<h3>Why NO-GO</h3>'];
    if (checklist.blockingFindings.length) {
        const n = checklist.blockingFindings.length;
        out.push(`<p>${n} error finding${n === 1 ? ' is' : 's are'} in the gate's scope; ${n === 1 ? 'it is' : 'they are'} listed under Blocking findings.</p>`);
    }
    for (const { question, sentences } of readableReasons(checklist).questions) {
        out.push(`<p><strong>${escapeHtml(question)}</strong></p><ul>` + sentences.map(sentence => `<li>${escapeHtml(sentence)}</li>`).join('') + '</ul>');
    }
    return out;
}

function itemHtml(item: ChecklistItem, links: boolean): string {
    const details = [
        `<span class="status status-${item.status}">${escapeHtml(item.status)}</span>${recordedBy(item) ? ` (${escapeHtml(recordedBy(item))})` : ''}`,
        `owner: ${names(item.owner)}`
    ];
    if (item.evidenceRequired.length) details.push(`evidence: ${item.evidenceRequired.map(escapeHtml).join('; ')}`);
    if (item.evidence.link) details.push(`link: ${escapeHtml(item.evidence.link)}`);
    const lines = [`<div class="meta">${details.join(' · ')}</div>`];
    if (item.tests.length) {
        lines.push(`<div class="meta">${item.tests.length} test case${item.tests.length === 1 ? '' : 's'}: ${item.tests.map(id => `<code class="id">${escapeHtml(id)}</code>`).join(', ')}</div>`);
    }
    for (const note of [...item.notes, ...(item.evidence.note ? [`note: ${item.evidence.note}`] : [])]) {
        lines.push(`<div class="meta">${escapeHtml(note)}</div>`);
    }
    const box = COMPLETE_STATUSES.has(item.status) ? '☑' : '☐';
    const search = [item.id, item.title, item.status, item.owner.join(' ')].join(' ').toLowerCase();
    const link = links ? ` class="spec-link" tabindex="0" title="Show in the spec" data-target="${escapeHtml(JSON.stringify({ name: item.id }))}"` : '';
    return `<li${link} data-status="${item.status}" data-search="${escapeHtml(search)}">${box} <code>${escapeHtml(item.id)}</code> ${escapeHtml(item.title)}${item.declared ? '' : ' <em>(implied by the spec)</em>'}${lines.join('')}</li>`;
}

/** One line per approver (the gate's, and each criterion's own), to sign on paper. */
function signOffHtml(checklist: Checklist): string {
    const approvers = [...new Set([...checklist.approvers, ...checklist.groups.flatMap(group => group.items.filter(item => item.declared).flatMap(item => item.owner))])];
    const rows = (approvers.length ? approvers : ['(no approver declared)'])
        .map(approver => `<tr><td>${escapeHtml(approver)}</td><td>☐ GO ☐ NO-GO</td><td></td><td></td><td></td></tr>`).join('');
    return `<div class="signoff"><h3>Sign-off: ${escapeHtml(checklist.gate)}</h3><table class="signoff"><thead><tr><th>Approver</th><th>Decision</th><th>Name</th><th>Signature</th><th>Date</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function names(list: string[], none = '(none)'): string {
    return list.length ? list.map(escapeHtml).join(', ') : none;
}



import { rowStatus, type EvidenceStatus, type MatrixRow, type RowObservation } from '../model.js';

/** Totals gathered while rows stream past, written after the last row. */
export class MatrixTally {
    rows = 0;
    unhandled = 0;
    readonly interfaces = new Set<string>();
    readonly byStatus: Record<EvidenceStatus, number> = { pending: 0, done: 0, passed: 0, failed: 0, waived: 0 };

    add(row: MatrixRow): void {
        this.rows++;
        if (!row.handled) {
            this.unhandled++;
        }
        this.interfaces.add(row.interface);
        this.byStatus[rowStatus(row)]++;
    }

    sentence(): string {
        const statuses = (Object.keys(this.byStatus) as EvidenceStatus[])
            .filter(status => this.byStatus[status] > 0)
            .map(status => `${this.byStatus[status]} ${status}`);
        return `${this.rows} test case${this.rows === 1 ? '' : 's'} for ${this.interfaces.size} interface${this.interfaces.size === 1 ? '' : 's'}; `
            + `${this.unhandled} unhandled; evidence: ${statuses.length ? statuses.join(', ') : 'none'}.`;
    }
}

/**
 * What the evidence column shows: the status that decides the row (rowStatus) and who recorded it when, then what
 * the samples showed, if anything (`passed (Lab, 2026-09-22); samples: failed at captures/x.hl7:9:57 …; evidence decides`).
 */
export function evidenceLabel(row: Pick<MatrixRow, 'evidence' | 'observed'>): string {
    const { by, date } = row.evidence;
    const status = rowStatus(row);
    const detail = [by, date].filter(Boolean).join(', ');
    const label = detail ? `${status} (${detail})` : status;
    return row.observed ? `${label}; ${observationLabel(row.observed)}` : label;
}

/**
 * What the samples showed, in words: `samples: passed in 2 messages`, or `samples: failed at file:line:column
 * (rule, 3 findings): message`, and `; evidence decides` when an evidence entry names the row (or `; does not decide: the
 * captures name no site` for a sender's own row of an interface that runs at several sites).
 */
export function observationLabel(observed: RowObservation): string {
    const messages = `${observed.messages} message${observed.messages === 1 ? '' : 's'}`;
    const text = observed.status === 'passed' || !observed.first
        ? `samples: ${observed.status} in ${messages}`
        : `samples: failed at ${observed.first.file}:${observed.first.line}:${observed.first.column} (${observed.first.rule}`
            + `${(observed.findings ?? 1) > 1 ? `, ${observed.findings} findings` : ''}; ${messages} exercised it): ${observed.first.message}`;
    if (observed.decides) return text;
    // Not deciding: an evidence entry decides the row, or the captures name no site of a multi-site interface.
    return `${text}; ${observed.note?.startsWith('Evidence ') ? 'evidence decides' : 'does not decide: the captures name no site'}`;
}

/** Who recorded the evidence and when, or '' when nobody has. */
export function recordedBy(item: Pick<MatrixRow, 'evidence'>): string {
    return [item.evidence.by, item.evidence.date].filter(Boolean).join(', ');
}

export function siteLabel(site: string | null): string {
    return site ?? '(no site)';
}

export function messageLabel(message: string | null): string {
    return message ?? '(any)';
}

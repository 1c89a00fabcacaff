import type { EvidenceStatus, MatrixRow } from '../model.js';

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
        this.byStatus[row.evidence.status]++;
    }

    sentence(): string {
        const statuses = (Object.keys(this.byStatus) as EvidenceStatus[])
            .filter(status => this.byStatus[status] > 0)
            .map(status => `${this.byStatus[status]} ${status}`);
        return `${this.rows} test case${this.rows === 1 ? '' : 's'} for ${this.interfaces.size} interface${this.interfaces.size === 1 ? '' : 's'}; `
            + `${this.unhandled} unhandled; evidence: ${statuses.length ? statuses.join(', ') : 'none'}.`;
    }
}

/** What the evidence column shows: the status and who recorded it when. */
export function evidenceLabel(row: Pick<MatrixRow, 'evidence'>): string {
    const { status, by, date } = row.evidence;
    const detail = [by, date].filter(Boolean).join(', ');
    return detail ? `${status} (${detail})` : status;
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

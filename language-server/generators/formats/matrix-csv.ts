import { rowStatus, type MatrixRow } from '../model.js';
import { csvRecord, emit, UTF8_BOM, type TextSink } from '../text.js';

const HEADER = ['id', 'interface', 'site', 'message', 'scenario', 'kind', 'handled', 'preconditions', 'stimulus',
    'expected', 'owner', 'evidence_required', 'status', 'evidence_by', 'evidence_date', 'evidence_link', 'criteria',
    'file', 'line', 'observed', 'observed_messages', 'observed_at', 'observed_decides'];

/** The test matrix as CSV for spreadsheets: UTF-8 with a byte-order mark, CRLF records, RFC 4180 quoting. */
export async function writeMatrixCsv(rows: Iterable<MatrixRow>, sink: TextSink): Promise<void> {
    await emit(sink, UTF8_BOM + csvRecord(HEADER));
    for (const row of rows) {
        await emit(sink, csvRecord([
            row.id, row.interface, row.site ?? '', row.message ?? '', row.scenario, row.kind,
            row.handled ? 'yes' : 'no', row.preconditions, row.stimulus, row.expected, row.owner.join('; '),
            row.evidenceRequired.join('; '), rowStatus(row), row.evidence.by ?? '', row.evidence.date ?? '',
            row.evidence.link ?? '', row.criteria.join('; '), row.location.file, String(row.location.line),
            ...observedCells(row)
        ]));
    }
}

/** What the samples showed (`observed`): status, messages that exercised the row, the first finding's place and rule, and whether it decides. */
function observedCells(row: MatrixRow): string[] {
    const observed = row.observed;
    if (!observed) return ['', '', '', ''];
    const first = observed.first;
    return [
        observed.status, String(observed.messages),
        first ? `${first.file}:${first.line}:${first.column} ${first.rule}: ${first.message}` : '',
        observed.decides ? 'yes' : 'no (evidence decides)'
    ];
}

import type { MatrixRow } from '../model.js';
import { emit, type TextSink } from '../text.js';
import { MatrixTally } from './matrix-summary.js';

export const TEST_MATRIX_SCHEMA_ID = 'https://interspec.dev/schemas/test-matrix.schema.json';

/**
 * The test matrix as JSON (schemas/test-matrix.schema.json), written incrementally: the opening, one row at a
 * time, then the summary. Indented like JSON.stringify(value, null, 2) would.
 */
export async function writeMatrixJson(rows: Iterable<MatrixRow>, sink: TextSink): Promise<void> {
    await emit(sink, `{\n  "$schema": ${JSON.stringify(TEST_MATRIX_SCHEMA_ID)},\n  "formatVersion": 1,\n  "rows": [`);
    const tally = new MatrixTally();
    for (const row of rows) {
        await emit(sink, `${tally.rows === 0 ? '' : ','}\n    ${indent(JSON.stringify(row, null, 2), '    ')}`);
        tally.add(row);
    }
    const summary = { rows: tally.rows, interfaces: tally.interfaces.size, unhandled: tally.unhandled, byStatus: tally.byStatus };
    await emit(sink, `${tally.rows ? '\n  ' : ''}],\n  "summary": ${indent(JSON.stringify(summary, null, 2), '  ')}\n}\n`);
}

function indent(json: string, prefix: string): string {
    return json.replace(/\n/g, `\n${prefix}`);
}

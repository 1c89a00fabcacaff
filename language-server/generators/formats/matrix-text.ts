import { rowStatus, type MatrixRow } from '../model.js';
import { emit, type TextSink } from '../text.js';
import { evidenceLabel, MatrixTally, messageLabel, siteLabel } from './matrix-summary.js';
import { Fields, hanging, heading, lines, PLAIN_STYLE, plainText, statusPaint, textWidth, wrap, type TextOptions, type TextStyle } from './text-layout.js';

/** The labels of a row's fields: the Markdown table's column names. */
const LABELS = ['Preconditions', 'Stimulus', 'Expected result', 'Owner', 'Evidence', 'Gate criterion'] as const;

/**
 * The test matrix as text for a terminal: a heading per interface, then each test case as a block, its id on a
 * line of its own, site, message and scenario, and the fields the Markdown table has as columns, labelled and
 * wrapped to the width; the totals last. Every line fits `options.width` columns (see text-layout.ts).
 */
export async function writeMatrixText(rows: Iterable<MatrixRow>, sink: TextSink, options: TextOptions = {}): Promise<void> {
    const width = textWidth(options.width);
    const style = options.style ?? PLAIN_STYLE;
    const fields = new Fields(LABELS, 2, width, style);
    await emit(sink, lines(heading('Test matrix', '=', width, style)));
    const tally = new MatrixTally();
    let current: string | undefined;
    for (const row of rows) {
        tally.add(row);
        if (row.interface !== current) {
            current = row.interface;
            await emit(sink, '\n' + lines(heading(plainText(row.interface), '-', width, style)));
        }
        await emit(sink, '\n' + lines(rowLines(row, fields, width, style)));
    }
    await emit(sink, '\n' + lines(wrap(plainText(tally.sentence()), width)));
}

function rowLines(row: MatrixRow, fields: Fields, width: number, style: TextStyle): string[] {
    const where = `${plainText(siteLabel(row.site))} · ${plainText(messageLabel(row.message))} · `;
    const scenario = hanging('  ', where + (row.handled ? '' : 'unhandled: ') + plainText(row.scenario), width);
    const evidence = plainText(evidenceLabel(row)) + (row.evidenceRequired.length ? `; needs: ${plainText(row.evidenceRequired.join('; '))}` : '');
    return [
        ...wrap(plainText(row.id), width).map(line => style.bold(line)),
        ...(row.handled ? scenario : scenario.map(line => style.red(line))),
        ...fields.lines('Preconditions', plainText(row.preconditions)),
        ...fields.lines('Stimulus', plainText(row.stimulus)),
        ...fields.lines('Expected result', plainText(row.expected)),
        ...fields.lines('Owner', plainText(row.owner.join(', ')) || '(no owner)'),
        ...fields.lines('Evidence', evidence, statusPaint(rowStatus(row), style)),
        ...fields.lines('Gate criterion', row.criteria.length ? plainText(row.criteria.join(', ')) : '(none)')
    ];
}

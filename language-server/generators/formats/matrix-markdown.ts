import type { MatrixRow } from '../model.js';
import { emit, escapeMarkdown, markdownCode, type TextSink } from '../text.js';
import { evidenceLabel, MatrixTally, messageLabel, siteLabel } from './matrix-summary.js';

const HEADER = ['Id', 'Interface', 'Site', 'Message', 'Scenario', 'Preconditions', 'Stimulus', 'Expected result',
    'Owner', 'Evidence', 'Gate criterion'];

/** The test matrix as one GitHub-flavoured Markdown table, a row per line. */
export async function writeMatrixMarkdown(rows: Iterable<MatrixRow>, sink: TextSink): Promise<void> {
    await emit(sink, '# Test matrix\n\n');
    await emit(sink, `| ${HEADER.join(' | ')} |\n|${HEADER.map(() => ' --- |').join('')}\n`);
    const tally = new MatrixTally();
    for (const row of rows) {
        tally.add(row);
        const scenario = row.handled ? escapeMarkdown(row.scenario) : `**unhandled:** ${escapeMarkdown(row.scenario)}`;
        const evidence = row.evidenceRequired.length
            ? `${escapeMarkdown(evidenceLabel(row))}<br>needs: ${escapeMarkdown(row.evidenceRequired.join('; '))}`
            : escapeMarkdown(evidenceLabel(row));
        const cells = [
            markdownCode(row.id), escapeMarkdown(row.interface), escapeMarkdown(siteLabel(row.site)),
            escapeMarkdown(messageLabel(row.message)), scenario, escapeMarkdown(row.preconditions),
            escapeMarkdown(row.stimulus), escapeMarkdown(row.expected), escapeMarkdown(row.owner.join(', ') || '(no owner)'),
            evidence, row.criteria.length ? row.criteria.map(markdownCode).join('<br>') : '(none)'
        ];
        await emit(sink, `| ${cells.join(' | ')} |\n`);
    }
    await emit(sink, `\n${escapeMarkdown(tally.sentence())}\n`);
}

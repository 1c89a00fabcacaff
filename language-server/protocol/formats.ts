/**
 * The output formats of the generators, as the `interspec/testMatrix` and `interspec/checklist` requests and the
 * CLI's `--format` accept them. Imports nothing: the generators, the CLI and the VS Code client read these lists.
 * `text` is the plain-text rendering a terminal shows (the CLI's choice on a terminal when no format is given).
 */
export type MatrixFormat = 'markdown' | 'csv' | 'json' | 'html' | 'text';
export type ChecklistFormat = 'markdown' | 'html' | 'json' | 'text';
export const MATRIX_FORMATS: readonly MatrixFormat[] = ['markdown', 'csv', 'json', 'html', 'text'];
export const CHECKLIST_FORMATS: readonly ChecklistFormat[] = ['markdown', 'html', 'json', 'text'];

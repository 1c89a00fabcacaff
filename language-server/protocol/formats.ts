/**
 * The output formats of the generators, as the `interspec/testMatrix` and `interspec/checklist` requests and the
 * CLI's `--format` accept them. Imports nothing: the generators, the CLI and the VS Code client read these lists.
 */
export type MatrixFormat = 'markdown' | 'csv' | 'json' | 'html';
export type ChecklistFormat = 'markdown' | 'html' | 'json';
export const MATRIX_FORMATS: readonly MatrixFormat[] = ['markdown', 'csv', 'json', 'html'];
export const CHECKLIST_FORMATS: readonly ChecklistFormat[] = ['markdown', 'html', 'json'];

/**
 * The files an editor must watch so that diagnostics, code lenses and previews follow the disk: the spec files,
 * `interspec.yaml`, and every evidence file the loader reads (the rules are in evidence-files.ts, one place).
 * Imports only evidence-files.ts, which has no imports: the VS Code client bundles this file.
 */
import { EVIDENCE_FILE_GLOBS, isEvidenceFile } from './evidence-files.js';

export { EVIDENCE_FILE_GLOBS };

export const SPEC_FILE_GLOBS: readonly string[] = ['**/*.ispec', '**/interspec.yaml'];

/** One VS Code glob for a file system watcher: `{a,b,…}` of the spec and evidence globs. */
export function watchedFilesGlob(): string {
    return `{${[...SPEC_FILE_GLOBS, ...EVIDENCE_FILE_GLOBS].join(',')}}`;
}

/** Whether a path (with `/` separators) is a spec file, `interspec.yaml` or an evidence file. */
export function isWatchedSpecFile(filePath: string): boolean {
    return /(^|\/)([^/]+\.ispec|interspec\.yaml)$/.test(filePath) || isEvidenceFile(filePath);
}

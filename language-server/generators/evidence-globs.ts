/**
 * The files an editor must watch so that diagnostics, code lenses and previews follow the disk: the spec files,
 * `interspec.yaml`, and every evidence file `findEvidenceFiles` (evidence.ts) reads: `*.yaml` / `*.yml` in the
 * root's `evidence/` folder and below, and `*.evidence.yaml` / `*.evidence.yml` anywhere. The globs may match a
 * little more (an `evidence/` folder below the root); a test checks they match everything the generators read.
 * No imports: the VS Code client bundles this file.
 */
export const EVIDENCE_FILE_GLOBS: readonly string[] = [
    '**/evidence/**/*.yaml', '**/evidence/**/*.yml', '**/*.evidence.yaml', '**/*.evidence.yml'
];

export const SPEC_FILE_GLOBS: readonly string[] = ['**/*.ispec', '**/interspec.yaml'];

/** One VS Code glob for a file system watcher: `{a,b,…}` of all the globs above. */
export function watchedFilesGlob(): string {
    return `{${[...SPEC_FILE_GLOBS, ...EVIDENCE_FILE_GLOBS].join(',')}}`;
}

/** Whether a path (with `/` separators) is one of the watched files, as the globs above decide. */
export function isWatchedSpecFile(filePath: string): boolean {
    return /(^|\/)([^/]+\.ispec|interspec\.yaml|[^/]+\.evidence\.ya?ml)$/.test(filePath)
        || /(^|\/)evidence\/(.+\/)?[^/]+\.ya?ml$/.test(filePath);
}

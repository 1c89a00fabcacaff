/**
 * The files an editor must watch so that diagnostics, code lenses and previews follow the disk: the spec files,
 * `interspec.yaml`, and every evidence file the loader reads. The naming rules of evidence files live here, once:
 * the loader (evidence/evidence.ts) reads the files they name, and the client watches the same globs.
 * Imports nothing (see docs/generators.md for the rules in prose).
 */

/** The folder whose `*.yaml` / `*.yml` files (in every subfolder) are evidence files. */
export const EVIDENCE_FOLDER = 'evidence';
/** The extensions of evidence files, exactly (lower case). */
export const EVIDENCE_EXTENSIONS: readonly string[] = ['.yaml', '.yml'];
/** Globs of evidence files relative to a workspace root (and below it), for file watchers and schema validation. */
export const EVIDENCE_FILE_GLOBS: readonly string[] = [
    ...EVIDENCE_EXTENSIONS.map(extension => `**/*.evidence${extension}`),
    ...EVIDENCE_EXTENSIONS.map(extension => `**/${EVIDENCE_FOLDER}/**/*${extension}`)
];
/** Globs of the spec files and the workspace configuration. */
export const SPEC_FILE_GLOBS: readonly string[] = ['**/*.ispec', '**/interspec.yaml'];

/** One VS Code glob for a file system watcher: `{a,b,…}` of the spec and evidence globs. */
export function watchedFilesGlob(): string {
    return `{${[...SPEC_FILE_GLOBS, ...EVIDENCE_FILE_GLOBS].join(',')}}`;
}

/** Whether a path (with `/` separators) is a spec file, `interspec.yaml` or an evidence file. */
export function isWatchedSpecFile(filePath: string): boolean {
    return /(^|\/)([^/]+\.ispec|interspec\.yaml)$/.test(filePath) || isEvidenceFile(filePath);
}

/**
 * Whether a file name is an evidence file's: an evidence extension, and inside the evidence folder or ending in
 * `.evidence.<ext>`. Exact (lower case) unless `ignoringCase`, which finds the names to report as skipped.
 */
export function isEvidenceName(name: string, inEvidence: boolean, ignoringCase = false): boolean {
    const text = ignoringCase ? name.toLowerCase() : name;
    return EVIDENCE_EXTENSIONS.some(extension => text.endsWith(extension)) && (inEvidence || EVIDENCE_EXTENSIONS.some(extension => text.endsWith(`.evidence${extension}`)));
}

/**
 * Whether a path looks like an evidence file by the rules above (ignoring case, and any `evidence` folder counts):
 * for refusing to write a report over one, and for refreshing previews when one changes.
 */
export function isEvidenceFile(file: string): boolean {
    const parts = file.split(/[\\/]/);
    return isEvidenceName(parts[parts.length - 1], parts.slice(0, -1).includes(EVIDENCE_FOLDER), true);
}

/**
 * Which files are evidence files (see the rules in evidence.ts and docs/generators.md). Kept free of imports so
 * the extension can watch the same files the loader reads without bundling the loader.
 */
export const EVIDENCE_FOLDER = 'evidence';
/** The extensions of evidence files, exactly (lower case). */
export const EVIDENCE_EXTENSIONS: readonly string[] = ['.yaml', '.yml'];
/** Globs of evidence files relative to a workspace root (and below it), for file watchers and schema validation. */
export const EVIDENCE_FILE_GLOBS: readonly string[] = [
    ...EVIDENCE_EXTENSIONS.map(extension => `**/*.evidence${extension}`),
    ...EVIDENCE_EXTENSIONS.map(extension => `**/${EVIDENCE_FOLDER}/**/*${extension}`)
];

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
 * for refusing to write a report over one.
 */
export function isEvidenceFile(file: string): boolean {
    const parts = file.split(/[\\/]/);
    return isEvidenceName(parts[parts.length - 1], parts.slice(0, -1).includes(EVIDENCE_FOLDER), true);
}


import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { schemaValidator } from '../config/precompiled-validators.js';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { compareText, type Finding } from '../model/findings.js';
import { EvidenceIssue } from '../model/finding-codes.js';
import { LIMITS, LimitError, readRegularFileSync } from '../util/limits.js';
import type { EvidenceEntry, EvidenceStatus } from '../generators/model.js';
import type { EvidenceSet } from '../generators/input.js';
import { EVIDENCE_EXTENSIONS, EVIDENCE_FOLDER, isEvidenceName } from '../protocol/files.js';
import { relativeFile } from '../generators/names.js';

export { EVIDENCE_EXTENSIONS, EVIDENCE_FILE_GLOBS, EVIDENCE_FOLDER, isEvidenceFile } from '../protocol/files.js';
import { EVIDENCE_SCHEMA } from '../generators/schemas.js';
import { SKIPPED_FOLDERS } from '../util/skipped-folders.js';

/**
 * Evidence files: YAML that teams write next to the spec to record what has been done. The rules, the same for
 * the CLI, the language server and the extension (which watches EVIDENCE_FILE_GLOBS; the names are defined in
 * protocol/files.ts), and documented in
 * docs/generators.md:
 * - every `*.yaml` / `*.yml` file in the root's `evidence/` folder and in all its subfolders (also `out/`), and
 *   every `*.evidence.yaml` / `*.evidence.yml` file anywhere else under the root, except in hidden folders,
 *   `node_modules`, `out` and `dist` (as for specs); folders that are workspace roots of their own are theirs;
 * - names are matched exactly, in lower case: a file that matches only when case is ignored (`a.YAML`,
 *   `x.Evidence.yaml`) is not read but reported as skipped;
 * - only regular files are read: a symbolic link (or a FIFO, a device) with an evidence name is reported as
 *   skipped, since it could point outside the workspace or at the same file twice;
 * - a skipped file is an `evidence-skipped` error: the gate cannot say GO while evidence is left unread.
 * The tool reads these files and never writes them.
 */
/** Larger evidence files are refused rather than parsed. */
export const MAX_EVIDENCE_BYTES = LIMITS.evidenceBytes;
/** Aliases an evidence file may expand; more is an alias bomb, not evidence. */
export const MAX_EVIDENCE_ALIASES = 100;


/** Evidence files of a root (absolute, sorted), and files with an evidence name that are not read, with why. */
export async function scanEvidenceFiles(root: string): Promise<{ files: string[], skipped: Array<{ file: string, reason: string }> }> {
    const found: string[] = [];
    const skipped: Array<{ file: string, reason: string }> = [];
    const walk = async (folder: string, inEvidence: boolean) => {
        let entries;
        try {
            entries = await readdir(folder, { withFileTypes: true });
        } catch {
            return;
        }
        for (const entry of entries) {
            const full = path.join(folder, entry.name);
            if (entry.isDirectory()) {
                if (!inEvidence && (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name))) {
                    continue;
                }
                const nestedRoot = await exists(path.join(full, 'interspec.yaml'));
                if (!nestedRoot) {
                    await walk(full, inEvidence || (folder === root && entry.name === EVIDENCE_FOLDER));
                }
            } else if (isEvidenceName(entry.name, inEvidence)) {
                if (entry.isFile()) {
                    found.push(full);
                } else {
                    skipped.push({ file: full, reason: entry.isSymbolicLink() ? 'it is a symbolic link' : 'it is not a regular file' });
                }
            } else if (isEvidenceName(entry.name, inEvidence, true)) {
                skipped.push({ file: full, reason: `evidence file names end in ${EVIDENCE_EXTENSIONS.join(' or ')}, in lower case` });
            }
        }
    };
    await walk(root, false);
    return { files: found.sort(compareText), skipped: skipped.sort((a, b) => compareText(a.file, b.file)) };
}

/** The evidence files of a root that are read (absolute paths, sorted). */
export async function findEvidenceFiles(root: string): Promise<string[]> {
    return (await scanEvidenceFiles(root)).files;
}

async function exists(file: string): Promise<boolean> {
    try {
        await stat(file);
        return true;
    } catch {
        return false;
    }
}

/** Reads and validates every evidence file of a root. Invalid files add error findings and no entries. */
export async function loadEvidence(root: string): Promise<EvidenceSet> {
    const { files, skipped } = await scanEvidenceFiles(root);
    const set: EvidenceSet = { files: files.map(file => relativeFile(root, file)), entries: [], findings: [] };
    for (const { file, reason } of skipped) {
        set.findings.push(evidenceFinding(file, 1, 1, EvidenceIssue.Skipped, 'error',
            `Evidence file not read: ${reason}. Its entries would count for nothing; rename or replace it (docs/generators.md, evidence files).`));
    }
    for (const file of files) {
        const result = await readEvidenceFile(root, file);
        if (set.entries.length + result.entries.length > LIMITS.evidenceEntries) {
            set.findings.push(evidenceFinding(file, 1, 1, EvidenceIssue.Invalid, 'error',
                `too many evidence entries: the workspace's evidence files hold more than ${LIMITS.evidenceEntries}; this file's entries are not used`));
            continue;
        }
        for (const entry of result.entries) set.entries.push(entry);
        for (const finding of result.findings) set.findings.push(finding);
    }
    return set;
}

let validator: ValidateFunction | undefined;

export async function readEvidenceFile(root: string, file: string): Promise<{ entries: EvidenceEntry[], findings: Finding[] }> {
    const problem = (line: number, column: number, key: string, message: string) => ({
        entries: [], findings: [evidenceFinding(file, line, column, EvidenceIssue.Invalid, 'error', `${key ? `${key}: ` : ''}${message}`)]
    });
    let text: string;
    try {
        text = readRegularFileSync(file, MAX_EVIDENCE_BYTES, 'evidence files');
    } catch (error) {
        return problem(1, 1, '', error instanceof LimitError ? error.detail : 'cannot read the evidence file');
    }
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    if (document.errors.length) {
        const error = document.errors[0];
        const position = lines.linePos(error.pos[0]);
        return problem(position.line, position.col, '', `invalid YAML: ${error.message.split('\n')[0]}`);
    }
    let value: unknown;
    try {
        value = document.toJS({ maxAliasCount: MAX_EVIDENCE_ALIASES });
    } catch (error) {
        return problem(1, 1, '', error instanceof Error ? error.message : String(error));
    }
    validator ??= schemaValidator(EVIDENCE_SCHEMA); // compiled at build time (config/precompiled-validators.ts)
    if (!validator(value)) {
        const findings = uniqueErrors(validator.errors ?? []).map(error => {
            const segments = pointerSegments(error.instancePath);
            const extra = error.keyword === 'additionalProperties' ? String((error.params as { additionalProperty: string }).additionalProperty) : undefined;
            const keySegments = extra ? [...segments, extra] : segments;
            const { line, column } = locate(document, lines, keySegments, extra !== undefined);
            return evidenceFinding(file, line, column, EvidenceIssue.Invalid, 'error', `${keyPath(keySegments) || '(file)'}: ${describe(error, extra)}`);
        });
        return { entries: [], findings };
    }
    const data = value as { evidence: Array<Omit<EvidenceEntry, 'file' | 'line'>> };
    const relative = relativeFile(root, file);
    // The newest date an entry may have: the day after the file was last written (a day's grace for time zones).
    const written = (await stat(file)).mtime;
    const latest = new Date(Date.UTC(written.getUTCFullYear(), written.getUTCMonth(), written.getUTCDate() + 1)).toISOString().slice(0, 10);
    const entries: EvidenceEntry[] = [];
    const findings: Finding[] = [];
    data.evidence.forEach((entry, index) => {
        const { line, column } = locate(document, lines, ['evidence', index, 'id'], false);
        if (entry.date !== undefined) {
            const date = String(entry.date);
            const at = locate(document, lines, ['evidence', index, 'date'], false);
            if (!isCalendarDate(date)) {
                findings.push(evidenceFinding(file, at.line, at.column, EvidenceIssue.Invalid, 'error', `evidence[${index}].date: '${date}' is not a calendar date (YYYY-MM-DD); the entry is not used`));
                return;
            }
            if (date > latest) {
                findings.push(evidenceFinding(file, at.line, at.column, EvidenceIssue.Date, 'error',
                    `evidence[${index}].date: ${date} is after the file was last written (${written.toISOString().slice(0, 10)}); an entry cannot record the future, so it is not used`));
                return;
            }
        }
        const result: EvidenceEntry = { id: entry.id, status: entry.status as EvidenceStatus, file: relative, line, column };
        for (const key of ['by', 'date', 'link', 'note'] as const) {
            if (entry[key] !== undefined) {
                result[key] = String(entry[key]);
            }
        }
        entries.push(result);
    });
    return { entries, findings };
}

/** Whether `YYYY-MM-DD` names a real day (no month 99, no February 30). */
function isCalendarDate(text: string): boolean {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) return false;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function evidenceFinding(file: string, line: number, column: number, code: typeof EvidenceIssue[keyof typeof EvidenceIssue], severity: 'error' | 'warning', message: string): Finding {
    return { file, line, column, endLine: line, endColumn: column, severity, message, code };
}

/** Ajv reports `if/then` twice (the failed `then` and the `if`); keep the useful one per place. */
function uniqueErrors(errors: ErrorObject[]): ErrorObject[] {
    const seen = new Set<string>();
    return errors.filter(error => {
        if (error.keyword === 'if') {
            return false;
        }
        const key = `${error.instancePath} ${error.keyword} ${JSON.stringify(error.params)}`;
        return !seen.has(key) && !!seen.add(key);
    });
}

function describe(error: ErrorObject, extra: string | undefined): string {
    switch (error.keyword) {
        case 'additionalProperties':
            return `unknown key '${extra}'; an entry has id, status, by, date, link, note`;
        case 'enum':
            return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
        case 'required':
            return `missing '${(error.params as { missingProperty: string }).missingProperty}'`;
        default:
            return error.message ?? 'invalid';
    }
}

function pointerSegments(pointer: string): Array<string | number> {
    if (!pointer) {
        return [];
    }
    return pointer.slice(1).split('/').map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map(part => /^\d+$/.test(part) ? Number(part) : part);
}

function keyPath(segments: Array<string | number>): string {
    return segments.map((segment, index) => typeof segment === 'number' ? `[${segment}]` : `${index ? '.' : ''}${segment}`).join('');
}

/** The 1-based position of the value (or, for an unknown key, the key) at a path in the YAML document. */
function locate(document: Document, lines: LineCounter, segments: Array<string | number>, keyOnly: boolean): { line: number, column: number } {
    let node: YamlNode | null | undefined = document.contents as YamlNode | null;
    let offset = node?.range?.[0] ?? 0;
    for (let i = 0; i < segments.length && node; i++) {
        const segment = segments[i];
        if (isMap(node)) {
            const pair = node.items.find(item => (item.key as { value?: unknown } | null)?.value === segment);
            if (!pair) {
                break;
            }
            const key = pair.key as YamlNode | null;
            if (keyOnly && i === segments.length - 1) {
                offset = key?.range?.[0] ?? offset;
                break;
            }
            node = pair.value as YamlNode | null;
            offset = node?.range?.[0] ?? key?.range?.[0] ?? offset;
        } else if (isSeq(node) && typeof segment === 'number') {
            node = node.items[segment] as YamlNode | null;
            offset = node?.range?.[0] ?? offset;
        } else {
            break;
        }
    }
    const position = lines.linePos(offset);
    return { line: position.line, column: position.col };
}

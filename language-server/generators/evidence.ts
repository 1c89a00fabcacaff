import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { compareText, type Finding } from '../findings.js';
import type { EvidenceEntry, EvidenceStatus } from './model.js';
import type { EvidenceSet } from './input.js';
import { relativeFile } from './spec-index.js';
import { EVIDENCE_SCHEMA } from './schemas.js';

/**
 * Evidence files: YAML that teams write next to the spec to record what has been done. A workspace root's
 * evidence is every `*.yaml` / `*.yml` file in its `evidence/` folder (and below), plus any `*.evidence.yaml`
 * file anywhere under the root. Folders that are workspace roots of their own are left to them. The tool reads
 * these files and never writes them.
 */
export const EVIDENCE_FOLDER = 'evidence';
/** Larger evidence files are refused rather than parsed. */
export const MAX_EVIDENCE_BYTES = 1024 * 1024;
/** Aliases an evidence file may expand; more is an alias bomb, not evidence. */
export const MAX_EVIDENCE_ALIASES = 100;

const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist']);

export async function findEvidenceFiles(root: string): Promise<string[]> {
    const found: string[] = [];
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
                if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) {
                    continue;
                }
                const nestedRoot = await exists(path.join(full, 'interspec.yaml'));
                if (!nestedRoot) {
                    await walk(full, inEvidence || (folder === root && entry.name === EVIDENCE_FOLDER));
                }
            } else if (entry.isFile() && (/\.evidence\.ya?ml$/.test(entry.name) || (inEvidence && /\.ya?ml$/.test(entry.name)))) {
                found.push(full);
            }
        }
    };
    await walk(root, false);
    return found.sort(compareText);
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
    const files = await findEvidenceFiles(root);
    const set: EvidenceSet = { files: files.map(file => relativeFile(root, file)), entries: [], findings: [] };
    for (const file of files) {
        const result = await readEvidenceFile(root, file);
        set.entries.push(...result.entries);
        set.findings.push(...result.findings);
    }
    return set;
}

let validator: ValidateFunction | undefined;

export async function readEvidenceFile(root: string, file: string): Promise<{ entries: EvidenceEntry[], findings: Finding[] }> {
    const problem = (line: number, column: number, key: string, message: string) => ({
        entries: [], findings: [evidenceFinding(file, line, column, 'evidence-invalid', 'error', `${key ? `${key}: ` : ''}${message}`)]
    });
    let text: string;
    try {
        const size = (await stat(file)).size;
        if (size > MAX_EVIDENCE_BYTES) {
            return problem(1, 1, '', `the file is ${size} bytes; evidence files are limited to ${MAX_EVIDENCE_BYTES} bytes`);
        }
        text = await readFile(file, 'utf8');
    } catch {
        return problem(1, 1, '', 'cannot read the evidence file');
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
    validator ??= new Ajv({ allErrors: true, strict: false }).compile(EVIDENCE_SCHEMA);
    if (!validator(value)) {
        const findings = uniqueErrors(validator.errors ?? []).map(error => {
            const segments = pointerSegments(error.instancePath);
            const extra = error.keyword === 'additionalProperties' ? String((error.params as { additionalProperty: string }).additionalProperty) : undefined;
            const keySegments = extra ? [...segments, extra] : segments;
            const { line, column } = locate(document, lines, keySegments, extra !== undefined);
            return evidenceFinding(file, line, column, 'evidence-invalid', 'error', `${keyPath(keySegments) || '(file)'}: ${describe(error, extra)}`);
        });
        return { entries: [], findings };
    }
    const data = value as { evidence: Array<Omit<EvidenceEntry, 'file' | 'line'>> };
    const relative = relativeFile(root, file);
    const entries = data.evidence.map((entry, index) => {
        const { line, column } = locate(document, lines, ['evidence', index, 'id'], false);
        const result: EvidenceEntry = { id: entry.id, status: entry.status as EvidenceStatus, file: relative, line, column };
        for (const key of ['by', 'date', 'link', 'note'] as const) {
            if (entry[key] !== undefined) {
                result[key] = String(entry[key]);
            }
        }
        return result;
    });
    return { entries, findings: [] };
}

export function evidenceFinding(file: string, line: number, column: number, code: string, severity: 'error' | 'warning', message: string): Finding {
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

/*
 * The corpus harness's helpers: read the manifests, run the real CLI on a twin, find the top-level element that
 * encloses a line, and score planted failures against findings. Written without reference to the rules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO, runCli } from '../cli/run-cli.js';

/** The corpus folder, relative to the repository root (data paths in this harness are repo-relative). */
export const CORPUS = path.join('test', 'corpus');

/** One planted failure from a theme's manifest.yaml: a 1-based line in the planted twin, the rule that should catch it. */
export interface Plant { theme: string, file: string, line: number, rule: string, kind: string, why: string }

/** One finding of `interspec check --format json`, with its file made relative to the twin folder. */
export interface Finding { file: string, line: number, column: number, severity: string, rule: string, message: string }

/** The themes: every folder of the corpus that holds a manifest.yaml, sorted for deterministic output. */
export function themes(): string[] {
    return readdirSync(path.join(REPO, CORPUS))
        .filter(name => statSync(path.join(REPO, CORPUS, name)).isDirectory())
        .filter(name => { try { return statSync(path.join(REPO, CORPUS, name, 'manifest.yaml')).isFile(); } catch { return false; } })
        .sort();
}

/** Reads a theme's manifest; throws with the theme name when an entry lacks a field. */
export function readManifest(theme: string): Plant[] {
    const doc = parse(readFileSync(path.join(REPO, CORPUS, theme, 'manifest.yaml'), 'utf8')) as { planted?: Array<Record<string, unknown>> };
    return (doc.planted ?? []).map((entry, index) => {
        for (const key of ['file', 'line', 'rule', 'why']) {
            if (entry[key] === undefined) {
                throw new Error(`${theme}/manifest.yaml: entry ${index + 1} has no '${key}'`);
            }
        }
        return {
            theme, file: String(entry.file), line: Number(entry.line), rule: String(entry.rule),
            kind: String(entry.kind ?? ''), why: String(entry.why)
        };
    });
}

/** The product's rule ids, from `interspec rules --format json` (the public catalogue). */
export function ruleIds(): Set<string> {
    const result = runCli(['rules', '--format', 'json']);
    const doc = JSON.parse(result.stdout) as { rules: Array<{ id: string }> };
    return new Set(doc.rules.map(rule => rule.id));
}

/** Runs `interspec check <twin> --format json` and returns its findings with file paths relative to the twin. */
export function check(twin: string): Finding[] {
    const result = runCli(['check', twin, '--format', 'json']);
    if (result.status !== 0 && result.status !== 1) {
        throw new Error(`interspec check ${twin} exited ${result.status}: ${result.stderr}`);
    }
    const report = JSON.parse(result.stdout) as { findings: Finding[] };
    const root = path.resolve(REPO, twin);
    return report.findings.map(finding => ({ ...finding, file: path.relative(root, path.resolve(REPO, finding.file)).split(path.sep).join('/') }));
}

const TOP_LEVEL = /^(import|team|role|system|site|data|interface|gate|change|change-authority|rollout)\b/;

/**
 * The 1-based line range [start, end] of every top-level `{ … }` block of an .ispec text. A block starts at the
 * line of its element's keyword (not at a doc comment above it) and ends at its closing brace. Braces inside
 * strings and comments are ignored.
 */
export function topLevelBlocks(text: string): Array<[number, number]> {
    const blocks: Array<[number, number]> = [];
    let depth = 0, line = 1, header = 1, start = 0, atLineStart = true;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\n') { line++; atLineStart = true; continue; }
        if (c === '/' && text[i + 1] === '/') { while (i + 1 < text.length && text[i + 1] !== '\n') i++; continue; }
        if (c === '/' && text[i + 1] === '*') {
            i += 2;
            while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) { if (text[i] === '\n') line++; i++; }
            i++;
            continue;
        }
        if (c === '"') {
            i++;
            while (i < text.length && text[i] !== '"') { if (text[i] === '\\') i++; else if (text[i] === '\n') line++; i++; }
            atLineStart = false;
            continue;
        }
        if (c === ' ' || c === '\t' || c === '\r') continue;
        if (atLineStart && depth === 0 && TOP_LEVEL.test(text.slice(i, i + 20))) header = line;
        atLineStart = false;
        if (c === '{') { if (depth === 0) start = header; depth++; }
        else if (c === '}' && depth > 0) { depth--; if (depth === 0) blocks.push([start, line]); }
    }
    return blocks;
}

/** Whether a finding counts for a plant: same file and rule, on the planted line or inside its top-level block. */
export function catches(plant: Plant, finding: Finding, blocks: Array<[number, number]>): boolean {
    if (finding.file !== plant.file || finding.rule !== plant.rule) {
        return false;
    }
    if (finding.line === plant.line) {
        return true;
    }
    const block = blocks.find(([start, end]) => start <= plant.line && plant.line <= end);
    return block !== undefined && block[0] <= finding.line && finding.line <= block[1];
}

import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import {
    buildChecklists, CHECKLIST_FORMATS, generateChecklist, generateTestMatrix, loadGeneratorInput, MATRIX_FORMATS, type GeneratorInput
} from '../../language-server/generators/index.js';
import { findRule } from '../../language-server/rules/registry.js';
import { runCli } from '../cli/run-cli.js';
import { writeWorkspace } from '../support/workspace.js';

/** The repository root: mocha runs from it. */
export const REPO = process.cwd();
export const LAB_FIXTURE = path.join(REPO, 'test/fixtures/generators/lab');

/** One feed at one site and a gate with one criterion covering it: the smallest spec whose gate evidence can decide. */
export const GATE_SPEC = `
team LabIT
system LIS { kind LIS }
system EHR { kind EHR }
site North { timezone "UTC" }
interface Feed { from LIS to EHR owner LabIT sites North message ORU^R01 }
gate Go { site North approver LabIT criterion Sim { question exceptions evidence "log" approver LabIT covers Feed } }
`;

export { specWithText } from '../support/hostile-spec.js';

/** Builds a folder the way the CLI does and loads its generator input. */
export async function loadInput(root: string): Promise<GeneratorInput> {
    const workspace = await buildWorkspace([root]);
    return loadGeneratorInput(workspace.services, root);
}

/**
 * Writes the files to a temp workspace and loads it. With `structuralOnly`, rule findings are left out, for
 * tests about gate decisions that would otherwise depend on every rule the small spec breaks.
 */
export async function inputFromFiles(files: Record<string, string>, options: { structuralOnly?: boolean } = {}): Promise<GeneratorInput & { folder: string }> {
    const folder = writeWorkspace(files);
    const input = await loadInput(folder);
    const findings = options.structuralOnly ? input.findings.filter(finding => !findRule(finding.code)) : input.findings;
    return { ...input, findings, folder };
}

/** Every output of a workspace, by file name (matrix.md, checklist.json...). */
export async function allOutputs(input: GeneratorInput): Promise<Record<string, string>> {
    const extension = { markdown: 'md', csv: 'csv', json: 'json', html: 'html', text: 'txt' } as const;
    const outputs: Record<string, string> = {};
    for (const format of MATRIX_FORMATS) {
        outputs[`matrix.${extension[format]}`] = await generateTestMatrix(input, format);
    }
    for (const format of CHECKLIST_FORMATS) {
        outputs[`checklist.${extension[format]}`] = await generateChecklist(input, undefined, format);
    }
    return outputs;
}

/** Example workspaces shipped in examples/ (each folder with an interspec.yaml). */
export function exampleRoots(): string[] {
    const folder = path.join(REPO, 'examples');
    if (!existsSync(folder)) {
        return [];
    }
    return readdirSync(folder, { withFileTypes: true })
        .filter(entry => entry.isDirectory() && existsSync(path.join(folder, entry.name, 'interspec.yaml')))
        .map(entry => path.join(folder, entry.name))
        .sort();
}

/** The standard output of `interspec matrix|checklist <root> --format <format>`, run as CI runs it; the run must succeed. */
export function generatedByCli(root: string, kind: 'matrix' | 'checklist', format: string): string {
    const result = runCli([kind, root, '--format', format]);
    assert.ok(result.status === 0, result.stderr);
    return result.stdout;
}

/** The published schema file, compiled. */
export function schemaValidator(file: string) {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'schemas', file), 'utf8'));
    return new Ajv({ allErrors: true, strict: true }).compile(schema);
}

/** Compares text with a committed file, or rewrites the file when UPDATE_GOLDEN=1. */
export function matchesGolden(file: string, actual: string): { ok: true } | { ok: false, message: string } {
    if (process.env.UPDATE_GOLDEN === '1') {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, actual);
        return { ok: true };
    }
    if (!existsSync(file)) {
        return { ok: false, message: `${path.relative(REPO, file)} does not exist; run UPDATE_GOLDEN=1 npm test and review it` };
    }
    const expected = readFileSync(file, 'utf8');
    if (expected === actual) {
        return { ok: true };
    }
    const expectedLines = expected.split('\n');
    const actualLines = actual.split('\n');
    const line = expectedLines.findIndex((text, index) => text !== actualLines[index]);
    return {
        ok: false,
        message: `${path.relative(REPO, file)} differs at line ${line + 1}:\n- ${expectedLines[line]}\n+ ${actualLines[line]}\n`
            + 'If the change is intended, run UPDATE_GOLDEN=1 npm test and review the diff.'
    };
}

/** One evidence entry as an evidence file writes it (YAML, the id quoted so that any character survives). */
export function evidenceEntry(id: string, status: string, date: string): string {
    return `  - id: "${id}"\n    status: ${status}\n    by: QA\n    date: ${date}\n`;
}

/**
 * An evidence file passing every checklist item and test case of GATE_SPEC's gate Go (dated 2026-10-01): the
 * base a test adds one entry to and expects the gate to turn NO-GO.
 */
export async function everyItemOfGatePassed(): Promise<string> {
    const empty = await inputFromFiles({ 'spec.ispec': GATE_SPEC }, { structuralOnly: true });
    const ids = [...new Set(buildChecklists(empty, 'Go')[0].groups.flatMap(group => group.items.flatMap(item => [item.id, ...item.tests])))];
    return 'evidence:\n' + ids.map(id => evidenceEntry(id, 'passed', '2026-10-01')).join('');
}

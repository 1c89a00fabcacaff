import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { glob } from 'glob';
import { AstUtils, GrammarUtils, URI, type AstNode, type LangiumDocument } from 'langium';
import type { RuleSeverity } from '../config/index.js';
import type { InterspecCoreServices } from '../language/interspec-module.js';
import { isInterface, type Interface, type Model } from '../language/generated/ast.js';
import { isInside } from '../language/interspec-workspace.js';
import { interfaceStandard } from '../model/field-kinds.js';
import { findSuppression } from '../engine/suppressions.js';
import { EngineIssue } from '../model/finding-codes.js';
import type { Finding, FindingSeverity, RelatedLocation } from '../model/findings.js';
import { ALL_RULE_CHECKS } from '../rules/registry.js';
import type { RuleCheck } from '../rules/rule.js';
import { fhirVersionOf, resourceTypeRange, type SampleResource } from './fhir-check.js';
import { fhirMismatch, matchFhirResource } from './fhir-match.js';
import { matchInterface, mismatch, specMessageOf } from './match.js';
import { iterateHl7v2, readFhirJson, readFhirNdjsonStream, readHl7v2File, type FhirResource, type ReadProblem, type TextRange } from './read/index.js';
import { messageTypeRange, type SampleFinding, type SampleMessage, type SampleReport, type SampleVisitor } from './sample-check.js';

/**
 * Runs the sample rules (rules of `scope: 'samples'`) over captured message files: the `samples "<glob>"` of the
 * interfaces of the checked specs, and the files given on the command line (`interspec check --samples`). Each file
 * is streamed message by message; each message is matched to one interface (or taken as the one `--interface` or
 * the spec's `samples` names) and handed to every sample rule that is on for the workspace root. Findings point at
 * the sample file, with the spec's mapping as related location; read problems, unmatched and ambiguous messages
 * are `sample-structure` findings.
 */

export interface SampleRunOptions {
    /** Absolute paths of sample files given on the command line. */
    readonly files?: readonly string[];
    /** Check the command line's files against this interface instead of matching each message. */
    readonly iface?: Interface;
    /** Findings listed per sample file; one more finding stands for the rest. Default 1000. */
    readonly maxFindingsPerFile?: number;
    /** Told of every checked message and every rule finding (the test matrix's observations: generators/sample-observations.ts). */
    readonly observer?: SampleObserver;
    /**
     * The text to check instead of a file's bytes on disk, or undefined to read the file: the editor's text of an open
     * sample file with unsaved edits (lsp/sample-results.ts). The text is already decoded (MSH-18 is not applied).
     */
    readonly textOf?: (file: string) => string | undefined;
}

/**
 * What a run tells an observer: each message or resource once its rules ran, with the ids of the rules that ran on
 * it to the end (on, and not crashed), and each finding a rule reports, before the per-file cap and with whether a
 * `suppress` holds it.
 */
export interface SampleObserver {
    sample?(sample: SampleMessage | SampleResource, rules: readonly string[]): void;
    finding?(rule: string, finding: SampleFinding, suppressed: boolean): void;
}

export interface SampleRunResult {
    readonly findings: Finding[];
    /** Every sample file read, sorted. */
    readonly files: string[];
    /** Messages read, over all files. */
    readonly messages: number;
}

const STRUCTURE = 'sample-structure';
const FHIR_FILE = /\.(json|ndjson)$/i;
/** A FHIR JSON file (not NDJSON) is read whole; larger ones are a finding. */
const MAX_FHIR_JSON_BYTES = 64 * 1024 * 1024;

/** The sample rules, in catalogue order. */
export function sampleRules(): RuleCheck[] {
    return ALL_RULE_CHECKS.filter(rule => rule.scope === 'samples' && rule.samples !== undefined);
}

/** Runs the sample rules. `documents` are the checked specs (their `samples` are read); `all` every built document (their interfaces are matched). */
export async function checkSamples(services: InterspecCoreServices, documents: readonly LangiumDocument<Model>[], all: readonly LangiumDocument<Model>[], options: SampleRunOptions = {}): Promise<SampleRunResult> {
    const run = new SampleRun(services, options.maxFindingsPerFile ?? 1000, options.observer, options.textOf);
    const interfaces = all.flatMap(document => document.parseResult.value.elements.filter(isInterface));
    const assigned = new Map<string, Interface>();
    for (const document of documents) {
        for (const iface of document.parseResult.value.elements.filter(isInterface)) {
            for (const file of await run.resolveSpecSamples(document, iface)) {
                if (!assigned.has(file)) assigned.set(file, iface);
            }
        }
    }
    for (const file of options.files ?? []) {
        if (!assigned.has(file)) assigned.set(file, options.iface as Interface);
    }
    for (const [file, iface] of [...assigned].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        await run.checkFile(file, iface, interfaces);
    }
    run.end();
    return { findings: run.findings, files: [...assigned.keys()].sort(), messages: run.messages };
}

class SampleRun {
    readonly findings: Finding[] = [];
    messages = 0;
    private readonly visitors = new Map<string, Array<{ rule: RuleCheck, visitor: SampleVisitor, severity: Exclude<RuleSeverity, 'off'> }>>();
    private perFile = new Map<string, number>();

    constructor(private readonly services: InterspecCoreServices, private readonly maxFindingsPerFile: number, private readonly observer?: SampleObserver,
        private readonly textOf?: (file: string) => string | undefined) {}

    /** The files a `samples "<glob>"` of an interface matches, inside the workspace root; patterns that leave it or match nothing are findings. */
    async resolveSpecSamples(document: LangiumDocument<Model>, iface: Interface): Promise<string[]> {
        const root = this.rootOf(document.uri.fsPath);
        const folder = path.dirname(document.uri.fsPath);
        const files: string[] = [];
        for (const [index, pattern] of iface.samples.entries()) {
            const cst = GrammarUtils.findNodesForProperty(iface.$cstNode, 'samples')[index];
            const at = cst?.range;
            const stem = pattern.split(/[*?[{]/)[0];
            if (path.isAbsolute(pattern) || !isInside(path.resolve(folder, stem || '.'), root)) {
                this.specFinding(document, at, 'error', `samples "${pattern}" leaves the workspace root (${root}); samples must be inside the workspace, like imports.`);
                continue;
            }
            const matches = (await glob(pattern, { cwd: folder, absolute: true, nodir: true, ignore: ['**/node_modules/**'] }))
                .filter(file => isInside(file, root) && !file.endsWith('.ispec')).sort();
            if (matches.length === 0) {
                this.specFinding(document, at, 'warning', `samples "${pattern}" matches no file; interface ${iface.name} has no captured messages to check.`);
            }
            files.push(...matches);
        }
        return files;
    }

    /** Reads one sample file message by message and runs the sample rules on each message. */
    async checkFile(file: string, iface: Interface | undefined, interfaces: readonly Interface[]): Promise<void> {
        const text = this.textOf?.(file);
        const info = text === undefined ? await stat(file).catch(() => undefined) : undefined;
        if (text === undefined && !info?.isFile()) {
            this.sampleFinding(file, undefined, STRUCTURE, 'error', `${path.basename(file)} is not a readable file.`);
            return;
        }
        if (FHIR_FILE.test(file)) {
            await this.checkFhirFile(file, info?.size ?? Buffer.byteLength(text!), iface, interfaces, text);
            return;
        }
        for await (const item of text !== undefined ? iterateHl7v2(text) : readHl7v2File(file)) {
            if (item.kind === 'problem') {
                this.problem(file, item.problem);
                continue;
            }
            this.messages++;
            const message = item.message;
            for (const problem of message.problems) this.problem(file, problem);
            let target = iface;
            if (!target) {
                const matched = matchInterface(message, interfaces);
                if (matched.kind === 'ambiguous') {
                    this.sampleFinding(file, messageTypeRange(message), STRUCTURE, 'error',
                        `This message matches several interfaces: ${matched.candidates.map(c => c.name).join(', ')}; declare \`application "…"\` on their systems (MSH-3, MSH-5) or check with --interface.`);
                    continue;
                }
                if (matched.kind === 'unmatched') {
                    const candidates = matched.candidates.map(c => `${c.iface.name} (${c.reason})`).join('; ');
                    this.sampleFinding(file, messageTypeRange(message), STRUCTURE, 'error',
                        `This message matches no interface${candidates ? `; candidates: ${candidates}` : ': the workspace has no HL7 v2 interface'}.`);
                    continue;
                }
                target = matched.iface;
            } else {
                const reason = specMessageOf(target, message) ? mismatch(message, target) : undefined;
                if (reason) {
                    this.sampleFinding(file, messageTypeRange(message), STRUCTURE, 'error', `This message does not fit interface ${target.name}: ${reason}.`, target, findSuppression(target, STRUCTURE));
                }
            }
            const sample: SampleMessage = {
                file, message, iface: target, spec: specMessageOf(target, message),
                version: message.header.version || interfaceStandard(target)?.version
            };
            const ran = this.runRules(target, file, messageTypeRange(message), 'message', (visitor, report) => visitor.message(sample, report));
            this.observer?.sample?.(sample, ran);
        }
    }

    /**
     * FHIR samples: read (a resource, a Bundle's entries, or NDJSON lines), each resource matched to an interface by
     * the resource types its mappings name (or taken as the one `--interface` or the spec's `samples` names) and
     * handed to the sample rules that check FHIR.
     */
    private async checkFhirFile(file: string, size: number, iface: Interface | undefined, interfaces: readonly Interface[], text?: string): Promise<void> {
        if (/\.ndjson$/i.test(file)) {
            for await (const item of readFhirNdjsonStream(text !== undefined ? [text] : createReadStream(file))) {
                if (item.kind === 'problem') this.problem(file, item.problem);
                else this.checkResource(file, item.resource, iface, interfaces);
            }
            return;
        }
        if (size > MAX_FHIR_JSON_BYTES) {
            this.sampleFinding(file, undefined, STRUCTURE, 'error', `${path.basename(file)} is ${Math.round(size / 1048576)} MB, more than the ${MAX_FHIR_JSON_BYTES / 1048576} MB a FHIR JSON sample may have; write it as NDJSON, which is streamed.`);
            return;
        }
        const result = readFhirJson(text ?? await readFile(file));
        for (const problem of result.problems) this.problem(file, problem);
        for (const resource of result.resources) this.checkResource(file, resource, iface, interfaces);
    }

    /** One FHIR resource: matched (unless an interface is given) and handed to every sample rule with a `resource` check. */
    private checkResource(file: string, resource: FhirResource, iface: Interface | undefined, interfaces: readonly Interface[]): void {
        this.messages++;
        let target = iface;
        if (!target) {
            const matched = matchFhirResource(resource, interfaces);
            if (matched.kind === 'ambiguous') {
                this.sampleFinding(file, resourceTypeRange(resource), STRUCTURE, 'error',
                    `This ${resource.resourceType} matches several interfaces: ${matched.candidates.map(c => c.name).join(', ')}; they all map ${resource.resourceType} elements. Name the interface with \`samples "…"\` on it or check with --interface.`);
                return;
            }
            if (matched.kind === 'unmatched') {
                const candidates = matched.candidates.map(c => `${c.iface.name} (${c.reason})`).join('; ');
                this.sampleFinding(file, resourceTypeRange(resource), STRUCTURE, 'error',
                    `This ${resource.resourceType} matches no interface${candidates ? `; candidates: ${candidates}` : ': no interface of the workspace maps FHIR elements'}.`);
                return;
            }
            target = matched.iface;
        } else {
            const reason = fhirMismatch(resource, target);
            if (reason) {
                this.sampleFinding(file, resourceTypeRange(resource), STRUCTURE, 'error', `This ${resource.resourceType} does not fit interface ${target.name}: ${reason}.`, target, findSuppression(target, STRUCTURE));
                return;
            }
        }
        const sample: SampleResource = { file, resource, iface: target, version: fhirVersionOf(target) };
        const ran = this.runRules(target, file, resourceTypeRange(resource), 'resource',
            (visitor, report) => visitor.resource ? (visitor.resource(sample, report), true) : false);
        this.observer?.sample?.(sample, ran);
    }

    /**
     * Runs each sample rule of the interface on one message or resource (`visit` returns false for a rule that has no
     * visitor for it). A rule that throws becomes one internal-error finding at `range` and the others still run.
     * Returns the ids of the rules that ran to the end.
     */
    private runRules(target: Interface, file: string, range: TextRange | undefined, what: 'message' | 'resource',
        visit: (visitor: SampleVisitor, report: SampleReport) => boolean | void): string[] {
        const ran: string[] = [];
        for (const { rule, visitor, severity } of this.visitorsOf(target)) {
            try {
                if (visit(visitor, finding => this.report(rule.id, severity, finding, target)) === false) continue;
                ran.push(rule.id);
            } catch (error) {
                this.sampleFinding(file, range, EngineIssue.InternalError, 'error',
                    `Rule ${rule.id} failed on this ${what}: ${error instanceof Error ? error.message : String(error)}. This is a defect in Interspec; the other rules still ran.`);
            }
        }
        return ran;
    }

    /** Reports what the rules gathered over the whole run (codes per map, coverage). */
    end(): void {
        for (const list of this.visitors.values()) {
            for (const { rule, visitor, severity } of list) {
                visitor.end?.(finding => this.report(rule.id, severity, finding));
            }
        }
    }

    private visitorsOf(iface: Interface) {
        const document = AstUtils.getDocument(iface);
        const root = this.rootOf(document.uri.fsPath);
        let list = this.visitors.get(root);
        if (!list) {
            const configurations = this.services.engine.Configurations;
            const stored = configurations.storedOf(root);
            const relative = path.relative(root, document.uri.fsPath).split(path.sep).join('/');
            list = [];
            for (const rule of sampleRules()) {
                const severity = configurations.severityOf(stored, rule.id, relative);
                if (severity === 'off') continue;
                list.push({ rule, severity, visitor: rule.samples!.begin(configurations.optionsOf(stored, rule.id, relative)) });
            }
            this.visitors.set(root, list);
        }
        return list;
    }

    private rootOf(file: string): string {
        return this.services.shared.interspec.Workspace.rootOf(URI.file(file));
    }

    /**
     * A rule's finding, suppressed by the nearest `suppress <rule> because "…"` around the spec node it was checked
     * against (the mapping, its message, its interface), else around the interface of the message.
     */
    private report(ruleId: string, severity: Exclude<RuleSeverity, 'off'>, finding: SampleFinding, iface?: Interface): void {
        const level = capSeverity(severity, finding.severity);
        const anchor = finding.related ?? finding.node ?? iface;
        const suppressed = anchor ? findSuppression(anchor, ruleId) : undefined;
        this.observer?.finding?.(ruleId, finding, suppressed !== undefined);
        if (finding.file) {
            this.sampleFinding(finding.file, finding.range, ruleId, level, finding.message, finding.related, suppressed);
        } else if (finding.node) {
            const document = AstUtils.getDocument(finding.node);
            this.specFinding(document, finding.node.$cstNode?.range, level, finding.message, ruleId, suppressed);
        }
    }

    private problem(file: string, problem: ReadProblem): void {
        const at = { line: problem.line, column: problem.column, offset: problem.offset };
        this.sampleFinding(file, { start: at, end: at }, STRUCTURE, problem.severity, `${problem.message} (${problem.code})`);
    }

    private sampleFinding(file: string, range: TextRange | undefined, code: string, severity: FindingSeverity, message: string, related?: AstNode, suppressed?: string): void {
        const listed = this.perFile.get(file) ?? 0;
        this.perFile.set(file, listed + 1);
        if (listed > this.maxFindingsPerFile) return;
        if (listed === this.maxFindingsPerFile) {
            message = `More than ${this.maxFindingsPerFile} findings in this file; the rest are not listed.`;
            code = STRUCTURE;
            severity = 'warning';
            related = undefined;
            suppressed = undefined;
        }
        const start = range?.start ?? { line: 1, column: 1 };
        const end = range?.end ?? start;
        this.findings.push({
            file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, severity, message, code,
            ...(related ? { related: relatedLocation(related) } : {}),
            ...(suppressed !== undefined ? { suppressed } : {})
        });
    }

    private specFinding(document: LangiumDocument, range: { start: { line: number, character: number }, end: { line: number, character: number } } | undefined, severity: FindingSeverity, message: string, code = STRUCTURE, suppressed?: string): void {
        const start = range?.start ?? { line: 0, character: 0 };
        const end = range?.end ?? start;
        this.findings.push({
            file: document.uri.fsPath, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
            severity, message, code,
            ...(suppressed !== undefined ? { suppressed } : {})
        });
    }
}

function capSeverity(severity: Exclude<RuleSeverity, 'off'>, cap: 'warning' | 'info' | undefined): FindingSeverity {
    if (cap === 'info') return 'info';
    if (cap === 'warning' && severity === 'error') return 'warning';
    return severity;
}

/** The spec node a sample finding was checked against, as a related location (its first line). */
function relatedLocation(node: AstNode): RelatedLocation {
    const range = node.$cstNode?.range;
    const start = range?.start ?? { line: 0, character: 0 };
    const end = range && range.end.line === start.line ? range.end : start;
    const text = node.$cstNode?.text.split(/\r?\n/)[0].trim() ?? '';
    return {
        file: AstUtils.getDocument(node).uri.fsPath,
        line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
        message: text.length > 80 ? `${text.slice(0, 77)}...` : text
    };
}

import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { LanguageIssue } from './finding-codes.js';

export type FindingSeverity = 'error' | 'warning' | 'info';

/**
 * One problem found in a spec, in the shape every report (terminal, JSON, SARIF, annotations) starts from.
 * Lines and columns are 1-based, as people and CI systems count them.
 */
export interface Finding {
    /** Absolute file-system path. */
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: FindingSeverity;
    message: string;
    /** The rule id, or a code of model/finding-codes.ts such as `syntax`, `unresolved-reference`, `evidence-invalid`. */
    code: string;
    /** Set when the spec suppresses this finding: the reason it gives. Suppressed findings never fail a run. */
    suppressed?: string;
    /** Another place the finding concerns: for a finding in a captured sample, the spec's mapping it was checked against. */
    related?: RelatedLocation;
}

/** A place a finding refers to besides its own (1-based, like the finding's), with what is there. */
export interface RelatedLocation {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    message: string;
}

const SEVERITIES: Record<number, FindingSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

/** Turns the diagnostics of built documents into findings, sorted by file, position and code. */
export function collectFindings(documents: Iterable<LangiumDocument>): Finding[] {
    const findings: Finding[] = [];
    for (const document of documents) {
        for (const diagnostic of document.diagnostics ?? []) {
            findings.push(toFinding(document.uri.fsPath, diagnostic));
        }
    }
    return findings.sort(compareFindings);
}

export function toFinding(file: string, diagnostic: Diagnostic): Finding {
    const suppressed = (diagnostic.data as { suppressed?: unknown } | undefined)?.suppressed;
    return {
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: SEVERITIES[diagnostic.severity ?? 1],
        message: diagnostic.message,
        code: findingCode(diagnostic),
        ...(typeof suppressed === 'string' ? { suppressed } : {})
    };
}

/** Langium marks lexer, parser and linking problems with `data.code`; validators set `code`. */
export function findingCode(diagnostic: Diagnostic): string {
    const data = diagnostic.data as { code?: string } | undefined;
    switch (data?.code) {
        case 'lexing-error':
        case 'parsing-error':
            return LanguageIssue.Syntax;
        case 'linking-error':
            return LanguageIssue.UnresolvedReference;
    }
    const ruleId = (diagnostic.data as { ruleId?: unknown } | undefined)?.ruleId;
    if (typeof ruleId === 'string') {
        return ruleId;
    }
    return typeof diagnostic.code === 'string' ? diagnostic.code : data?.code ?? LanguageIssue.Structure;
}

export function compareFindings(a: Finding, b: Finding): number {
    return compareText(a.file, b.file) || a.line - b.line || a.column - b.column
        || compareText(a.code, b.code) || compareText(a.message, b.message);
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

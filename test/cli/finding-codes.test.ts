import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import {
    BROKEN_SPEC_CODES, EngineIssue, EvidenceIssue, FINDING_CODES, findingCodeInfo, GeneratorIssue, LanguageIssue, StructuralIssue,
    UNTRUSTED_EVIDENCE_CODES, type FindingCodeInfo
} from '../../language-server/model/finding-codes.js';
import { EngineIssue as EngineIssueOfEngine } from '../../language-server/engine/rule-runner.js';
import { StructuralIssue as StructuralIssueOfValidator } from '../../language-server/language/interspec-validator.js';
import { BROKEN_SPEC_CODES as BROKEN_OF_GENERATORS } from '../../language-server/generators/index.js';
import { findRule, RULES } from '../../language-server/rules/registry.js';
import { reportCatalog } from '../../src/cli/rule-catalog.js';
import { writeWorkspace } from '../support/workspace.js';
import { REPO, runCli } from './run-cli.js';

/** The official SARIF 2.1.0 schema the report tests validate against (test/schemas/README.md). */
function sarifValidator() {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'test/schemas/sarif-schema-2.1.0.json'), 'utf8'));
    // The schema's `language` pattern has a stray `]` that only non-unicode regular expressions accept.
    const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    return ajv.compile(schema);
}

/** The rows of docs/ci.md's table of codes, as the catalogue describes each code. */
function docRow(entry: FindingCodeInfo): string {
    const gates = entry.broken ? 'spec broken' : entry.untrustedEvidence ? 'evidence untrusted' : '';
    return `| \`${entry.code}\` | ${entry.severity} | ${gates} | ${entry.summary} ${entry.description} |`;
}

function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const file = path.join(dir, name);
        return statSync(file).isDirectory() ? (name === 'generated' ? [] : sourceFiles(file)) : name.endsWith('.ts') ? [file] : [];
    });
}

interface SarifLog {
    runs: Array<{
        tool: { driver: { rules: Array<{ id: string, shortDescription: { text: string }, fullDescription: { text: string }, help: { text: string, markdown: string }, helpUri: string }> } };
        results: Array<{ ruleId: string, ruleIndex?: number }>;
    }>;
}

/** Runs `check --format sarif` and checks every result names a rule the run describes; returns the codes found. */
function checkSarif(args: string[], cwd: string): Set<string> {
    const result = runCli(['check', ...args, '--format', 'sarif'], { cwd });
    assert.equal(result.status, 1, result.stderr);
    const log = JSON.parse(result.stdout) as SarifLog;
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, undefined, 2));
    const run = log.runs[0];
    const rules = run.tool.driver.rules;
    assert.deepEqual(rules.map(rule => rule.id), reportCatalog().map(rule => rule.id), 'every rule and every other code, sorted');
    const codes = new Set<string>();
    for (const finding of run.results) {
        assert.equal(typeof finding.ruleIndex, 'number', `${finding.ruleId} has a ruleIndex`);
        const rule = rules[finding.ruleIndex!];
        assert.equal(rule.id, finding.ruleId);
        assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown && rule.helpUri, `${rule.id} is described`);
        assert.ok(findRule(finding.ruleId) || findingCodeInfo(finding.ruleId), `${finding.ruleId} is a rule or a catalogued code`);
        codes.add(finding.ruleId);
    }
    return codes;
}

describe('cli: the catalogue of finding codes that are not rules', function () {
    this.timeout(120_000);

    it('describes every code the core reports that is not a rule, once, with the values they always had', () => {
        const groups = [LanguageIssue, StructuralIssue, EngineIssue, GeneratorIssue, EvidenceIssue];
        const declared = groups.flatMap(group => Object.values(group) as string[]);
        const catalogued = FINDING_CODES.map(entry => entry.code as string);
        assert.deepEqual([...catalogued].sort(), [...declared].sort());
        assert.equal(new Set(catalogued).size, catalogued.length, 'each code once');
        for (const entry of FINDING_CODES) {
            assert.ok(!findRule(entry.code), `${entry.code} is not also a rule id`);
            assert.match(entry.summary, /^\S.*\.$/, `${entry.code}: a one-line summary`);
            assert.ok(entry.description.length > entry.summary.length / 2, `${entry.code}: a description`);
            assert.ok(!entry.description.includes('|') && !entry.summary.includes('|'), `${entry.code}: fits a Markdown table`);
        }
        // The engine and the structural checks report the catalogue's constants (re-exported where they were).
        assert.equal(EngineIssueOfEngine, EngineIssue);
        assert.equal(StructuralIssueOfValidator, StructuralIssue);
        assert.deepEqual(EngineIssue, { Suppression: 'suppression', Config: 'config', InternalError: 'internal-error' });
        assert.deepEqual(LanguageIssue, { Syntax: 'syntax', UnresolvedReference: 'unresolved-reference', Structure: 'structure' });
    });

    it('derives the codes that break the spec and those that make the evidence untrusted', () => {
        assert.equal(BROKEN_OF_GENERATORS, BROKEN_SPEC_CODES);
        assert.deepEqual([...BROKEN_SPEC_CODES].sort(), ['duplicate-local-name', 'duplicate-name', 'import-missing', 'internal-error', 'syntax', 'test-id-collision', 'unresolved-reference']);
        assert.deepEqual([...UNTRUSTED_EVIDENCE_CODES].sort(), ['evidence-conflict', 'evidence-date', 'evidence-id-case', 'evidence-invalid', 'evidence-skipped']);
    });

    it('is the only place a code is written as a string (language-server/ and src/)', () => {
        // Codes that are also ordinary words (syntax, structure, config, suppression) are left out of the search.
        const distinctive = FINDING_CODES.map(entry => entry.code).filter(code => code.includes('-'));
        const pattern = new RegExp(`['"](${distinctive.join('|')})['"]`);
        const offenders: string[] = [];
        for (const file of [...sourceFiles(path.join(REPO, 'language-server')), ...sourceFiles(path.join(REPO, 'src'))]) {
            if (file.endsWith(path.join('model', 'finding-codes.ts'))) continue;
            readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
                if (pattern.test(line)) offenders.push(`${path.relative(REPO, file)}:${index + 1}: ${line.trim()}`);
            });
        }
        assert.deepEqual(offenders, [], 'use the constants of language-server/model/finding-codes.ts');
    });

    it('docs/ci.md lists every code as the catalogue describes it', () => {
        const doc = readFileSync(path.join(REPO, 'docs', 'ci.md'), 'utf8');
        const section = doc.slice(doc.indexOf('\n## Structural problems\n'));
        assert.ok(section.length > 1, 'docs/ci.md has the section the editor links to');
        const table = ['| code | severity | every gate NO-GO | meaning |', '| --- | --- | --- | --- |', ...FINDING_CODES.map(docRow)].join('\n');
        assert.ok(section.includes(`\n${table}\n`), `docs/ci.md's table is out of step with language-server/model/finding-codes.ts; it should read:\n${table}\n`);
        assert.equal(section.split('\n').filter(line => line.startsWith('| `')).length, FINDING_CODES.length, 'no other row');
    });

    it('SARIF describes every code a result carries: examples/flawed', () => {
        assert.ok(existsSync(path.join(REPO, 'examples', 'flawed', 'interspec.yaml')));
        const codes = checkSarif(['examples/flawed'], REPO);
        assert.ok([...codes].filter(code => findRule(code)).length >= 20, [...codes].join(', '));
    });

    it('SARIF describes every code a result carries: a syntax error, a bad suppression, evidence problems, an unresolved name', () => {
        const root = writeWorkspace({
            'org.ispec': 'team LabIT "Laboratory IT"\n',
            'broken.ispec': 'import "org.ispec"\nsystem LIS { owner LabIT }\nsystem {\n',
            'suppressed.ispec': 'import "org.ispec"\nsystem RIS {\n    owner LabIT\n    suppress no-such-rule because "it does not apply"\n}\n',
            'unresolved.ispec': 'system PACS { owner Nobody }\n',
            'evidence/malformed.yaml': 'evidence:\n  - id: [unclosed\n',
            'evidence/unknown.yaml': 'evidence:\n  - id: NoGate.NoCriterion\n    status: passed\n    by: QA\n    date: 2020-01-01\n'
        });
        const codes = checkSarif(['.'], root);
        for (const code of [LanguageIssue.Syntax, LanguageIssue.UnresolvedReference, EngineIssue.Suppression, EvidenceIssue.Invalid, EvidenceIssue.UnknownId]) {
            assert.ok(codes.has(code), `${code} among ${[...codes].join(', ')}`);
        }
    });

    it('a bad interspec.yaml stops check before any report (exit 2); the editor reports it as `config`, which SARIF describes', () => {
        const root = writeWorkspace({ 'interspec.yaml': 'rules:\n  units: bogus\n', 'a.ispec': 'team T\n' });
        const result = runCli(['check', '--format', 'sarif'], { cwd: root });
        assert.equal(result.status, 2);
        assert.equal(result.stdout, '');
        assert.match(result.stderr, /interspec\.yaml:2:10: .*severity/);
        assert.ok(reportCatalog().some(rule => rule.id === EngineIssue.Config && rule.structural));
    });

    it('reports describe the codes as always on, with the severity they have and the page that lists them', () => {
        const catalog = new Map(reportCatalog().map(rule => [rule.id, rule]));
        assert.equal(catalog.size, RULES.length + FINDING_CODES.length);
        for (const entry of FINDING_CODES) {
            const rule = catalog.get(entry.code)!;
            assert.deepEqual([rule.area, rule.defaultSeverity, rule.summary, rule.description], ['structure', entry.severity, entry.summary, entry.description]);
            assert.ok(rule.helpUri.endsWith('docs/ci.md#structural-problems'), rule.helpUri);
        }
    });
});

import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { writeWorkspace } from '../support/workspace.js';
import { existsSync } from 'node:fs';
import { FLAWED_SPEC, RULE_SPEC } from './fixtures.js';
import { REPO, runCli } from './run-cli.js';

/** The official SARIF 2.1.0 schema (vendored from an npm package; see test/schemas/README.md). */
function sarifValidator() {
    const schema = JSON.parse(readFileSync(path.join(REPO, 'test/schemas/sarif-schema-2.1.0.json'), 'utf8'));
    // The schema's `language` pattern has a stray `]` that only non-unicode regular expressions accept.
    const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    return ajv.compile(schema);
}

function parseXml(text: string) {
    const errors: string[] = [];
    const document = new DOMParser({ onError: (level, message) => { errors.push(`${level}: ${message}`); } })
        .parseFromString(text, 'text/xml');
    assert.deepEqual(errors, []);
    return document;
}

const SPEC = {
    'org.ispec': 'team LabIT "Laboratory IT"\n',
    'lab.ispec': 'import "org.ispec"\nsystem LIS { owner LabITT }\nsystem RIS { owner Nobody }\n',
    'dir with space/x.ispec': 'team X\nteam X\n'
};

/** examples/flawed (every rule failing on purpose), or a temp stand-in until the repository has it. */
function flawedWorkspace(): { cwd: string, target: string } {
    if (existsSync(path.join(REPO, 'examples/flawed/interspec.yaml'))) {
        return { cwd: REPO, target: 'examples/flawed' };
    }
    return { cwd: writeWorkspace({ 'interspec.yaml': 'rules:\n  units: error\n', 'flawed.ispec': FLAWED_SPEC }), target: '.' };
}

describe('cli: report formats', function () {
    // Each test runs the built CLI several times; a loaded CI machine needs more than the default timeout.
    this.timeout(120_000);

    it('writes SARIF of the flawed example that validates and matches the JSON findings one for one', () => {
        const { cwd, target } = flawedWorkspace();
        const out = path.join(writeWorkspace({}, false), 'flawed.sarif');
        const result = runCli(['check', target, '--format', 'json', '--format', 'sarif', '-o', out], { cwd });
        assert.equal(result.status, 1, result.stderr);
        const json = JSON.parse(result.stdout);
        const log = JSON.parse(readFileSync(out, 'utf8'));
        const validate = sarifValidator();
        const valid: boolean = validate(log);
        assert.ok(valid, JSON.stringify(validate.errors, undefined, 2));
        const run = log.runs[0];
        const rules = run.tool.driver.rules as Array<{ id: string, helpUri: string, help: { markdown: string } }>;
        assert.equal(run.results.length, json.findings.length);
        const ruleIds = new Set<string>();
        run.results.forEach((sarif: { ruleId: string, ruleIndex: number, message: { text: string }, suppressions?: Array<{ kind: string, justification: string }>, locations: Array<{ physicalLocation: { artifactLocation: { uri: string }, region: { startLine: number, startColumn: number } } }> }, i: number) => {
            const finding = json.findings[i];
            assert.equal(sarif.ruleId, finding.rule);
            assert.equal(rules[sarif.ruleIndex].id, finding.rule);
            assert.equal(sarif.message.text, finding.message);
            assert.equal(decodeURIComponent(sarif.locations[0].physicalLocation.artifactLocation.uri), finding.file);
            assert.equal(sarif.locations[0].physicalLocation.region.startLine, finding.line);
            assert.equal(sarif.locations[0].physicalLocation.region.startColumn, finding.column);
            assert.deepEqual(sarif.suppressions, finding.suppressed === undefined ? undefined : [{ kind: 'inSource', justification: finding.suppressed }]);
            ruleIds.add(finding.rule);
        });
        assert.ok(ruleIds.size >= 5, [...ruleIds].join(', '));
        if (target === '.') {
            // The stand-in suppresses one finding; examples/flawed may or may not (RULE_SPEC's test covers suppressions).
            assert.ok(json.findings.some((f: { suppressed?: string }) => f.suppressed !== undefined), 'the stand-in suppresses a finding');
        }
        for (const id of ruleIds) {
            const rule = rules.find(r => r.id === id)!;
            if (!rule.helpUri.endsWith('#structural-problems')) {
                assert.ok(rule.helpUri.endsWith(`/docs/rules/${id}.md`), rule.helpUri);
            }
        }
    });

    it('writes SARIF 2.1.0 that validates against the official schema and carries what code scanning needs', () => {
        const root = writeWorkspace(SPEC);
        const result = runCli(['check', '--format', 'sarif', '-o', 'out.sarif'], { cwd: root });
        assert.equal(result.status, 1, result.stderr);
        const log = JSON.parse(readFileSync(path.join(root, 'out.sarif'), 'utf8'));
        const validate = sarifValidator();
        const valid: boolean = validate(log);
        assert.ok(valid, JSON.stringify(validate.errors, undefined, 2));
        assert.equal(log.version, '2.1.0');
        const run = log.runs[0];
        const driver = run.tool.driver;
        assert.equal(driver.name, 'interspec');
        assert.match(driver.version, /^\d+\.\d+\.\d+$/);
        assert.match(driver.informationUri, /^https:\/\//);
        assert.ok(driver.rules.length > 0);
        for (const rule of driver.rules) {
            assert.ok(rule.id && rule.shortDescription.text && rule.fullDescription.text, rule.id);
            assert.ok(rule.help.text && rule.help.markdown, rule.id);
            assert.match(rule.helpUri, /^https:\/\//);
        }
        assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), [...driver.rules.map((r: { id: string }) => r.id)].sort());
        assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${root}/`);
        assert.equal(run.results.length, 4);
        for (const result of run.results) {
            assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
            assert.equal(result.level, 'error');
            assert.ok(result.message.text);
            const location = result.locations[0].physicalLocation;
            assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
            assert.ok(!location.artifactLocation.uri.startsWith('/'));
            for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
                assert.equal(typeof location.region[key], 'number', key);
            }
            assert.match(result.partialFingerprints['interspecFinding/v1'], /^[0-9a-f]{32}$/);
        }
        const uris = run.results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri);
        assert.deepEqual(uris, ['dir%20with%20space/x.ispec', 'dir%20with%20space/x.ispec', 'lab.ispec', 'lab.ispec']);
    });

    it('marks findings suppressed in the spec with an inSource suppression and the reason', () => {
        const root = writeWorkspace({ 'a.ispec': RULE_SPEC });
        runCli(['check', '--format', 'sarif', '-o', 'out.sarif'], { cwd: root });
        const log = JSON.parse(readFileSync(path.join(root, 'out.sarif'), 'utf8'));
        const valid: boolean = sarifValidator()(log);
        assert.ok(valid);
        const results = log.runs[0].results as Array<{ ruleId: string, level: string, suppressions?: unknown[] }>;
        assert.deepEqual(results.map(r => [r.ruleId, r.level, r.suppressions]), [
            ['change-authority', 'warning', undefined],
            ['change-authority', 'note', [{ kind: 'inSource', justification: 'Covered by the vendor contract, see C-12' }]]
        ]);
        const rule = log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'change-authority');
        assert.equal(rule.helpUri, 'https://github.com/interspec/interspec/blob/main/docs/rules/change-authority.md');
        const junit = parseXml(runCli(['check', '--format', 'junit', '--fail-on', 'warning'], { cwd: root }).stdout);
        const failures = Array.from(junit.getElementsByTagName('failure'));
        assert.equal(failures.length, 1, 'the suppressed finding is not a failure');
    });

    it('keeps fingerprints when unrelated lines move, and distinguishes equal texts', () => {
        const root = writeWorkspace(SPEC);
        const prints = () => {
            runCli(['check', '--format', 'sarif', '-o', 'out.sarif'], { cwd: root });
            const results = JSON.parse(readFileSync(path.join(root, 'out.sarif'), 'utf8')).runs[0].results as Array<{ ruleId: string, message: { text: string }, partialFingerprints: Record<string, string>, locations: Array<{ physicalLocation: { region: { startLine: number } } }> }>;
            return new Map(results.map(r => [r.message.text, { print: r.partialFingerprints['interspecFinding/v1'], line: r.locations[0].physicalLocation.region.startLine }]));
        };
        const before = prints();
        writeFileSync(path.join(root, 'lab.ispec'), 'import "org.ispec"\n// a comment\n\nteam Added\nsystem LIS { owner LabITT }\nsystem RIS { owner Nobody }\n');
        const after = prints();
        for (const [message, { print, line }] of before) {
            if (message.includes('LabITT') || message.includes('Nobody')) {
                assert.equal(after.get(message)!.print, print, message);
                assert.equal(after.get(message)!.line, line + 3);
            }
        }
        const dupes = [...after.values()].filter((_, i) => i < 2);
        assert.equal(new Set([...after.values()].map(v => v.print)).size, after.size);
        assert.ok(dupes.length === 2);
    });

    it('writes JUnit XML that parses: one suite per file, one test case per file and rule, failures escaped', () => {
        const root = writeWorkspace({ ...SPEC, 'amp.ispec': 'system S { owner A_B }\n' });
        const result = runCli(['check', '--format', 'junit'], { cwd: root });
        assert.equal(result.status, 1, result.stderr);
        const document = parseXml(result.stdout);
        const suites = Array.from(document.getElementsByTagName('testsuite'));
        assert.deepEqual(suites.map(s => s.getAttribute('name')), ['amp.ispec', 'dir with space/x.ispec', 'lab.ispec', 'org.ispec']);
        const lab = suites[2];
        const cases = Array.from(lab.getElementsByTagName('testcase'));
        const names = cases.map(c => c.getAttribute('name'));
        assert.equal(new Set(names).size, names.length, 'one test case per rule');
        const failing = cases.filter(c => c.getElementsByTagName('failure').length > 0);
        assert.deepEqual(failing.map(c => c.getAttribute('name')), ['unresolved-reference']);
        assert.equal(failing[0].getElementsByTagName('failure').length, 1, 'the Ant schema allows one failure per test case');
        assert.match(failing[0].getElementsByTagName('failure')[0].getAttribute('message')!, /Unknown team or role 'LabITT'.*\(and 1 more\)/);
        assert.equal(failing[0].getElementsByTagName('failure')[0].textContent!.split('\n').length, 2);
        assert.equal(lab.getAttribute('failures'), '1');
        assert.equal(lab.getAttribute('tests'), String(cases.length));
    });

    it('keeps the Markdown summary short enough for a job summary, and escapes spec text', () => {
        const roles = Array.from({ length: 503 }, (_, i) => `role R${i} { team Missing${i} }`).join('\n');
        const root = writeWorkspace({ 'many.ispec': roles + '\n' });
        const summary = runCli(['check', '--format', 'markdown'], { cwd: root }).stdout;
        const rows = summary.split('\n').filter(line => line.startsWith('| ❌'));
        assert.equal(rows.length, 500);
        assert.match(summary, /…and 3 more; the other formats/);
        assert.match(summary, /^❌ 1 file checked: 503 errors\.$/m);
        const hostile = writeWorkspace({ 'a.ispec': RULE_SPEC.replace('Covered by the vendor contract, see C-12', '<b>bold</b> | [link](x)') });
        const escaped = runCli(['check', '--format', 'markdown'], { cwd: hostile }).stdout;
        assert.match(escaped, /<details><summary>1 suppressed finding<\/summary>/);
        assert.ok(escaped.includes('&lt;b&gt;bold&lt;/b&gt; \\| \\[link\\](x) |'), escaped);
    });

    it('escapes GitHub workflow command data and properties', () => {
        const root = writeWorkspace({ 'a,b:c%.ispec': 'system S { owner Missing }\n' });
        const result = runCli(['check', '--format', 'github'], { cwd: root });
        assert.equal(result.status, 1);
        assert.equal(result.stdout.split('\n').length, 2);
        assert.match(result.stdout, /^::error file=a%2Cb%3Ac%25\.ispec,line=1,col=18,endLine=1,endColumn=25,title=unresolved-reference::Unknown team or role 'Missing'\. Declare it, or check the spelling\.\n$/);
    });
});

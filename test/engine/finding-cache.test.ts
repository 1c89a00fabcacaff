import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI, type AstNode, type LangiumDocument } from 'langium';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import type { Model } from '../../language-server/language/generated/ast.js';
import { REGION_PARSE } from '../../language-server/language/region-parser.js';
import { ALL_RULE_CHECKS } from '../../language-server/rules/registry.js';
import type { RuleContext } from '../../language-server/rules/rule.js';
import { gate, iface, ORG, seededRandom, site } from '../support/synthetic-workspace.js';
import { writeWorkspace } from '../support/workspace.js';

/**
 * The rule engine runs a rule once per top-level element and, from the first edit on, reuses the findings of the
 * elements an edit left alone. What an element's findings depend on elsewhere (other elements of the same file
 * too) is the workspace facts, so a change there must re-run the rules everywhere.
 */
describe('rules: findings reused per element', function () {
    this.timeout(600000);
    const saved = REGION_PARSE.minChars;
    let root: string;
    let workspace: BuiltWorkspace;
    // Every element of the file below is its own region, so an edit keeps the other elements' objects.
    before(() => { REGION_PARSE.minChars = 0; });
    after(() => { REGION_PARSE.minChars = saved; });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    /** One file with everything: a gate depends on the interfaces of its own file through the workspace. */
    function oneFile(): string {
        const random = seededRandom(3);
        return ORG + site(1) + gate(1) + iface(1, ['Site1'], random) + iface(2, ['Site1'], random);
    }

    /** Each diagnostic as a line, with its `data`: what its quick fixes apply must not go stale either. */
    function lines(document: LangiumDocument): string[] {
        return (document.diagnostics ?? []).map(d =>
            `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${String(d.code)} ${d.message} ${JSON.stringify(d.data ?? null)}`).sort();
    }

    async function edit(change: (text: string) => string, file = 'all.ispec'): Promise<void> {
        const absolute = path.join(root, file);
        writeFileSync(absolute, change(readFileSync(absolute, 'utf8')));
        await workspace.shared.workspace.DocumentBuilder.update([URI.file(absolute)], []);
    }

    async function freshLines(): Promise<string[]> {
        const fresh = await buildWorkspace([root]);
        return lines(fresh.documents.find(d => d.uri.fsPath.endsWith('all.ispec'))!);
    }

    function current(): LangiumDocument {
        return workspace.shared.workspace.LangiumDocuments.all.find(d => d.uri.fsPath.endsWith('all.ispec'))!;
    }

    /** Counts the elements one rule is run on, by element name, while `body` runs. */
    async function runsOf(ruleId: string, body: () => Promise<void>): Promise<string[]> {
        const rule = ALL_RULE_CHECKS.find(r => r.id === ruleId)!;
        const original = rule.check;
        const seen: string[] = [];
        (rule as { check: (context: RuleContext) => void }).check = (context: RuleContext) => {
            seen.push(...context.model.elements.map(element => (element as AstNode & { name?: string }).name ?? element.$type));
            original.call(rule, context);
        };
        try {
            await body();
        } finally {
            (rule as { check: (context: RuleContext) => void }).check = original;
        }
        return seen;
    }

    it('a rule sees one top-level element at a time, and after an edit only the element the edit touched', async () => {
        root = writeWorkspace({ 'all.ispec': oneFile() });
        const built = await runsOf('interface-owner', async () => { workspace = await buildWorkspace([root]); });
        const model = workspace.documents[0].parseResult.value as Model;
        assert.equal(built.length, model.elements.length, 'once per element on the first build');
        assert.equal(new Set(built).size, built.length, 'each element alone');
        // The first edit turns the cache on; from the second on, an edit re-runs the rule on the edited element only.
        await edit(text => text.replace('"Results feed 1"', '"Results feed one"'));
        const second = await runsOf('interface-owner', () => edit(text => text.replace('"Results feed 2"', '"Results feed two"')));
        assert.deepEqual(second, ['Feed2']);
        assert.deepEqual(lines(current()), await freshLines());
    });

    it("an element's findings follow another element of the same file that they read through the workspace", async () => {
        root = writeWorkspace({ 'all.ispec': oneFile() });
        workspace = await buildWorkspace([root]);
        await edit(text => text.replace('"Results feed 1"', '"Results feed one"'));
        // Without the load-test criterion the gate misses a question for its critical interfaces.
        await edit(text => text.replace(/ {4}criterion Load .*\n/, ''));
        const coverage = () => lines(current()).filter(line => line.includes('gate-coverage'));
        const whileCritical = coverage();
        assert.ok(whileCritical.length > 0, 'the gate lacks load-test coverage for its critical interfaces');
        await edit(text => text.replaceAll('criticality critical', 'criticality low'));
        assert.notDeepEqual(coverage(), whileCritical, 'the unchanged gate was checked again');
        assert.deepEqual(lines(current()), await freshLines());
    });

    it("a data set's findings follow the interfaces that carry it and the imports of the file (found in review)", async () => {
        root = writeWorkspace({ 'all.ispec': oneFile() + 'data Vitals { owner LabIT classification internal retention 10y access Technologist }\n' });
        workspace = await buildWorkspace([root]);
        await edit(text => text.replace('"Results feed 1"', '"Results feed one"'));
        const audit = () => lines(current()).filter(line => line.includes('audit-trail'));
        assert.deepEqual(audit(), []);
        await edit(text => text.replace('carries Observations', 'carries Observations, Vitals'));
        assert.ok(audit().length > 0, 'Vitals now carries patient data through Feed1 and has no audit');
        assert.deepEqual(lines(current()), await freshLines());
        await edit(text => text.replace('carries Observations, Vitals', 'carries Observations'));
        assert.deepEqual(audit(), []);
        assert.deepEqual(lines(current()), await freshLines());
    });

    it('a changed interspec.yaml re-runs the rules on unchanged elements', async () => {
        root = writeWorkspace({ 'all.ispec': oneFile() });
        workspace = await buildWorkspace([root]);
        await edit(text => text.replace('"Results feed 1"', '"Results feed one"'));
        const escalations = () => lines(current()).filter(line => line.includes('exception-escalation'));
        assert.deepEqual(escalations(), []);
        // An urgent handler that answers in 15m is too slow once the limit is 10m.
        await edit(() => 'rules:\n  exception-escalation: [error, { max-response: { urgent: 10m } }]\n', 'interspec.yaml');
        assert.ok(escalations().length > 0, 'the new limit applies to elements the edit did not touch');
        assert.deepEqual(lines(current()), await freshLines());
    });

    it('after random edits of values other elements read, the diagnostics equal a full rebuild', async () => {
        root = writeWorkspace({ 'all.ispec': oneFile() });
        workspace = await buildWorkspace([root]);
        const random = seededRandom(29);
        const changes: Array<[RegExp, string[]]> = [
            [/criticality \w+/, ['criticality low', 'criticality critical']],
            [/sites Site\d/, ['sites Site1', 'sites Site2']],
            [/approver LabIT/, ['approver LabIT', 'approver HIM', 'approver Nobody']],
            [/classification \w+/, ['classification PHI', 'classification internal']],
            [/owner LabIT/, ['owner LabIT', 'owner HIM']],
            [/"Results feed \w+"/, ['"Results feed x"', '"Results feed y"']],
            // Renaming a team breaks the references to it: their did-you-mean quick fixes name the teams there are.
            [/team HIMS? "/, ['team HIM "', 'team HIMS "']],
            [/authority "urn:oid:[\d.]+"/, ['authority "urn:oid:2.16.840.1.113883.19.5"', 'authority "urn:oid:2.16.840.1.113883.19.6"']],
            [/ {4}criterion Load .*\n/, ['', '    criterion Load { question load-test evidence "Load report" approver LabIT load "3x peak" }\n']]
        ];
        for (let i = 0; i < 60; i++) {
            await edit(text => {
                const candidates = changes.filter(([pattern]) => pattern.test(text));
                const [pattern, options] = candidates[Math.floor(random() * candidates.length)];
                const matches = [...text.matchAll(new RegExp(pattern.source, 'g'))];
                const match = matches[Math.floor(random() * matches.length)];
                return text.slice(0, match.index) + options[Math.floor(random() * options.length)] + text.slice(match.index! + match[0].length);
            });
            assert.deepEqual(lines(current()), await freshLines(), `edit ${i + 1} diverged from a full rebuild`);
        }
    });
});

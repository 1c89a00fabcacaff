import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { buildEditorWorkspace } from '../support/editor-workspace.js';
import { collectFindings } from '../../language-server/model/findings.js';
import { writeWorkspace } from '../support/workspace.js';

/** Declarations the snippets below lean on, in a file they import. */
const PRELUDE = 'team Ops\nrole Nurse { team Ops duties care }\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';

/**
 * Writes the files, finds the diagnostic with `code` in `file`, asks the code action provider for its fixes and
 * applies the one with the given title (or the only one). Returns the new text and the findings after the fix.
 */
async function applyFix(files: Record<string, string>, file: string, code: string, title?: RegExp) {
    const root = writeWorkspace({ 'prelude.ispec': PRELUDE, ...files });
    const workspace = await buildEditorWorkspace([root]);
    const document = workspace.documents.find(d => d.uri.fsPath === path.join(root, file)) as LangiumDocument;
    const diagnostic = (document.diagnostics ?? []).find((d: Diagnostic) => d.code === code || (d.data as { code?: string })?.code === code);
    assert.ok(diagnostic, `no ${code} diagnostic in ${file}: ${JSON.stringify(document.diagnostics?.map(d => d.code))}`);
    const actions = await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.textDocument.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
    }) as CodeAction[];
    const action = title ? actions.find(a => title.test(a.title)) : actions[0];
    assert.ok(action, `no quick fix for ${code}`);
    const edits = action.edit!.changes![document.textDocument.uri];
    const text = TextDocument.applyEdits(TextDocument.create('x', 'interspec', 0, document.textDocument.getText()), edits);
    const after = await buildWorkspace([writeWorkspace({ 'prelude.ispec': PRELUDE, ...files, [file]: text })]);
    return {
        text, title: action.title,
        before: collectFindings(workspace.documents).filter(f => f.file.endsWith(file)).map(f => f.code),
        after: collectFindings(after.documents).filter(f => f.file.endsWith(file)).map(f => f.code)
    };
}

describe('rules: quick fixes', () => {
    it('interface-owner: takes the owner the spec gives the two systems; else leaves a comment only this rule reports', async () => {
        const sibling = await applyFix({ 'a.ispec': 'import "prelude.ispec"\ninterface Back { from B to A standard File owner Nurse }\ninterface Feed {\n    from A to B\n    standard File\n}\n' }, 'a.ispec', 'interface-owner');
        assert.match(sibling.text, /\ninterface Feed \{\n {4}from A to B\n {4}standard File\n {4}owner Nurse\n\}\n$/, 'the owner of the interface between the same systems');
        assert.deepEqual(sibling.after, []);
        const shared = await applyFix({ 'prelude.ispec': PRELUDE.replace('system A { kind X }\nsystem B { kind X }', 'system A { kind X owner Ops }\nsystem B { kind X owner Ops }'),
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B\n    standard File\n}\n' }, 'a.ispec', 'interface-owner');
        assert.match(shared.text, /\n {4}owner Ops\n\}\n$/, 'the owner both systems share');
        const { text, after } = await applyFix({ 'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B\n    standard File\n}\n' }, 'a.ispec', 'interface-owner');
        assert.equal(text, 'import "prelude.ispec"\ninterface Feed {\n    from A to B\n    standard File\n    // TODO: owner <the team or role that answers for this interface after go-live>\n}\n');
        assert.deepEqual(after, ['interface-owner'], 'no unresolved TODO name: the placeholder is reported once, by this rule');
    });

    it('exception-coverage: adds the domain\'s default handling per missing scenario beside the other handlers, escalating as they do', async () => {
        const { text, after } = await applyFix({
            'interspec.yaml': 'rules:\n  exception-coverage: [error, { required: [downtime, correction] }]\n  monitoring: off\n',
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops criticality critical\n    on downtime "queue" escalate Ops within 5m\n}\n'
        }, 'a.ispec', 'exception-coverage');
        assert.equal(text, 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops criticality critical\n    on downtime "queue" escalate Ops within 5m\n'
            + '    // The domain\'s default handling of correction: make it say what Feed\'s systems and staff do.\n'
            + '    on correction "The corrected message supersedes the previous one; the receiver shows it as corrected" escalate Ops within 5m\n}\n');
        assert.deepEqual(after, [], 'the finding is gone');
        const custom = await applyFix({
            'interspec.yaml': 'rules:\n  exception-coverage: [error, { required: [downtime, rerun] }]\n  monitoring: off\n',
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops criticality critical\n    on downtime "queue" escalate Ops within 5m\n}\n'
        }, 'a.ispec', 'exception-coverage');
        assert.match(custom.text, /\n {4}on rerun "TODO: what the systems and staff do" escalate Ops within 5m\n/, 'a scenario of the team\'s own has no default');
        assert.deepEqual(custom.after, ['exception-coverage'], 'its placeholder is reported once, by one rule');
    });

    it('handler and monitoring stubs leave fewer findings than they found: real parties, the team\'s metrics, no TODO names', async () => {
        const files = {
            'interspec.yaml': 'rules:\n  exception-coverage: [error, { required: [downtime, correction, cancellation] }]\n',
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops criticality critical\n'
                + '    on downtime "queue" escalate Nurse within 5m\n    change-authority Ops\n}\n'
        };
        const handlers = await applyFix(files, 'a.ispec', 'exception-coverage');
        assert.deepEqual([...handlers.before].sort(), ['exception-coverage', 'monitoring']);
        assert.deepEqual(handlers.after, ['monitoring'], 'the handler stubs fix their finding and add none');
        assert.match(handlers.text, /on downtime "queue" escalate Nurse within 5m\n {4}\/\/ The domain's default handling of correction and cancellation: [^\n]*\n {4}on correction "[^"]+" escalate Nurse within 5m\n {4}on cancellation "[^"]+" escalate Nurse within 5m\n/);
        const both = await applyFix({ ...files, 'a.ispec': handlers.text }, 'a.ispec', 'monitoring');
        assert.match(both.text, /escalate Nurse within 5m\n {4}monitor \{\n {8}owner Ops\n {8}alerts to Nurse\n {8}\/\/ TODO: metric/, 'the monitor sits after the handlers, owned by the owner, alerting the escalation party');
        assert.ok(!/TODO_/.test(both.text), 'no TODO names that stay unresolved');
        assert.deepEqual(both.after, ['monitoring'], 'no other monitor to learn a threshold from: the metric is asked for once, by this rule');

        // With another monitor in the workspace, the stub takes its operational metrics (not its benefit metrics).
        const withSibling = { ...files, 'b.ispec': 'import "prelude.ispec"\ninterface Other {\n    from B to A standard File owner Ops\n'
            + '    monitor {\n        owner Ops\n        alerts to Ops\n        metric failed-messages < 0.1%\n        metric turnaround p95 < 30m benefit baseline 2h\n    }\n}\n' };
        const complete = await applyFix({ ...withSibling, 'a.ispec': handlers.text }, 'a.ispec', 'monitoring');
        assert.match(complete.text, /\n {4}monitor \{\n {8}owner Ops\n {8}alerts to Nurse\n {8}metric failed-messages < 0\.1%\n {4}\}\n/);
        assert.deepEqual(complete.after, []);
    });

    it('exception-coverage: an urgent stub escalates to a party with on-call cover when the spec has one', async () => {
        const { text, after } = await applyFix({
            'prelude.ispec': PRELUDE + 'team Desk { on-call 24x7 }\n',
            'interspec.yaml': 'rules:\n  exception-coverage: [error, { required: [downtime, urgent] }]\n  monitoring: off\n',
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops criticality critical\n    on downtime "queue" escalate Ops within 5m\n}\n'
        }, 'a.ispec', 'exception-coverage');
        assert.match(text, /\n {4}on urgent "[^"]+" escalate Desk within 5m\n/);
        assert.deepEqual(after, []);
    });

    it('timestamps: adds a time zone placeholder that the rule still flags', async () => {
        const files = { 'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops\n    message ORU^R01 {\n        OBX-14 -> Observation.issued as timestamp\n    }\n}\n' };
        const { text, after } = await applyFix(files, 'a.ispec', 'timestamps');
        assert.match(text, /OBX-14 -> Observation\.issued as timestamp timezone "TODO"\n/);
        assert.deepEqual(after, ['timestamps']);
    });

    it('transport-security: adds `over TLS`', async () => {
        const { text, after } = await applyFix({
            'a.ispec': 'import "prelude.ispec"\ndata Results { owner Ops classification PHI retention 10y access Nurse duties care audit "all reads" }\n'
                + 'interface Feed {\n    from A to B standard File owner Ops carries Results\n    transport MLLP\n}\n'
        }, 'a.ispec', 'transport-security');
        assert.match(text, /\n {4}transport MLLP over TLS\n/);
        assert.ok(!after.includes('transport-security'));
    });

    it('standard-version: pins a version placeholder that the rule still flags', async () => {
        const { text, after } = await applyFix({ 'a.ispec': 'import "prelude.ispec"\ninterface Feed { from A to B owner Ops standard HL7v2 }\n' }, 'a.ispec', 'standard-version');
        assert.equal(text, 'import "prelude.ispec"\ninterface Feed { from A to B owner Ops standard HL7v2 "TODO" }\n');
        assert.deepEqual(after, ['standard-version']);
    });

    it('coded-values: adds entries for the received codes that are not mapped', async () => {
        const { text, after } = await applyFix({
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops\n    message ORU^R01 {\n        OBX-11 -> Observation.status codes { F -> final } receives F, P, X\n    }\n}\n'
        }, 'a.ispec', 'coded-values');
        assert.match(text, /codes \{ F -> final, P -> TODO, X -> TODO \} receives F, P, X\n/);
        assert.deepEqual(after, ['coded-values', 'coded-values']);
    });

    it('coded-values: adds the correction code a handler needs, then lists it in `receives`', async () => {
        const feed = (codes: string) => ({
            'a.ispec': `import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops\n    message ORU^R01 {\n        OBX-11 -> Observation.status codes ${codes}\n    }\n    on correction "Supersede" escalate Ops within 1h\n}\n`
        });
        const entry = await applyFix(feed('{ F -> final } receives F'), 'a.ispec', 'coded-values', /Add code map entries for C/);
        assert.match(entry.text, /codes \{ F -> final, C -> TODO \} receives F\n/);
        const received = await applyFix(feed('{ F -> final, C -> corrected } receives F'), 'a.ispec', 'coded-values', /Add C to receives/);
        assert.match(received.text, /codes \{ F -> final, C -> corrected \} receives F, C\n/);
        assert.deepEqual(received.after, []);
    });

    it('vendor-accountability: breaks a one-line block open for the placeholders', async () => {
        const { text } = await applyFix({ 'a.ispec': 'system V { kind X vendor "Acme" }\n' }, 'a.ispec', 'vendor-accountability');
        assert.equal(text, 'system V { kind X vendor "Acme"\n    support contact "TODO"\n    rollback "TODO"\n}\n');
    });

    it('gate-evidence: opens a block on a criterion without one', async () => {
        const { text } = await applyFix({
            'interspec.yaml': 'rules:\n  gate-coverage: off\n  hypercare: off\n',
            'a.ispec': 'import "prelude.ispec"\nsite North { timezone "UTC" }\ngate G {\n    site North\n    criterion Load "Load tested"\n}\n'
        }, 'a.ispec', 'gate-evidence');
        assert.equal(text, 'import "prelude.ispec"\nsite North { timezone "UTC" }\ngate G {\n    site North\n    criterion Load "Load tested" {\n        evidence "TODO"\n        // TODO: approver <team or role>\n    }\n}\n');
    });

    it('gate-coverage: adds criterion stubs for the missing go-live questions', async () => {
        const { text } = await applyFix({
            'a.ispec': 'import "prelude.ispec"\nsite North { timezone "UTC" }\ngate G {\n    site North\n    criterion Sim { question exceptions evidence "log" approver Ops }\n}\n'
        }, 'a.ispec', 'gate-coverage');
        assert.match(text, /\n {4}criterion DataMeaning \{\n {8}question data-meaning\n {8}evidence "TODO"\n {8}\/\/ TODO: approver <team or role>\n {4}\}\n/);
        assert.match(text, /criterion LoadTested \{\n {8}question load-test\n[\s\S]*\n {4}\}\n\}\n$/);
    });

    it('gate-coverage: adds a gate for a site that runs a critical interface', async () => {
        const { text } = await applyFix({
            'interspec.yaml': 'rules:\n  exception-coverage: off\n  monitoring: off\n  downtime-procedure: off\n',
            'a.ispec': 'import "prelude.ispec"\nsite North { timezone "UTC" }\ninterface Feed { from A to B standard File owner Ops criticality critical sites North }\n'
        }, 'a.ispec', 'gate-coverage');
        assert.match(text, /\n\ngate NorthGoLive \{\n {4}site North\n {4}\/\/ TODO: approver <team or role>\n {4}criterion ExceptionsSimulated \{\n {8}question exceptions\n[\s\S]* {8}covers Feed\n {4}\}\n/);
    });

    it('adds the missing import for a name declared in a file that is not imported', async () => {
        const { text, title, after } = await applyFix({ 'org/teams.ispec': 'team LabIT\n', 'a.ispec': 'import "prelude.ispec"\nsystem L { kind X owner LabIT }\n' }, 'a.ispec', 'linking-error');
        assert.equal(title, 'Add import "org/teams.ispec"');
        assert.equal(text, 'import "prelude.ispec"\nimport "org/teams.ispec"\nsystem L { kind X owner LabIT }\n');
        assert.deepEqual(after, []);
    });
});

describe('rules: quick fixes from the field dictionaries', () => {
    it('known-fields: replaces a misspelt field with the closest known one', async () => {
        const { text, after } = await applyFix({
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard HL7v2 "2.5.1" owner Ops\n    message ORU^R01 {\n        OBX-3 -> Observation.code as text\n        OBX-11 -> Observation.status as text\n        OBX-5 -> Observation.valueQuantty.value as quantity units \"mg/dL\"\n    }\n}\n'
        }, 'a.ispec', 'known-fields');
        assert.match(text, /\n {8}OBX-5 -> Observation\.valueQuantity\.value as quantity units "mg\/dL"\n/);
        assert.deepEqual(after, []);
    });

    it('known-fields: offers the first version that has a field the declared version lacks', async () => {
        // TQ1 arrived in HL7 v2.5: a spec that declares 2.3.1 and maps TQ1-7 either names the wrong version or the wrong field.
        const { text, after } = await applyFix({
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard HL7v2 "2.3.1" owner Ops\n    message ORU^R01 {\n        TQ1-7 -> OBR-7 timezone "UTC"\n    }\n}\n'
        }, 'a.ispec', 'known-fields', /^Declare HL7v2/);
        assert.match(text, /standard HL7v2 "2\.5" owner Ops/);
        assert.deepEqual(after, []);
    });

    it('message-structure: replaces a message type the version lacks with the closest one it has', async () => {
        const { text, after } = await applyFix({
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard HL7v2 "2.5.1" owner Ops\n    message ORU^R0l {\n        OBX-3 -> OBX-3 as text\n    }\n}\n'
        }, 'a.ispec', 'message-structure');
        assert.match(text, /\n {4}message ORU\^R01 \{\n/);
        assert.deepEqual(after, []);
    });

    it('repetition: names the first repetition of a repeating source', async () => {
        const { text, after } = await applyFix({
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard HL7v2 "2.5.1" owner Ops\n    message ADT^A01 {\n        PID-11 -> Patient.address[0]\n    }\n}\n'
        }, 'a.ispec', 'repetition');
        assert.match(text, /\n {8}PID-11\[1\] -> Patient\.address\[0\]\n/);
        assert.deepEqual(after, []);
    });
});

describe('rules: suppressing from the editor', () => {
    it('offers to suppress a finding on its element, with a reason placeholder that is an error until written', async () => {
        const { text, after } = await applyFix({ 'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B\n    standard File\n}\n' }, 'a.ispec', 'interface-owner', /^Suppress/);
        assert.equal(text, 'import "prelude.ispec"\ninterface Feed {\n    from A to B\n    standard File\n    suppress interface-owner because "TODO: why this does not apply"\n}\n');
        assert.deepEqual(after, ['interface-owner', 'suppression']);
    });

    it('suppresses inline on a mapping', async () => {
        const { text } = await applyFix({
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops\n    message ORU^R01 {\n        OBX-14 -> Observation.issued as timestamp\n    }\n}\n'
        }, 'a.ispec', 'timestamps', /^Suppress/);
        assert.match(text, /OBX-14 -> Observation\.issued as timestamp suppress timestamps because "TODO: why this does not apply"\n/);
    });
});

describe('rules: the other quick fixes, each applied', () => {
    const IFACE = (body: string) => `import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops\n${body}}\n`;
    const cases: Array<{ rule: string, files: Record<string, string>, expect: RegExp }> = [
        { rule: 'data-owner', files: { 'a.ispec': 'data Specimens {\n    classification internal\n}\n' },
            expect: /^data Specimens \{\n {4}classification internal\n {4}\/\/ TODO: owner <team or role>\n {4}\/\/ TODO: retention <duration, e\.g\. 10y>\n {4}\/\/ TODO: access <roles>\n\}\n$/ },
        { rule: 'change-authority', files: { 'prelude.ispec': PRELUDE.replace('change-authority Ops\n', ''), 'a.ispec': 'import "prelude.ispec"\nchange-authority Ops covers updates\n' },
            expect: /\nchange-authority Ops covers updates, patches, configuration\n$/ },
        { rule: 'patient-identity', files: { 'a.ispec': IFACE('    message ADT^A01 {\n        PID-3 -> Patient.identifier as identifier\n    }\n') },
            expect: /\n {8}PID-3 -> Patient\.identifier as identifier identifier authority "TODO"\n/ },
        { rule: 'units', files: { 'a.ispec': IFACE('    message ORU^R01 {\n        OBX-5 -> Observation.valueQuantity.value as quantity\n    }\n') },
            expect: /\n {8}OBX-5 -> Observation\.valueQuantity\.value as quantity units "TODO"\n/ },
        { rule: 'alert-routing', files: { 'a.ispec': IFACE('    on downtime "Queue" escalate Nurse within 5m\n    monitor {\n        owner Ops\n        metric failed-messages < 1%\n    }\n') },
            expect: /\n {4}monitor \{\n {8}owner Ops\n {8}metric failed-messages < 1%\n {8}alerts to Nurse\n {4}\}\n/ },
        { rule: 'exception-escalation', files: { 'a.ispec': IFACE('    on downtime "Queue and replay"\n    on urgent "Phone" escalate Nurse within 5m\n') },
            expect: /\n {4}on downtime "Queue and replay" escalate Nurse within 5m\n/ },
        { rule: 'downtime-procedure', files: {
            'interspec.yaml': 'rules:\n  exception-coverage: off\n  monitoring: off\n  gate-coverage: off\n  site-baseline: off\n',
            'a.ispec': 'import "prelude.ispec"\nsite East {\n    timezone "UTC"\n}\ninterface Feed { from A to B standard File owner Ops criticality critical sites East }\n' },
            expect: /^import "prelude\.ispec"\nsite East \{\n {4}timezone "UTC"\n {4}downtime \{ fallback "TODO" reconciliation "TODO" \}\n\}\n/ },
        { rule: 'transition-plan', files: { 'a.ispec': 'import "prelude.ispec"\nsystem New {\n    kind X\n    replaces A\n}\n' },
            expect: /\n {4}replaces A transition "TODO"\n/ },
        { rule: 'regulatory-record', files: { 'a.ispec': 'import "prelude.ispec"\nsystem Analyser {\n    kind analyser\n    medical-device\n    alerts to Ops\n}\n' },
            expect: /\n {4}alerts to Ops\n {4}regulatory TODO class TODO validation "TODO"\n\}\n$/ },
        { rule: 'monitoring', files: { 'interspec.yaml': 'rules:\n  exception-coverage: off\n', 'a.ispec': IFACE('    criticality critical\n') },
            expect: /\n {4}criticality critical\n {4}monitor \{\n {8}owner Ops\n {8}alerts to Ops\n {8}\/\/ TODO: metric <name> < <threshold>\n {4}\}\n\}\n$/ },
        { rule: 'hypercare', files: { 'interspec.yaml': 'rules:\n  gate-coverage: off\n', 'a.ispec': 'import "prelude.ispec"\nsite North { timezone "UTC" }\ngate G {\n    site North\n    hypercare 14d\n}\n' },
            expect: /\n {4}hypercare 14d \/\* TODO: support <team> escalate <team> \*\/\n/ },
        { rule: 'coded-values', files: { 'a.ispec': 'import "prelude.ispec"\ncodetable Exams {\n    codes CT-HEAD\n}\n' },
            expect: /^import "prelude\.ispec"\ncodetable Exams \{\n {4}codes CT-HEAD\n {4}\/\/ TODO: owner <team or role>\n {4}\/\/ TODO: source <system>\n {4}version "TODO"\n\}\n$/ },
        { rule: 'audit-trail', files: { 'a.ispec': 'import "prelude.ispec"\ndata Results { owner Ops classification PHI retention 10y access Nurse duties care }\n' },
            expect: /^import "prelude\.ispec"\ndata Results \{ owner Ops classification PHI retention 10y access Nurse duties care\n {4}audit "TODO"\n\}\n$/ }
    ];
    for (const { rule, files, expect } of cases) {
        it(`${rule}: writes the placeholder`, async () => {
            const { text } = await applyFix(files, 'a.ispec', rule);
            assert.match(text, expect);
        });
    }
});

describe('rules: misspelt exception scenarios', () => {
    it('exception-coverage: reports a scenario that is a typo of a known one and fixes its spelling', async () => {
        const { text, after } = await applyFix({
            'a.ispec': 'import "prelude.ispec"\ninterface Feed {\n    from A to B standard File owner Ops\n    on dowtime "Queue" escalate Ops within 5m\n    on rerun "Repeat the sample" escalate Ops within 1h\n}\n'
        }, 'a.ispec', 'exception-coverage');
        assert.match(text, /\n {4}on downtime "Queue" escalate Ops within 5m\n {4}on rerun "Repeat the sample"/);
        assert.deepEqual(after, []);
    });

    it('timestamps: a misspelt zone gets the nearest real name; a text with no zone gets `timezone site` where every site has one', async () => {
        const sites = 'site North { timezone "Pacific/Auckland" }\nsite South { timezone "Pacific/Chatham" }\n';
        const feed = (zone: string) => `import "prelude.ispec"\n${sites}interface Feed {\n    from A to B standard HL7v2 "2.5.1" owner Ops sites North, South\n    message ORU^R01 { OBX-14 -> OBX-14 timezone ${zone} }\n}\n`;
        const misspelt = await applyFix({ 'a.ispec': feed('"Pacific/Aukland"') }, 'a.ispec', 'timestamps');
        assert.match(misspelt.text, /timezone "Pacific\/Auckland" \}/);
        assert.ok(!misspelt.after.includes('timestamps'), misspelt.after.join());
        const local = await applyFix({ 'a.ispec': feed('"sender local time"') }, 'a.ispec', 'timestamps');
        assert.match(local.text, /OBX-14 -> OBX-14 timezone site \}/);
        assert.ok(!local.after.includes('timestamps'), local.after.join());
    });

    it('training-by-role: adds the untrained role to the gate\'s readiness criterion', async () => {
        const files = {
            'a.ispec': 'import "prelude.ispec"\nsite North { timezone "UTC" }\ninterface Feed {\n    from A to B standard File owner Ops sites North\n    affects Nurse\n}\n'
                + 'gate G {\n    site North\n    criterion Ready { question readiness evidence "Sign-off" approver Ops }\n}\n'
        };
        const { text, before, after } = await applyFix(files, 'a.ispec', 'training-by-role');
        assert.match(text, /criterion Ready \{ question readiness evidence "Sign-off" approver Ops trains Nurse \}/);
        assert.ok(before.includes('training-by-role'));
        assert.ok(!after.includes('training-by-role'), after.join());
    });

    it('training-by-role: adds the untrained role to the `trains` list the criterion already has, where the finding is', async () => {
        const files = {
            'a.ispec': 'import "prelude.ispec"\nrole Clerk { team Ops duties care }\nsite North { timezone "UTC" }\ninterface Feed {\n    from A to B standard File owner Ops sites North\n    affects Clerk, Nurse\n}\n'
                + 'gate G {\n    site North\n    criterion Ready {\n        question readiness\n        evidence "Sign-off"\n        approver Ops\n        trains Clerk\n    }\n}\n'
        };
        const { text, after } = await applyFix(files, 'a.ispec', 'training-by-role');
        assert.match(text, /\n {8}trains Clerk, Nurse\n {4}\}/);
        assert.ok(!after.includes('training-by-role'), after.join());
    });
});


import { strict as assert } from 'node:assert';
import type { CompletionItem, CompletionList, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { applyEdits, type LspClient, useServer } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';

const ORG = `team LabIT
team Ops
role LabTech { team LabIT duties release-results, verify-results }
role Clerk { team Ops duties registration }
system LIS { kind LIS owner LabIT }
system EHR { kind EHR owner LabIT }
system FhirStore { kind FHIR owner LabIT }
site North { timezone "Europe/Berlin" }
site South { timezone "America/Chicago" }
site Tokyo { timezone "Asia/Tokyo" }
data Results { owner LabIT classification PHI duties sign-off, release-results access LabTech }
`;

/** An interface of the workspace into FhirStore: what the receiving system takes, for a new interface into it. */
const FEEDS = `import "org.ispec"
interface AdtToFhir {
    from EHR to FhirStore
    standard HL7v2 2.5.1
    owner LabIT
    message ADT^A01 {
        PID-3 -> Patient.identifier identifier authority "MRN"
        PID-5 -> Patient.name
    }
}
`;

/** An HL7 v2.5.1 ORU^R01 interface from LIS to `receiver` at North and South; `body` goes in the message block. */
function oru(body: string, receiver = 'EHR'): string {
    return `import "org.ispec"\ninterface LabResults {\n    from LIS to ${receiver}\n    standard HL7v2 2.5.1\n    owner LabIT\n    sites North, South\n`
        + `    message ORU^R01 {\n        ${body}\n    }\n}\n`;
}

function cursor(textWithCursor: string): { text: string, position: Position } {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
    const lines = text.slice(0, offset).split('\n');
    return { text, position: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

/** Items in the order an editor lists them: by sortText, else label. */
function ordered(items: CompletionItem[]): CompletionItem[] {
    const key = (item: CompletionItem) => item.sortText ?? item.label;
    return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function labels(items: CompletionItem[]): string[] {
    return items.map(item => item.label);
}

describe('lsp: completion by the place in a mapping and the workspace', function () {
    this.timeout(60000);
    let client: LspClient;
    let uri: string;

    useServer(() => writeWorkspace({ 'org.ispec': ORG, 'feeds.ispec': FEEDS, 'lab.ispec': oru('') }), async started => {
        client = started;
        uri = await client.open('lab.ispec');
        await client.waitForDiagnostics(uri);
    });

    async function complete(textWithCursor: string): Promise<{ items: CompletionItem[], text: string }> {
        const { text, position } = cursor(textWithCursor);
        await client.change(uri, text);
        const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
        return { items: ordered(Array.isArray(result) ? result : result?.items ?? []), text };
    }

    it('offers `->` and nothing else after a mapping\'s source, and `=` after a `when` field', async () => {
        const { items, text } = await complete(oru('PID-3 |'));
        assert.deepEqual(labels(items), ['->']);
        assert.match(applyEdits(text, [items[0].textEdit as never]), /\n {8}PID-3 -> \n/);
        assert.equal(items[0].command?.command, 'editor.action.triggerSuggest', 'the target list opens after it');
        // Typed `-` (a trigger character): the item completes it.
        const dash = await complete(oru('OBX-5 -|'));
        assert.deepEqual(labels(dash.items), ['->']);
        assert.match(applyEdits(dash.text, [dash.items[0].textEdit as never]), /\n {8}OBX-5 -> \n/);
        assert.deepEqual(labels((await complete(oru('when OBX-2 |'))).items), ['=']);
        // A repetition chosen by its assigning authority is a source too.
        assert.deepEqual(labels((await complete(oru('PID-3[authority = "NHS"] |'))).items), ['->']);
    });

    it('offers the codes of a `when` field with their meanings, not those already listed', async () => {
        const { items } = await complete(oru('when OBX-2 = NM, |'));
        assert.ok(!labels(items).includes('NM'), labels(items).join(' '));
        assert.equal(items.find(item => item.label === 'SN')?.labelDetails?.detail, ' Structured Numeric');
        assert.equal(items.find(item => item.label === 'CE')?.labelDetails?.detail, ' Coded Element');
        assert.equal(items.find(item => item.label === 'SN')?.textEdit?.newText, 'SN');
    });

    it('lists FHIR resources before the message\'s HL7 segments after `->` when the message\'s other mappings target FHIR', async () => {
        const { items } = await complete(oru('PID-3 -> Patient.identifier\n        OBX-5 -> Observation.valueQuantity.value\n        OBX-3 -> |'));
        const firstSegment = items.findIndex(item => item.detail !== 'FHIR resource');
        assert.ok(firstSegment > 100, `an HL7 segment at ${firstSegment}: ${labels(items.slice(0, 5)).join(' ')}`);
        assert.ok(items.slice(firstSegment).every(item => item.detail !== 'FHIR resource'), 'every FHIR resource before every segment');
        // The resources the message already maps into lead.
        assert.deepEqual(labels(items.slice(0, 2)), ['Observation', 'Patient']);
        assert.ok(labels(items).includes('OBX'), 'the segments are still offered, after');
    });

    it('takes the receiving system\'s standard from the workspace\'s other interfaces when the message has no other mapping', async () => {
        const { items } = await complete(oru('OBX-3 -> |', 'FhirStore'));
        assert.equal(items[0].detail, 'FHIR resource', labels(items.slice(0, 5)).join(' '));
        // Into EHR nothing says FHIR: the declared HL7 v2 leads, the message's own segments first.
        const v2 = await complete(oru('OBX-3 -> |'));
        assert.equal(v2.items[0].kind, 9 /* Module: a segment */, labels(v2.items.slice(0, 5)).join(' '));
        assert.ok(labels(v2.items.slice(0, 20)).includes('OBX'));
    });

    it('offers the mapping options after the target, described, those for the target\'s kind first', async () => {
        const { items } = await complete(oru('PID-3 -> Patient.identifier |'));
        assert.deepEqual(labels(items), ['identifier authority', 'as', 'units', 'timezone', 'clock', 'codes', 'suppress']);
        assert.match(items[0].detail ?? '', /assigning authority/);
        assert.match(items[0].textEdit!.newText, /^identifier authority "\$1"$/);
        assert.ok(!labels(items).includes('when'), 'a `when` group starts on a line of its own');
        const timestamp = await complete(oru('OBX-14 -> Observation.effectiveDateTime |'));
        assert.deepEqual(labels(timestamp.items.slice(0, 2)), ['timezone', 'clock']);
        const afterAnOption = await complete(oru('PID-3 -> Patient.identifier identifier authority "MRN" |'));
        assert.ok(labels(afterAnOption.items).includes('as'), labels(afterAnOption.items).join(' '));
    });

    it('shows what each code means in a code map: the HL7 table\'s description and the FHIR value set\'s display', async () => {
        const { items } = await complete(oru('OBX-11 -> Observation.status codes { |'));
        assert.deepEqual(labels(items), ['C', 'D', 'F', 'I', 'N', 'O', 'P', 'R', 'S', 'U', 'W', 'X']);
        const final = items.find(item => item.label === 'F')!;
        assert.equal(final.labelDetails?.detail, ' Final results');
        assert.equal(final.labelDetails?.description, 'HL7 table 0085');
        assert.match((final.documentation as MarkupContent).value, /Final results; Can only be changed with a corrected result/);
        assert.equal(items.find(item => item.label === 'X')!.labelDetails?.detail, ' Results cannot be obtained for this observation');
        const target = await complete(oru('OBX-11 -> Observation.status codes { F -> |'));
        const fhirFinal = target.items.find(item => item.label === 'final');
        assert.equal(fhirFinal?.labelDetails?.detail, ' Final');
        assert.equal(fhirFinal?.labelDetails?.description, 'FHIR value set observation-status');
    });

    it('offers the duties the workspace uses after `duties`, those of the other side first, none twice', async () => {
        const inRole = await complete('import "org.ispec"\nrole Pathologist {\n    duties |\n}\n');
        assert.deepEqual(labels(inRole.items), ['release-results', 'sign-off', 'registration', 'verify-results']);
        assert.equal(inRole.items[1].detail, 'duty of data Results');
        const listed = await complete('import "org.ispec"\nrole Pathologist {\n    duties sign-off, re|\n}\n');
        assert.ok(!labels(listed.items).includes('sign-off'), labels(listed.items).join(' '));
        assert.match(applyEdits(listed.text, [listed.items.find(item => item.label === 'release-results')!.textEdit as never]), /duties sign-off, release-results\n/);
        // On one line with the element, as the formatter leaves a short one.
        const oneLine = await complete('import "org.ispec"\nrole Porter { team Ops duties |}\n');
        assert.equal(oneLine.items[0]?.label, 'release-results', labels(oneLine.items).join(' '));
        const inData = await complete('import "org.ispec"\ndata Orders {\n    duties |\n}\n');
        assert.deepEqual(labels(inData.items.slice(0, 4)), ['registration', 'release-results', 'verify-results', 'sign-off']);
    });

    it('offers teams and roles after `owner`, `escalate`, `notify` and `alerts to`, not those already in the list', async () => {
        const handler = (tail: string) => oru('').replace('    message ORU^R01', `    on downtime "queue" ${tail}\n    message ORU^R01`);
        for (const [tail, expected] of [['escalate |', ['Clerk', 'LabIT', 'LabTech', 'Ops']], ['notify Ops, |', ['Clerk', 'LabIT', 'LabTech']]] as const) {
            const { items } = await complete(handler(tail));
            assert.deepEqual(labels(items).sort(), expected, tail);
        }
        const alerts = await complete('import "org.ispec"\nsystem Analyser {\n    alerts to LabIT, |\n}\n');
        assert.deepEqual(labels(alerts.items).sort(), ['Clerk', 'LabTech', 'Ops']);
        const owner = await complete(oru('').replace('    owner LabIT\n', '    owner |\n'));
        assert.deepEqual(labels(owner.items).sort(), ['Clerk', 'LabIT', 'LabTech', 'Ops']);
    });

    it('offers `site` first after a mapping\'s `timezone`, then the zones of the interface\'s sites, then the rest', async () => {
        const { items } = await complete(oru('OBX-14 -> Observation.effectiveDateTime timezone |'));
        assert.deepEqual(labels(items.slice(0, 5)), ['site', 'America/Chicago', 'Europe/Berlin', 'Asia/Tokyo', 'UTC']);
        assert.equal(items[1].labelDetails?.description, 'site South');
        assert.equal(items[0].textEdit!.newText, 'site');
        assert.equal(items[2].textEdit!.newText, '"Europe/Berlin"');
        // Typing `s` keeps `site` (the editor filters the first list; this one is asked again).
        const typed = await complete(oru('OBX-14 -> Observation.effectiveDateTime timezone s|'));
        assert.equal(typed.items[0].label, 'site');
        // A site's `timezone` takes a zone only: no `site`, the workspace's zones first.
        const site = await complete('import "org.ispec"\nsite East {\n    timezone |\n}\n');
        assert.deepEqual(labels(site.items.slice(0, 4)), ['America/Chicago', 'Asia/Tokyo', 'Europe/Berlin', 'UTC']);
    });
});

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ImportError, writeDraft, type Draft, type DraftMapping } from '../../language-server/import/index.js';
import { samplesImport } from '../../language-server/import/import-samples.js';
import { codeText } from '../../language-server/import/spec-text.js';
import { readHl7v2 } from '../../language-server/samples/read/index.js';
import { assertDraftSound } from './draft-soundness.js';

const OWN = ['test/fixtures/import/samples/adt-v231.hl7', 'test/fixtures/import/samples/oru-v251-mllp.hl7'];
const REAL = ['examples/lab-network/captures/lab-results/winpath-2026-02-10.hl7', 'test/fixtures/samples/checks/captures/clean/nist-lri-cbc.hl7'];

function read(files: string[], out = '.'): Draft {
    return samplesImport.read(files.map(name => ({ name, content: readFileSync(name) })), { out }) as Draft;
}

function mappings(draft: Draft, name: string, type: string): DraftMapping[] {
    const message = draft.interfaces.find(i => i.name === name)!.messages.find(m => m.type === type)!;
    return [...message.mappings, ...(message.groups ?? []).flatMap(group => group.mappings)];
}

/** Distinct first components of a field over every message of the files (what a code map must receive). */
function codesIn(files: string[], path: string): string[] {
    const codes = new Set<string>();
    for (const file of files) {
        for (const message of readHl7v2(readFileSync(file)).messages) {
            for (const match of message.lookup(path)) {
                const value = 'components' in match.value ? match.value.components[0].value.trim() : match.value.value.trim();
                if (value !== '') codes.add(value);
            }
        }
    }
    return [...codes];
}

describe('import samples', function () {
    this.timeout(120000);

    it('writes a sound draft per sender, receiver and version from own and real captures', async () => {
        const draft = read([...OWN, ...REAL]);
        assert.deepEqual(draft.interfaces.map(i => [i.name, i.standard.version]), [
            ['OASIS-PASToCAREVIEW', '2.3.1'], ['GLIMSToHIX', '2.5.1'], ['WINPATHToEPIC', '2.5.1'], ['NISTTestLabAPPToReceiver', '2.5.1']
        ]);
        assert.deepEqual(draft.interfaces[0].messages.map(m => m.type), ['ADT^A01', 'ADT^A08']);
        assert.deepEqual(draft.systems.find(s => s.name === 'WINPATH')?.applications, ['WINPATH'], 'MSH-3 becomes the application the sample matching reads');
        assert.deepEqual(draft.interfaces[2].samples, ['examples/lab-network/captures/lab-results/winpath-2026-02-10.hl7']);
        await assertDraftSound(writeDraft(draft));
    });

    it('seeds every coded field with exactly the codes the samples carry, each received', () => {
        const files = [OWN[1]];
        const draft = read(files);
        for (const path of ['OBX-3', 'OBX-11', 'OBR-25', 'OBX-8']) {
            const mapping = mappings(draft, 'GLIMSToHIX', 'ORU^R01').find(m => m.source === path)!;
            assert.deepEqual(mapping.receives, codesIn(files, path), path);
            assert.deepEqual(mapping.codes, codesIn(files, path).map(code => ({ source: code, target: code })));
        }
        const coded = mappings(draft, 'GLIMSToHIX', 'ORU^R01').filter(m => m.source === 'OBX-5' && m.codes);
        assert.deepEqual(coded[0].receives, ['2+', '0'], 'OBX-5 of OBX-2 CWE is a code map of its own');
    });

    it('states the unit of each test, the authorities and the offsets seen, and never a zone from an offset', () => {
        const draft = read([OWN[1]]);
        const all = mappings(draft, 'GLIMSToHIX', 'ORU^R01');
        const numeric = all.find(m => m.source === 'OBX-5' && m.analyteUnits)!;
        assert.deepEqual(numeric.analyteUnits!.entries, [
            { code: 'CHOL', unit: 'mmol/L' }, { code: 'HDL', unit: 'mmol/L' }, { code: 'TRIG', unit: 'mmol/L' }, { code: 'GLU', unit: 'mg/dL' }, { code: 'HBA1C', unit: 'mmol/mol' }
        ]);
        assert.equal(all.find(m => m.source === 'PID-3')!.authority, 'SLZ-PATNR (2.16.840.1.113883.2.4.6.3.1)');
        assert.equal(all.find(m => m.source === 'OBR-2')!.authority, 'HIX-ORDERS');
        const observed = all.find(m => m.source === 'OBX-14')!;
        assert.equal(observed.timezone, 'offset carried in each value');
        assert.match(observed.todos![0].text, /\+0100 \(5 values\), \+0200 \(3 values\); an offset is not a zone/);
        const adt = read([OWN[0]]);
        const pid3 = mappings(adt, 'OASIS-PASToCAREVIEW', 'ADT^A01').filter(m => m.source.startsWith('PID-3'));
        assert.deepEqual(pid3.map(m => [m.source, m.authority]), [['PID-3', 'NGH-MRN'], ['PID-3[authority = "NHS"]', undefined]], 'a second authority is a selecting mapping');
        const attending = mappings(adt, 'OASIS-PASToCAREVIEW', 'ADT^A01').find(m => m.source === 'PV1-7')!;
        assert.equal(attending.authority, undefined);
        assert.match(attending.todos![0].text, /names no assigning authority/);
    });

    it('keeps --from, --to and --interface as given when they are names, and makes names of other text', () => {
        const draft = samplesImport.read([{ name: OWN[0], content: readFileSync(OWN[0]) }], { from: 'pas_core', to: 'Care View EPR', interfaceName: 'Admissions' }) as Draft;
        assert.deepEqual([draft.interfaces[0].name, draft.interfaces[0].source, draft.interfaces[0].target], ['Admissions', 'pas_core', 'CareViewEPR']);
        assert.deepEqual(draft.systems.map(s => [s.name, s.applications]), [['pas_core', ['OASIS-PAS']], ['CareViewEPR', ['CAREVIEW']]]);
    });

    it('writes samples relative to --out', () => {
        assert.deepEqual(read([OWN[0]], 'test/fixtures/import').interfaces[0].samples, ['samples/adt-v231.hl7']);
    });

    it('reports unreadable input as one ImportError with file, line and column', () => {
        const error = (name: string, text: string) => {
            try {
                samplesImport.read([{ name, content: new TextEncoder().encode(text) }], {});
            } catch (e) {
                return e;
            }
            return undefined;
        };
        const none = error('notes.txt', 'just some notes\n');
        assert.ok(none instanceof ImportError);
        assert.equal(none.file, 'notes.txt');
        assert.equal(typeof none.line, 'number');
        assert.equal(typeof none.column, 'number');
        const fhir = error('obs.json', '{"resourceType":"Observation"}');
        assert.ok(fhir instanceof ImportError);
        assert.match(fhir.located, /^obs\.json:1:1: .*HL7 v2/);
    });

    it('leaves a message type the language cannot name to a TODO instead of a draft that does not parse', async () => {
        const text = 'MSH|^~\\&|A|B|C|D|20260101||1X^A01|1|P|2.5.1\rPID|1||123^^^HOSP^MR\r';
        const draft = samplesImport.read([{ name: 'odd.hl7', content: new TextEncoder().encode(text) }], {}) as Draft;
        assert.deepEqual(draft.interfaces[0].messages, []);
        assert.match(draft.interfaces[0].todos!.map(todo => todo.text).join('\n'), /MSH-9 "1X\^A01" cannot be declared/);
        await assertDraftSound(writeDraft(draft));
    });

    it('quotes a numeric code that would not read back as written', () => {
        assert.equal(codeText('253088698300028811170411'), '"253088698300028811170411"');
        assert.equal(codeText('1.50'), '"1.50"');
        assert.equal(codeText('160'), '160');
    });
});

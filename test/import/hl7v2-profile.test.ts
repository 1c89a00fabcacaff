import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { findImportKind, ImportError, writeDraft, type Draft, type DraftFile } from '../../language-server/import/index.js';
import { assertDraftSound } from './draft-soundness.js';

const FIXTURES = path.resolve('test/fixtures/import/hl7v2-profile');
const MWB = 'mwb/lab-results-oru-r01.xml';
const MWB_TABLES = 'mwb/lab-results-tables.xml';
const NIST = 'nist/Profile.xml';
const NIST_VALUE_SETS = 'nist/ValueSets.xml';
const NIST_SMALL = 'nist/ORU_R01_Profile.xml';

async function importFiles(names: string[], contents: Record<string, string> = {}): Promise<Draft> {
    const kind = findImportKind('hl7v2-profile');
    assert.ok(kind, 'the kind is registered');
    return kind.read(names.map(name => ({ name, content: Buffer.from(contents[name] ?? readFileSync(path.join(FIXTURES, name), 'utf8')) })), {});
}

/** The input read independently of the importer (xmldom), for counts. */
function xml(name: string): Element[] {
    const document = new DOMParser().parseFromString(readFileSync(path.join(FIXTURES, name), 'utf8'), 'text/xml');
    return Array.from(document.getElementsByTagName('*')) as unknown as Element[];
}

const named = (elements: Element[], name: string) => elements.filter(element => element.localName === name);
const lines = (text: string, pattern: RegExp) => text.split('\n').filter(line => pattern.test(line));
const fileOf = (files: DraftFile[], name: string) => files.find(file => file.path === name)!;

describe('import: hl7v2-profile', function () {
    this.timeout(180000);

    describe('a Messaging Workbench profile with its table file', () => {
        let files: DraftFile[];
        let profile: string;
        let feed: string;
        before(async () => {
            files = writeDraft(await importFiles([MWB, MWB_TABLES]));
            profile = fileOf(files, 'lab-results-to-ehr-profile.ispec').text;
            feed = fileOf(files, 'orur01-feed.ispec').text;
        });

        it('writes a profile file, an interface that follows it and stubs, which parse, resolve and survive the formatter', async () => {
            assert.deepEqual(files.map(file => file.path), ['lab-results-to-ehr-profile.ispec', 'orur01-feed.ispec', 'import-stubs.ispec']);
            const findings = await assertDraftSound(files);
            // check's profile-usage infos guide completion: one per required field, as many as the TODO lines.
            const infos = findings.filter(f => f.code === 'profile-usage');
            assert.ok(infos.every(f => f.severity === 'info'), 'only infos: nothing is mapped yet');
            const requiredTodos = lines(feed, /TODO .*: \w{3}-\d+ \(R,/);
            assert.equal(infos.length, requiredTodos.length);
            assert.match(feed, /^ {4}message ORU\^R01 profile LabResultsToEHRProfile \{$/m);
            assert.match(feed, /^import "lab-results-to-ehr-profile.ispec"$/m);
        });

        it('carries every segment, group and field with its usage, cardinality, type, length and table', () => {
            const input = xml(MWB);
            const fields = named(input, 'Field');
            assert.equal(lines(profile, /^\s+field \d+/).length, fields.length);
            assert.equal(lines(profile, /^\s+segment [A-Z0-9]{3}/).length, named(input, 'Segment').length);
            assert.equal(lines(profile, /^\s+group \w+/).length, named(input, 'SegGroup').length);
            assert.equal(lines(profile, / table "?\d{4}"?$/).length, fields.filter(field => field.getAttribute('Table')).length);
            for (const usage of ['R', 'RE', 'O', 'X']) {
                const expected = [...fields, ...named(input, 'Segment'), ...named(input, 'SegGroup')].filter(element => element.getAttribute('Usage') === usage).length;
                assert.equal(lines(profile, new RegExp(`usage ${usage}( |$)`)).length, expected, `usage ${usage}`);
            }
            assert.match(profile, /^ {4}message ORU\^R01\^ORU_R01 version 2\.5\.1$/m);
            assert.match(profile, /field 11 ID usage R cardinality 1\.\.1 length 1 "Observation Result Status" table "0085"/);
            assert.match(profile, /group ORDER_OBSERVATION usage R cardinality 1\.\.\* "Order Observation" \{/);
        });

        it('turns what the language cannot hold into TODOs at the field: a conditional usage, a condition and component usage', () => {
            assert.match(profile, /\/\/ TODO \(mwb\/lab-results-oru-r01\.xml:\d+:\d+ Segment\[@Name='OBX'\]\/Field\[2\]\): usage C\(R\/X\): R when the condition holds, X when not; write the condition\n\s+field 2 ID usage C /);
            assert.match(profile, /\/\/ TODO \(mwb\/lab-results-oru-r01\.xml:\d+:\d+ Segment\[@Name='OBX'\]\/Field\[6\]\): condition of usage CE: If OBX-2 is NM or SN & OBX-5 is valued\n\s+field 6 CE usage CE /);
            assert.match(profile, /component usage is not carried over \(the language holds fields\): 1 R, 2 O, 3 O, 4 R, 5 R, 6 RE\n\s+field 3 CX usage R/);
        });

        it('lists each required field once as a TODO mapping line, never MSH-1, MSH-2 or a field of an X segment', () => {
            const input = xml(MWB);
            const expected = new Set<string>();
            for (const segment of named(input, 'Segment')) {
                const fields = named(Array.from(segment.childNodes) as unknown as Element[], 'Field');
                fields.forEach((field, i) => {
                    const key = `${segment.getAttribute('Name')}-${i + 1}`;
                    if (['R', 'RE'].includes(field.getAttribute('Usage') ?? '') && key !== 'MSH-1' && key !== 'MSH-2') expected.add(key);
                });
            }
            const written = lines(feed, /\/\/ TODO \(/).map(line => /: (\w{3}-\d+) \(/.exec(line)?.[1]);
            assert.deepEqual(written, [...expected]);
        });

        it('keeps every code of the table file as a note on the profile', () => {
            const codes = named(xml(MWB_TABLES), 'tableElement').map(element => element.getAttribute('code'));
            const notes = lines(profile, /\/\/ value set /).flatMap(line => line.replace(/^.*\): /, '').split(', '));
            assert.deepEqual(notes, codes);
        });

        it('gives byte-identical files for the same input', async () => {
            assert.deepEqual(writeDraft(await importFiles([MWB, MWB_TABLES])), files);
        });
    });

    describe("NIST's Profile.xml with its ValueSets.xml", () => {
        it('writes a sound draft with every field of every segment the message refers to, flavours by their segment name', async () => {
            const files = writeDraft(await importFiles([NIST, NIST_VALUE_SETS]));
            await assertDraftSound(files);
            const input = xml(NIST);
            const definitions = new Map(named(input, 'Segment').filter(segment => segment.getAttribute('ID')).map(segment => [segment.getAttribute('ID'), segment]));
            const references = named(input, 'Segment').filter(segment => segment.getAttribute('Ref'));
            const expectedFields = references.reduce((sum, reference) => sum + named(Array.from(definitions.get(reference.getAttribute('Ref'))!.childNodes) as unknown as Element[], 'Field').length, 0);
            const profile = files[0].text;
            assert.equal(lines(profile, /^\s+field \d+/).length, expectedFields);
            assert.equal(lines(profile, /^\s+segment [A-Z0-9]{3}/).length, references.length);
            assert.equal(lines(profile, /^\s+group \w+/).length, named(input, 'Group').length);
            assert.equal(lines(profile, /^\s+segment NTE /).length, references.filter(r => /^NTE/.test(r.getAttribute('Ref')!)).length, 'NTE_1 is an NTE');
            assert.match(profile, /field 3 CWE usage R cardinality 1\.\.1 "Observation Identifier" table VS1/);
            const withComponents = named(input, 'Datatype').filter(datatype => named(Array.from(datatype.childNodes) as unknown as Element[], 'Component').length > 0);
            assert.match(profile, new RegExp(`// TODO \\(nist/Profile\\.xml:\\d+:\\d+ Datatypes\\): component usage of ${withComponents.length} data types is not carried over`));
            const codes = named(xml(NIST_VALUE_SETS), 'ValueElement').length;
            const noted = lines(profile, /\/\/ value set /).reduce((sum, line) => sum + (/: no codes$/.test(line) ? 0 : line.replace(/^.*\): /, '').split(', ').length), 0);
            assert.equal(noted, codes);
        });

        it('reads the small test profile: a withdrawn data type, groups marked X, a usage W', async () => {
            const files = writeDraft(await importFiles([NIST_SMALL]));
            await assertDraftSound(files);
            assert.match(files[0].text, /field 2 usage W cardinality 0\.\.1 "Patient ID"/);
            assert.match(files[0].text, /group ORDER usage X cardinality 1\.\.\*/);
        });
    });

    describe('input it cannot read', () => {
        it('is one ImportError with file, line and column for malformed XML', async () => {
            const text = readFileSync(path.join(FIXTURES, MWB), 'utf8').replace('</SegGroup>', '</SegGrup>');
            await assert.rejects(importFiles(['broken.xml'], { 'broken.xml': text }), (error: unknown) => {
                assert.ok(error instanceof ImportError);
                assert.equal(error.file, 'broken.xml');
                assert.equal(error.line, text.split('\n').findIndex(line => line.includes('</SegGrup>')) + 1);
                assert.ok(error.column! > 1);
                assert.match(error.message, /not well-formed XML/);
                return true;
            });
        });

        it('names the root element of a file that is not a profile, and a run of value sets alone', async () => {
            await assert.rejects(importFiles(['other.xml'], { 'other.xml': '<?xml version="1.0"?>\n<channel><name>x</name></channel>\n' }),
                (error: unknown) => error instanceof ImportError && error.line === 2 && error.column === 1 && /<channel> is not an HL7 v2 conformance profile/.test(error.message));
            await assert.rejects(importFiles([MWB_TABLES]), (error: unknown) => error instanceof ImportError && /no conformance profile/.test(error.message));
            await assert.rejects(importFiles(['empty.xml'], { 'empty.xml': '<HL7v2xConformanceProfile HL7Version="2.5.1"/>' }),
                (error: unknown) => error instanceof ImportError && /no HL7v2xStaticDef/.test(error.message));
        });
    });
});

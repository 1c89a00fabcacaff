import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { buildWorkspace, type BuiltWorkspace } from '../../language-server/language/build-workspace.js';
import { EngineIssue } from '../../language-server/model/finding-codes.js';
import { checkSamples } from '../../language-server/samples/run-samples.js';
import { REPO_ROOT } from '../support/lsp-client.js';

/**
 * Captured messages are input nobody controls: mutated captures (separators inserted, deleted or swapped, segments
 * cut, doubled or truncated, bytes that are not UTF-8, MLLP framing broken) go through the reader, the matching and
 * every sample rule of the lab-network example, matched and with `--interface`. Nothing may throw, and no rule may
 * fail inside (an `internal-error` finding): every problem is a finding at a position inside the file.
 */

const LAB = path.join(REPO_ROOT, 'examples', 'lab-network');
const CAPTURES = ['winpath-2026-02-10.hl7', 'winpath-2026-07-14.hl7'].map(name => readFileSync(path.join(LAB, 'captures', 'lab-results', name)));
const PLANTED = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'samples', 'checks', 'captures', 'planted', 'planted.hl7'));
const SEEDS = [...CAPTURES, PLANTED];
const SPECIAL = [...'|^~\\&\r\n\u000b\u001c'].map(ch => ch.charCodeAt(0)).concat([0x00, 0xff, 0xc3, 0x80, 0x22, 0x20]);

type Edit = { at: number, kind: 'insert' | 'delete' | 'replace' | 'duplicate' | 'truncate', byte: number, length: number };

const editArbitrary: fc.Arbitrary<Edit> = fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate', 'truncate'),
    byte: fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({ min: 0, max: 255 })),
    length: fc.integer({ min: 1, max: 80 })
}) as fc.Arbitrary<Edit>;

function mutate(source: Buffer, edits: Edit[]): Buffer {
    let bytes = Buffer.from(source);
    for (const edit of edits) {
        const at = bytes.length === 0 ? 0 : edit.at % (bytes.length + 1);
        switch (edit.kind) {
            case 'insert': bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([edit.byte]), bytes.subarray(at)]); break;
            case 'delete': bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + edit.length)]); break;
            case 'replace': if (at < bytes.length) bytes[at] = edit.byte; break;
            case 'duplicate': bytes = Buffer.concat([bytes.subarray(0, at + edit.length), bytes.subarray(at)]); break;
            case 'truncate': bytes = bytes.subarray(0, at); break;
        }
    }
    return bytes;
}

describe('fuzz: mutated captured messages through the sample rules', function () {
    this.timeout(600_000);
    let built: BuiltWorkspace;
    let folder: string;

    before(async () => {
        built = await buildWorkspace([LAB]);
        folder = mkdtempSync(path.join(tmpdir(), 'interspec-samples-fuzz-'));
    });

    it('never throw nor fail inside a rule, matched or checked against one interface; findings stay inside the file', async () => {
        const iface = built.documents.flatMap(d => d.parseResult.value.elements).find(e => e.$type === 'Interface' && (e as { name: string }).name === 'LabResults');
        assert.ok(iface, 'the lab example has LabResults');
        let runs = 0;
        let checked = 0;
        await fc.assert(fc.asyncProperty(fc.nat(SEEDS.length - 1), fc.array(editArbitrary, { minLength: 1, maxLength: 6 }), fc.boolean(), async (seed, edits, withInterface) => {
            const bytes = mutate(SEEDS[seed], edits);
            const file = path.join(folder, `sample-${runs++}.hl7`);
            writeFileSync(file, bytes);
            const result = await checkSamples(built.services, [], built.documents, { files: [file], iface: withInterface ? iface as never : undefined });
            if (result.messages > 0 && result.findings.some(f => f.code !== 'sample-structure')) checked++;
            const internal = result.findings.filter(f => f.code === EngineIssue.InternalError);
            assert.deepEqual(internal.map(f => f.message), []);
            const lines = bytes.toString('latin1').split(/\r\n|\r|\n/).length;
            for (const finding of result.findings.filter(f => f.file === file)) {
                assert.ok(finding.line >= 1 && finding.line <= lines + 1 && finding.column >= 1, `${finding.line}:${finding.column} ${finding.code} ${finding.message}`);
            }
        }), { seed: 25_29, numRuns: 1500, endOnFailure: true });
        assert.equal(runs, 1500);
        assert.ok(checked > 100, `the rules ran on the mutated messages (${checked} runs with a rule's finding)`);
    });
});

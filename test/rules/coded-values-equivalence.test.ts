import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeMeaning, publishedTargets } from '../../language-server/dictionaries/code-equivalences.js';
import { buildEditorWorkspace } from '../support/editor-workspace.js';
import { checkFiles, writeWorkspace } from '../support/workspace.js';

const ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';

function feed(standard: string, mappings: string[], handlers: string[] = []): string {
    return `import "org.ispec"\ninterface Feed {\n    from A to B standard ${standard} owner Ops\n    message ORU^R01 {\n${mappings.map(m => `        ${m}\n`).join('')}    }\n${handlers.map(h => `    ${h}\n`).join('')}}\n`;
}

/** The coded-values findings that judge a code map entry's target against its meaning (`line severity message`). */
async function meaningFindings(standard: string, mappings: string[], handlers: string[] = []): Promise<string[]> {
    const { findings } = await checkFiles({ 'org.ispec': ORG, 'a.ispec': feed(standard, mappings, handlers) });
    return findings.filter(f => f.code === 'coded-values' && / is mapped to /.test(f.message)).map(f => `${f.line} ${f.severity} ${f.message}`);
}

describe('coded-values: code map pairs against published equivalences', () => {
    describe('the data (data/code-equivalences.json)', () => {
        it('holds the HL7 v2-to-FHIR concept maps with their sheet, in both directions', () => {
            assert.deepEqual(publishedTargets('v2:0038', 'fhir:request-status', 'HD'), { targets: ['on-hold'], source: 'mappings/codesystems/HL7 Concept Map_ OrderStatus - Sheet1.csv' });
            assert.deepEqual(publishedTargets('fhir:request-status', 'v2:0038', 'active')?.targets, ['IP', 'SC']);
            assert.deepEqual(publishedTargets('v2:0085', 'fhir:observation-status', 'C')?.targets, ['corrected']);
            assert.equal(publishedTargets('v2:0085', 'fhir:observation-status', 'N'), undefined, 'the map leaves N (not asked) out');
        });

        it('classes each code by its definition: obsolete is not available, UNAPPROVED not APPROVED', () => {
            assert.equal(codeMeaning('v2:0273', 'OB')?.class, 'obsolete');
            assert.equal(codeMeaning('v2:0273', 'AV')?.class, 'available');
            assert.equal(codeMeaning('dicom:(300E,0002)', 'UNAPPROVED')?.class, 'unapproved');
            assert.equal(codeMeaning('v2:0038', 'HD')?.class, codeMeaning('fhir:medicationrequest-status', 'on-hold')?.class);
            assert.equal(codeMeaning('v2:0001', 'X'), undefined, 'a local code is not classed');
        });
    });

    describe('failing', () => {
        it('flags a v2 code mapped against the published concept map (ORC-5 HD to active, OBX-11 P to final)', async () => {
            const held = await meaningFindings('HL7v2 "2.5.1"', ['ORC-5 -> ServiceRequest.status codes { IP -> active, HD -> active, CA -> revoked } receives IP, HD, CA']);
            assert.equal(held.length, 1, held.join('\n'));
            assert.match(held[0], /^5 warning ORC-5 code HD \(on hold\) is mapped to active \(active\): the HL7 v2-to-FHIR concept map \(OrderStatus\) pairs HD with on-hold/);
            const prelim = await meaningFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status codes { F -> final, P -> final } receives F, P']);
            assert.deepEqual(prelim.map(f => f.slice(0, 12)), ['5 warning OB']);
            assert.match(prelim[0], /P \(a preliminary result\) is mapped to final/);
        });

        it('flags the reverse direction of a published map (FHIR on-hold to ORC-5 IP) and a class contradiction without one (MedicationRequest on-hold to IP)', async () => {
            assert.deepEqual((await meaningFindings('FHIR R4', ['ServiceRequest.status -> ORC-5 codes { active -> IP, on-hold -> IP } receives active, on-hold'])).map(f => f.slice(0, 9)), ['5 warning']);
            const medication = await meaningFindings('FHIR R4', ['MedicationRequest.status -> ORC-5 codes { active -> SC, on-hold -> IP, stopped -> DC } receives active, on-hold, stopped']);
            assert.equal(medication.length, 1, medication.join('\n'));
            assert.match(medication[0], /on-hold \(on hold\) is mapped to IP \(active\): medicationrequest-status on-hold and HL7 table 0038 IP are not the same order status.* Map it to `HD`/);
        });

        it('flags a code passed into the same table that changes meaning (TXA-19 OB to AV, DICOM UNAPPROVED to APPROVED, MACHINE to NORMAL)', async () => {
            const obsolete = await meaningFindings('HL7v2 "2.5.1"', ['TXA-19 -> TXA-19 codes { OB -> AV } receives OB']);
            assert.equal(obsolete.length, 1, obsolete.join('\n'));
            assert.match(obsolete[0], /^5 warning TXA-19 code OB \(obsolete \(superseded\)\) is mapped to AV \(available for patient care\): a code passed into the same HL7 table 0273 keeps its meaning/);
            assert.match((await meaningFindings('DICOM "2024b"', ['(300E,0002) -> (300E,0002) codes { APPROVED -> APPROVED, UNAPPROVED -> APPROVED, REJECTED -> REJECTED } receives APPROVED, UNAPPROVED, REJECTED']))[0],
                /^5 warning \(300E,0002\) code UNAPPROVED \(not yet reviewed\) is mapped to APPROVED/);
            assert.match((await meaningFindings('DICOM "2024b"', ['(3008,002A) -> (3008,002A) codes { NORMAL -> NORMAL, MACHINE -> NORMAL } receives NORMAL, MACHINE']))[0], /^5 warning \(3008,002A\) code MACHINE/);
        });

        it('flags a vague code made specific (sex U to female) and an urgent visit made elective', async () => {
            assert.deepEqual((await meaningFindings('HL7v2 "2.5.1"', ['PID-8 -> Patient.gender codes { F -> female, M -> male, U -> female } receives F, M, U'])).map(f => f.slice(0, 9)), ['5 warning']);
            assert.deepEqual((await meaningFindings('HL7v2 "2.5.1"', ['PV2-25 -> PV2-25 codes { 1 -> 1, 2 -> 3, 3 -> 3 } receives 1, 2, 3'])).map(f => f.slice(0, 9)), ['5 warning']);
        });

        it('flags an urgent encounter made elective (Encounter.priority UR to PV2-25 3, the EncounterPriority map gives 2)', async () => {
            const elective = await meaningFindings('FHIR R4', ['Encounter.priority -> PV2-25 codes { EM -> 1, UR -> 3, EL -> 3 } receives EM, UR, EL']);
            assert.equal(elective.length, 1, elective.join('\n'));
            assert.match(elective[0], /^5 warning Encounter\.priority code UR \(.*\) is mapped to 3 \(elective\): the HL7 v2-to-FHIR concept map \(EncounterPriority\) pairs UR with 2\b.* Map it to `2`/);
        });

        it('flags a dropped priority written in capitals by a local payload (URGENT to routine)', async () => {
            const { findings } = await checkFiles({ 'org.ispec': ORG, 'a.ispec': feed('REST 1.0.0 openapi "api.json"', ['referral.priority -> order.priority codes { ROUTINE -> routine, URGENT -> routine } receives ROUTINE, URGENT']) });
            assert.deepEqual(findings.filter(f => f.code === 'coded-values').map(f => `${f.line} ${f.severity} ${f.message.slice(0, 60)}`), ['5 warning referral.priority priority URGENT is mapped to routine, the ']);
        });

        it('flags a blood group mapped to another ABO group or RhD type where the map pairs blood group codes', async () => {
            const wrong = await meaningFindings('HL7v2 "2.5.1"', ['OBX-5 -> OBX-5 codes { APOS -> "A+", ANEG -> "A+", OPOS -> "O+", ONEG -> "O-", ABPOS -> "B+" } receives APOS, ANEG, OPOS, ONEG, ABPOS']);
            assert.deepEqual(wrong.map(f => f.replace(/\): .*/, ')')), [
                '5 warning OBX-5 code ANEG (group A, RhD negative) is mapped to A+ (group A, RhD positive)',
                '5 warning OBX-5 code ABPOS (group AB, RhD positive) is mapped to B+ (group B, RhD positive)'
            ]);
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['OBX-5 -> OBX-5 codes { APOS -> "A+", ANEG -> "A-", "AB Rh(D) positive" -> "AB+", O_NEG -> "O-" } receives APOS, ANEG, "AB Rh(D) positive", O_NEG']), []);
            // One blood group code on each side does not make a blood group map (BP is no group).
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['OBX-3 -> OBX-3 codes { APOS -> "B+", BP -> BP } receives APOS, BP']), []);
        });

        it('gives an info where the target loses detail (a correction filed as final), a warning where the interface handles that scenario', async () => {
            const lost = await meaningFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status codes { F -> final, C -> final } receives F, C']);
            assert.deepEqual(lost.map(f => f.slice(0, 6)), ['5 info']);
            const handled = await meaningFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status codes { F -> final, C -> final } receives F, C'], ['on correction "The corrected result replaces the first" escalate Ops within 1h']);
            assert.equal(handled.length, 1, handled.join('\n'));
            assert.match(handled[0], /^5 warning .* the receiver loses the correction this interface's `on correction` handler relies on/);
            assert.deepEqual((await meaningFindings('HL7v2 "2.5.1"', ['PID-8 -> Patient.gender codes { F -> unknown, M -> male } receives F, M'])).map(f => f.slice(0, 6)), ['5 info']);
        });

        it('reports an entry once: a collapse or a dropped priority is not reported again as a contradiction', async () => {
            assert.equal((await meaningFindings('FHIR R4', ['MedicationRequest.status -> MedicationRequest.status codes { active -> active, on-hold -> active } receives active, on-hold'])).length, 1);
            assert.equal((await meaningFindings('FHIR R4', ['ServiceRequest.priority -> TQ1-9 codes { routine -> R, urgent -> R, asap -> A, stat -> S } receives routine, urgent, asap, stat'])).length, 1);
        });
    });

    describe('passing', () => {
        it('passes the published targets, a coarser target of the same class and codes the data does not class', async () => {
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status codes { P -> preliminary, F -> final, C -> corrected, A -> corrected, X -> cancelled } receives P, F, C, A, X']), []);
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['ORC-5 -> ServiceRequest.status codes { IP -> active, SC -> active, HD -> on-hold, CA -> revoked, DC -> revoked, CM -> completed } receives IP, SC, HD, CA, DC, CM']), []);
            // A correction carried as amended is coarser, not contradictory; R (not verified) as preliminary is its class.
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['OBX-11 -> Observation.status codes { R -> preliminary, F -> final, C -> amended } receives R, F, C']), []);
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['OBX-11 -> OBX-11 codes { N -> F } receives N']), [], 'N (not asked) has no class');
        });

        it('passes vague to vague (sex U to DICOM O, N to unknown), a raised priority, and a target the receiver names locally', async () => {
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['PID-8 -> (0010,0040) codes { F -> F, M -> M, O -> O, U -> O } receives F, M, O, U']), []);
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['PID-8 -> Patient.gender codes { F -> female, M -> male, O -> other, U -> unknown, A -> other, N -> unknown } receives F, M, O, U, A, N']), []);
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['TQ1-9 -> TQ1-9 codes { S -> S, A -> S, R -> R } receives S, A, R']), []);
            assert.deepEqual(await meaningFindings('FHIR R4', ['ServiceRequest.priority -> ServiceRequest.priority codes { routine -> routine, urgent -> urgent, asap -> urgent, stat -> stat } receives routine, urgent, asap, stat']), []);
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['TXA-19 -> TXA-19 codes { AV -> AV, OB -> OB, CA -> CA, UN -> UN } receives AV, OB, CA, UN']), []);
            // A cancelled result shown as deleted withdraws it all the same (examples/lab-network says so in its handler).
            assert.deepEqual(await meaningFindings('HL7v2 "2.5.1"', ['OBX-11 -> OBX-11 codes { F -> F, C -> C, X -> D, P -> P } receives F, C, X, P'],
                ['on cancellation "The clinic EHR shows X as deleted (D)" escalate Ops within 1h']), []);
        });
    });

    it('offers the published target as the quick fix', async function () {
        const root = writeWorkspace({ 'org.ispec': ORG, 'a.ispec': feed('HL7v2 "2.5.1"', ['ORC-5 -> ServiceRequest.status codes { IP -> active, HD -> active } receives IP, HD']) });
        const workspace = await buildEditorWorkspace([root]);
        const document = workspace.documents.find(d => d.uri.fsPath === path.join(root, 'a.ispec')) as LangiumDocument;
        const diagnostic = (document.diagnostics ?? []).find((d: Diagnostic) => / HD \(on hold\) is mapped to active/.test(d.message));
        assert.ok(diagnostic, JSON.stringify(document.diagnostics?.map(d => d.message)));
        const actions = await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
            textDocument: { uri: document.textDocument.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
        }) as CodeAction[];
        const action = actions.find(a => a.title === "Map HD to 'on-hold'");
        assert.ok(action, JSON.stringify(actions.map(a => a.title)));
        const text = TextDocument.applyEdits(TextDocument.create('x', 'interspec', 0, document.textDocument.getText()), action.edit!.changes![document.textDocument.uri]);
        assert.match(text, /codes \{ IP -> active, HD -> on-hold \}/);
    });
});

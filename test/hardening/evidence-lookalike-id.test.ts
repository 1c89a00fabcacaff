import { strict as assert } from 'node:assert';
import { evaluateGate } from '../../language-server/generators/index.js';
import { foldEvidenceId } from '../../language-server/evidence/id-fold.js';
import { evidenceEntry, everyItemOfGatePassed, GATE_SPEC, inputFromFiles } from '../generators/generator-support.js';

const NORMAL = 'TM-Feed-North-ORU_R01-normal';

/**
 * Faults issue 29 does not list ("other evidence orderings"): a `failed` entry whose id only looks like a real one.
 * Every id of a workspace is ASCII (names are ASCII letters, digits, `_` and `-`), so a character outside ASCII in
 * an evidence id that otherwise matches is never meant: a Cyrillic `е` typed on a Cyrillic keyboard, a hyphen that a
 * word processor or a wiki turned into U+2010 or an en dash, an accent left by a decomposed (NFD) paste, a Turkish
 * dotless `ı`. Before, such an entry was an `evidence-unknown-id` warning, counted for nothing, and an older `passed`
 * for the real id gave GO; now it is an `evidence-id-case` error naming the characters, and the gate is NO-GO.
 */
describe('hardening: evidence ids that only look like a real id', function () {
    this.timeout(300_000);

    it('folds look-alike letters, Unicode dashes and combining marks onto the ASCII id, and nothing else', () => {
        for (const variant of ['TM-F\u0435ed', 'TM\u2010Feed', 'TM\u2013Feed', 'TM\u2212Feed', 'TM-Fe\u0301ed', 'TM-F\u0435\u0435d', '\u0422\u041C-Feed', 'TM-Fee\u0501']) {
            assert.equal(foldEvidenceId(variant), foldEvidenceId('TM-Feed'), JSON.stringify(variant));
        }
        assert.equal(foldEvidenceId('TM-Feed-norma\u0131'), foldEvidenceId('TM-Feed-normai'));
        assert.notEqual(foldEvidenceId('TM-Feed-2'), foldEvidenceId('TM-Feed-3'));
        assert.notEqual(foldEvidenceId('TM-Feed'), foldEvidenceId('TM-Food'));
        assert.notEqual(foldEvidenceId('TM-Feed-normal'), foldEvidenceId('TM-Feed-normaI'), 'an ASCII typo is another id');
    });

    it('a failed entry for a test case or a criterion written with look-alike characters: NO-GO naming them', async () => {
        const base = await everyItemOfGatePassed();
        const passing = await inputFromFiles({ 'spec.ispec': GATE_SPEC, 'evidence/base.yaml': base }, { structuralOnly: true });
        assert.equal(evaluateGate(passing, 'Go').decision, 'GO');
        const variants: Array<[string, string, RegExp]> = [
            ['TM-Fe\u0435d-North-ORU_R01-normal', NORMAL, /only by look-alike characters \(U\+0435\)/],
            ['TM\u2010Feed\u2010North\u2010ORU_R01\u2010normal', NORMAL, /only by look-alike characters \(U\+2010\)/],
            ['TM\u2013Feed-North-ORU_R01-normal', NORMAL, /only by look-alike characters \(U\+2013\)/],
            ['TM-Feed\u0301-North-ORU_R01-normal', NORMAL, /only by look-alike characters \(U\+0301\)/],
            ['TM-Feed-North-ORU_R01-norma\u217C', NORMAL, /only by case or character width/],
            ['G\u043E.Sim', 'Go.Sim', /only by look-alike characters \(U\+043E\)/],
            ['TM-Feed\u200B-North-ORU_R01-norm\u0430l', NORMAL, /only by invisible characters \(U\+200B\) and look-alike characters \(U\+0430\)/]
        ];
        for (const [variant, real, how] of variants) {
            const input = await inputFromFiles({ 'spec.ispec': GATE_SPEC, 'evidence/base.yaml': base + evidenceEntry(variant, 'failed', '2026-10-02') }, { structuralOnly: true });
            const result = evaluateGate(input, 'Go');
            assert.equal(result.decision, 'NO-GO', `${JSON.stringify(variant)}: ${result.reasons.join('\n')}`);
            const finding = input.evidence!.findings.find(f => f.code === 'evidence-id-case');
            assert.equal(finding?.severity, 'error', `${JSON.stringify(variant)}: ${JSON.stringify(input.evidence!.findings)}`);
            assert.match(finding!.message, how);
            assert.ok(finding!.message.includes(`differs from '${real}'`), finding!.message);
            assert.ok(!input.evidence!.findings.some(f => f.code === 'evidence-unknown-id'), 'one finding, not a typo warning too');
        }
    });

    it('an ASCII typo stays an unknown-id warning: the fold does not guess between two ASCII ids', async () => {
        const input = await inputFromFiles({ 'spec.ispec': GATE_SPEC, 'evidence/base.yaml': `evidence:\n  - { id: "TM-Feed-North-ORU_R01-normaI", status: failed, by: QA, date: 2026-10-02 }\n` }, { structuralOnly: true });
        assert.deepEqual(input.evidence!.findings.map(f => f.code), ['evidence-unknown-id']);
    });
});

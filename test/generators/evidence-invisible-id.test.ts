import { strict as assert } from 'node:assert';
import { evaluateGate } from '../../language-server/generators/index.js';
import { foldEvidenceId } from '../../language-server/evidence/id-fold.js';
import { evidenceEntry, everyItemOfGatePassed, GATE_SPEC, inputFromFiles } from './generator-support.js';

/**
 * Issue 29 ("other evidence orderings"): a `failed` entry whose id differs from a real one only by characters nobody
 * sees (a zero-width space, a joiner, a bidi control, a byte-order mark pasted from a ticket) or by full-width
 * letters counts for nothing, exactly like an id in the wrong case: it is an `evidence-id-case` error and NO-GO.
 * Before, it was an `evidence-unknown-id` warning and an older `passed` for the real id gave GO.
 */
describe('evidence ids with invisible or full-width characters never leave an older passed standing (issue 29)', function () {
    this.timeout(300_000);
    const NORMAL = 'TM-Feed-North-ORU_R01-normal';

    it('folds format characters, compatibility forms and case, and nothing else', () => {
        assert.equal(foldEvidenceId('TM-Feed\u200B-North'), foldEvidenceId('TM-Feed-North'));
        assert.equal(foldEvidenceId('\u202ETM\u2066-Feed\u2069\uFEFF'), foldEvidenceId('TM-Feed'));
        assert.equal(foldEvidenceId('\uFF34\uFF2D-Feed'), foldEvidenceId('TM-Feed'));
        assert.notEqual(foldEvidenceId('TM-Feed-2'), foldEvidenceId('TM-Feed-3'));
        // Another ASCII letter is another id (a typo warning at most); look-alikes outside ASCII (a Cyrillic 'е') fold
        // onto the Latin id: test/hardening/evidence-lookalike-id.test.ts.
        assert.notEqual(foldEvidenceId('TM-Food'), foldEvidenceId('TM-Feed'));
    });

    it('a failed entry for a test case with a zero-width space, a joiner, a bidi control or full-width letters: NO-GO', async () => {
        const base = await everyItemOfGatePassed();
        const passing = await inputFromFiles({ 'spec.ispec': GATE_SPEC, 'evidence/base.yaml': base }, { structuralOnly: true });
        assert.equal(evaluateGate(passing, 'Go').decision, 'GO');
        const variants: Array<[string, RegExp]> = [
            ['TM-Feed\u200B-North-ORU_R01-normal', /only by invisible characters \(U\+200B\)/],
            ['TM-Feed-North\u200D-ORU_R01-normal', /only by invisible characters \(U\+200D\)/],
            ['\u202ETM-Feed-North-ORU_R01-normal', /only by invisible characters \(U\+202E\)/],
            ['\u2060tm-feed-north-oru_r01-normal', /only by invisible characters \(U\+2060\) and case/],
            ['\uFF34\uFF2D-Feed-North-ORU_R01-normal', /only by case or character width/]
        ];
        for (const [variant, how] of variants) {
            const input = await inputFromFiles({ 'spec.ispec': GATE_SPEC, 'evidence/base.yaml': base + evidenceEntry(variant, 'failed', '2026-10-02') }, { structuralOnly: true });
            const result = evaluateGate(input, 'Go');
            assert.equal(result.decision, 'NO-GO', `${JSON.stringify(variant)}: ${result.reasons.join('\n')}`);
            const finding = input.evidence!.findings.find(f => f.code === 'evidence-id-case');
            assert.equal(finding?.severity, 'error', JSON.stringify(input.evidence!.findings));
            assert.match(finding!.message, how);
            assert.ok(finding!.message.includes(`differs from '${NORMAL}'`), finding!.message);
            assert.ok(!input.evidence!.findings.some(f => f.code === 'evidence-unknown-id'), 'one finding, not a typo warning too');
        }
    });
});

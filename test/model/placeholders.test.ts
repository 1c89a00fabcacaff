import { strict as assert } from 'node:assert';
import { isPlaceholder } from '../../language-server/model/workspace-index.js';

/**
 * The one placeholder list every rule reads (PLACEHOLDER_WORDS): a text that is only a placeholder counts as missing
 * wherever a rule expects a record. Each rule's tests show it on that rule's statements.
 */
describe('rules read content, not presence: placeholders', () => {
    it('treats the one placeholder list as placeholders, and real records as records', () => {
        for (const text of ['', '  ', 'n/a', 'N/A', 'none', '-', '?', 'TBD', 'TBC', 'TODO: later', 'unknown', 'Pending', 'pending.']) {
            assert.equal(isPlaceholder(text), true, text);
        }
        for (const text of ['n/a at night: see SOP-7', 'None of the analysers are on the VLAN; see CHG-12', 'IQ-PQ register 2024', 'Pending results are held in the queue']) {
            assert.equal(isPlaceholder(text), false, text);
        }
    });
});

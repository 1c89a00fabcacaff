import { strict as assert } from 'node:assert';
import { IMPORT_KINDS } from '../../language-server/import/index.js';
import { IMPORT_KIND_LIST } from '../../language-server/import/kind-list.js';

describe('import: the list of kinds the help shows', () => {
    it('names every kind with its summary, in the order of IMPORT_KINDS', () => {
        assert.deepEqual(IMPORT_KIND_LIST.map(kind => [kind.name, kind.summary]), IMPORT_KINDS.map(kind => [kind.name, kind.summary]));
    });
});

import { strict as assert } from 'node:assert';
import { codeMeanings } from '../../language-server/dictionaries/code-meanings.js';
import { lookupField } from '../../language-server/dictionaries/index.js';

describe('dictionaries: what each code means', function () {
    it('gives each code of HL7 table 0085 (OBX-11) its description', () => {
        const found = lookupField('HL7v2', '2.5.1', 'OBX-11');
        assert.equal(found.status, 'known');
        const field = found.status === 'known' ? found.field : undefined;
        const meanings = codeMeanings(field!);
        assert.deepEqual([...meanings.keys()], field!.codes);
        assert.equal(meanings.get('F'), 'Final results; Can only be changed with a corrected result.');
        assert.equal(meanings.get('C'), 'Record coming over is a correction and thus replaces a final result');
    });

    it('gives a FHIR required value set\'s codes their display in the release asked for', () => {
        assert.equal(codeMeanings({ standard: 'FHIR', table: 'observation-status' }, '4.0.1').get('entered-in-error'), 'Entered in Error');
        assert.equal(codeMeanings({ standard: 'FHIR', table: 'administrative-gender' }, 'R5').get('unknown'), 'Unknown');
    });

    it('gives nothing for a field without a table or a table the source has no texts for', () => {
        assert.equal(codeMeanings({ standard: 'HL7v2', table: undefined }).size, 0);
        assert.equal(codeMeanings({ standard: 'FHIR', table: 'no-such-value-set' }).size, 0);
        assert.equal(codeMeanings({ standard: 'DICOM', table: '0085' }).size, 0);
    });
});

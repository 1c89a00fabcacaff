import * as assert from 'node:assert/strict';
import { matrixRows } from '../../language-server/generators/index.js';
import { inputFromFiles } from './generator-support.js';

const ORG = 'team LabIT\nsystem LIS { kind LIS }\nsystem EHR { kind EHR }\nsite North { timezone "UTC" }\n';

describe('matrix: repetitions by authority and conditional mappings', () => {
    it('gives each PID-3 repetition by assigning authority, and each when-group of OBX-5, a row of its own', async () => {
        const input = await inputFromFiles({
            'org.ispec': ORG,
            'lab.ispec': `interface LabResults {
    from LIS to EHR standard HL7v2 2.5.1 owner LabIT sites North
    message ORU^R01 {
        PID-3 -> Patient.identifier identifier authority "MRN"
        PID-3 -> Patient.identifier identifier authority "national id"
        when OBX-2 = NM { OBX-5 -> Observation.valueQuantity.value units "mmol/L" }
        when OBX-2 = ST { OBX-5 -> Observation.valueString }
    }
}
`
        });
        const ids = [...matrixRows(input)].map(row => row.id);
        assert.equal(new Set(ids).size, ids.length, 'ids are unique');
        const identifiers = ids.filter(id => id.includes('-identifier-'));
        assert.equal(identifiers.length, 2, identifiers.join(', '));
        assert.ok(identifiers[0].endsWith('-PID-3-Patient.identifier-MRN'), identifiers[0]);
        assert.match(identifiers[1], /-PID-3-Patient\.identifier-national_id/);
        // The NM group is a quantity with its units row; the ST group is text, with no units row.
        const units = ids.filter(id => id.includes('-units-'));
        assert.equal(units.length, 1, units.join(', '));
        assert.match(units[0], /-units-OBX-5-when_OBX_2_NM/);
    });
});

describe('matrix: units per analyte', () => {
    it('gives each analyte of a units-per block a row with its own unit and conversion', async () => {
        const input = await inputFromFiles({
            'org.ispec': ORG,
            'lab.ispec': `interface LabResults {
    from LIS to EHR standard HL7v2 2.5.1 owner LabIT sites North
    message ORU^R01 {
        OBX-5 -> Observation.valueQuantity.value units per OBX-3 {
            "2345-7": "mg/dL" -> "mmol/L" factor 0.0555 molar-mass 180.16
            "8480-6": "mm[Hg]"
        }
    }
}
`
        });
        const rows = [...matrixRows(input)].filter(row => row.id.includes('-units-'));
        assert.deepEqual(rows.map(row => row.id.replace(/^.*-units-/, '')), ['OBX-5-2345-7', 'OBX-5-8480-6']);
        assert.match(rows[0].stimulus, /OBX-3 = 2345-7 and OBX-5 = 100 mg\/dL/);
        assert.match(rows[0].expected, /shows 5\.55 mmol\/L/);
        assert.match(rows[1].expected, /shows 100 mm\[Hg\], unchanged/);
    });
});

describe('matrix: a repetition chosen by its assigning authority', () => {
    it('is one row with that authority, apart from the same field by index', async () => {
        const input = await inputFromFiles({
            'org.ispec': ORG,
            'adt.ispec': `interface Admissions {
    from EHR to LIS standard HL7v2 2.5.1 owner LabIT sites North
    message ADT^A04 {
        PID-3[1] -> PID-3[1] identifier authority "VALLEY-MRN"
        PID-3[authority = "NLMINBIZA"] -> PID-3[authority = "NLMINBIZA"]
    }
}
`
        });
        const rows = [...matrixRows(input)].filter(row => row.id.includes('-identifier-'));
        assert.equal(rows.length, 2, rows.map(row => row.id).join(', '));
        assert.equal(new Set(rows.map(row => row.id)).size, 2);
        assert.match(rows[1].id, /NLMINBIZA/);
        assert.equal(rows[1].handled, true);
        assert.match(rows[1].expected, /assigning authority NLMINBIZA/);
    });
});

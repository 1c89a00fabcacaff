import { strict as assert } from 'node:assert';
import { fhirInstantOf, fhirOffsetText, parseFhirDateTime } from '../../language-server/samples/fhir-time.js';

/** FHIR date, dateTime and instant values as sample-values and sample-timestamps read them (FHIR R4 datatypes). */

describe('samples: FHIR dateTime values', () => {
    it('reads the precisions FHIR allows, with Z or an offset, and tells a missing offset apart', () => {
        assert.deepEqual(parseFhirDateTime('2013'), { year: 2013, month: 1, day: 1, hour: 0, minute: 0, second: 0, hasTime: false, offsetMinutes: undefined });
        assert.equal(parseFhirDateTime('2013-04')?.month, 4);
        assert.equal(parseFhirDateTime('2013-04-02T09:30:10+01:00')?.offsetMinutes, 60);
        assert.equal(parseFhirDateTime('2013-04-02T09:30:10.123-05:30')?.offsetMinutes, -330);
        assert.equal(parseFhirDateTime('2013-04-02T09:30:10Z')?.offsetMinutes, 0);
        const local = parseFhirDateTime('2013-04-02T09:30:10');
        assert.equal(local?.hasTime, true);
        assert.equal(local?.offsetMinutes, undefined);
    });

    it('refuses what is not a date: impossible days and months, HL7 v2 and space-separated forms, offsets beyond 14:00', () => {
        for (const text of ['2026-02-30', '2025-02-29', '1961-13-01', '2026-02-10 07:15:00+01:00', '20260210071500+0100', '2026-02-10T07:15+01:00',
            '2026-02-10T24:00:00Z', '2026-02-10T07:15:00+14:30', '2026-02-10T07:15:00+0100', '0000-01-01']) {
            assert.equal(parseFhirDateTime(text), undefined, text);
        }
        assert.ok(parseFhirDateTime('2024-02-29'), 'a leap day');
        assert.ok(parseFhirDateTime('2026-02-10T07:15:00+14:00'), 'the largest offset');
    });

    it('gives the instant and writes offsets as FHIR does', () => {
        assert.equal(fhirInstantOf(parseFhirDateTime('2026-07-10T07:15:00+02:00')!), Date.UTC(2026, 6, 10, 5, 15));
        assert.equal(fhirOffsetText(-330), '-05:30');
        assert.equal(fhirOffsetText(0), '+00:00');
    });
});

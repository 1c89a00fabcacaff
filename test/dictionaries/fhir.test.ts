import { strict as assert } from 'node:assert';
import { listFields, lookupField, type FieldInfo } from '../../language-server/dictionaries/index.js';

function known(version: string | undefined, path: string): FieldInfo {
    const result = lookupField('FHIR', version, path);
    assert.equal(result.status, 'known', `${path} (${version}) should be known, got ${JSON.stringify(result)}`);
    return (result as { field: FieldInfo }).field;
}

describe('dictionaries: FHIR', () => {
    it('knows elements of the resources used in clinical integration, in R4 and R5', () => {
        const resources = ['Patient', 'Encounter', 'Observation', 'DiagnosticReport', 'ServiceRequest', 'Specimen', 'ImagingStudy', 'Practitioner',
            'Organization', 'Location', 'Device', 'Procedure', 'Appointment', 'DocumentReference', 'Task', 'MedicationRequest', 'Condition', 'AllergyIntolerance'];
        for (const version of ['R4', 'R5']) {
            for (const resource of resources) {
                assert.equal(known(version, `${resource}.id`).kind, 'identifier', `${version} ${resource}.id`);
                assert.equal(known(version, `${resource}.meta.lastUpdated`).kind, 'timestamp');
            }
        }
    });

    it('maps element types to kinds', () => {
        assert.equal(known('R4', 'Patient.identifier').kind, 'identifier');
        assert.equal(known('R4', 'Patient.identifier.value').kind, 'identifier');
        assert.equal(known('R4', 'Patient.birthDate').kind, 'timestamp');
        assert.equal(known('R4', 'Observation.issued').dataType, 'instant');
        assert.equal(known('R4', 'Observation.code').kind, 'code');
        assert.equal(known('R4', 'Observation.code.coding.code').kind, 'code');
        assert.equal(known('R4', 'Patient.name.family').kind, 'text');
        assert.equal(known('R4', 'Observation.subject').kind, 'other');
        assert.equal(known('R4', 'Observation.subject.reference').dataType, 'string');
        assert.equal(known('R4', 'Specimen.collection.quantity').kind, 'quantity');
    });

    it('resolves choice types by their typed names', () => {
        const quantity = known('R4', 'Observation.valueQuantity');
        assert.equal(quantity.dataType, 'Quantity');
        assert.equal(quantity.kind, 'quantity');
        assert.equal(known('R4', 'Observation.valueString').kind, 'text');
        assert.equal(known('R4', 'Observation.valueCodeableConcept').kind, 'code');
        assert.equal(known('R4', 'Observation.effectiveDateTime').kind, 'timestamp');
        const open = known('R4', 'Observation.value[x]');
        assert.equal(open.kind, 'other');
        assert.ok(open.dataType.split('|').includes('Quantity'));
        assert.equal(known('R4', 'Observation.value').path, 'Observation.value');
        // Not a type the choice allows.
        assert.equal(lookupField('FHIR', 'R4', 'Observation.valueAddress').status, 'unknown');
        // R5 added valueAttachment and valueReference.
        assert.equal(lookupField('FHIR', 'R4', 'Observation.valueAttachment').status, 'unknown');
        assert.equal(known('R5', 'Observation.valueAttachment').dataType, 'Attachment');
    });

    it('walks into complex data types and backbone elements', () => {
        assert.deepEqual(known('R4', 'Observation.valueQuantity.value'), {
            standard: 'FHIR', path: 'Observation.valueQuantity.value', name: 'Numerical value (with implicit precision)', dataType: 'decimal', kind: 'quantity'
        });
        assert.equal(known('R4', 'Observation.valueQuantity.unit').kind, 'text');
        assert.equal(known('R4', 'Patient.identifier.system').dataType, 'uri');
        assert.equal(known('R4', 'Observation.referenceRange.low.value').kind, 'quantity');
        assert.equal(known('R4', 'Observation.component.code').kind, 'code');
        assert.equal(known('R4', 'Observation.component.referenceRange.high').dataType, 'Quantity');
        assert.equal(known('R4', 'Patient.contact.name.family').kind, 'text');
        assert.equal(known('R4', 'Patient.contact.extension').dataType, 'Extension');
        assert.equal(known('R4', 'Questionnaire.item.item.linkId').dataType, 'string');
        assert.equal(known('R4', 'Condition.onsetAge.value').kind, 'quantity');
    });

    it('accepts repetition indexes and leaves them out of the canonical path', () => {
        const field = known('R4', 'Patient.identifier[0].value');
        assert.equal(field.path, 'Patient.identifier.value');
        assert.equal(field.kind, 'identifier');
        assert.equal(known('R4', 'Observation.code.coding[1].system').path, 'Observation.code.coding.system');
    });

    it('lists the codes of required value sets on status elements', () => {
        const cases: [string, string, string, string[]][] = [
            ['R4', 'Observation.status', 'observation-status', ['registered', 'preliminary', 'final', 'amended', 'entered-in-error']],
            ['R4', 'DiagnosticReport.status', 'diagnostic-report-status', ['partial', 'final', 'corrected']],
            ['R4', 'ServiceRequest.status', 'request-status', ['draft', 'active', 'revoked', 'completed']],
            ['R4', 'Task.status', 'task-status', ['requested', 'accepted', 'completed']],
            ['R5', 'Observation.status', 'observation-status', ['final', 'amended']],
            ['R5', 'DiagnosticReport.status', 'diagnostic-report-status', ['final', 'modified']],
            ['R4', 'Patient.gender', 'administrative-gender', ['male', 'female', 'other', 'unknown']]
        ];
        for (const [version, path, table, some] of cases) {
            const field = known(version, path);
            assert.equal(field.kind, 'code');
            assert.equal(field.table, table, path);
            for (const code of some) assert.ok(field.codes?.includes(code), `${version} ${path} allows ${code}`);
        }
        assert.ok(!known('R4', 'DiagnosticReport.status').codes!.includes('modified'));
        assert.equal(known('R4', 'Observation.code').codes, undefined);
    });

    it('tells R4 from R5', () => {
        assert.equal(known('R4', 'Encounter.class').dataType, 'Coding');
        assert.equal(known('R5', 'Encounter.class').dataType, 'CodeableConcept');
        assert.equal(lookupField('FHIR', 'R4', 'Encounter.virtualService').status, 'unknown');
        assert.equal(known('R5', 'Encounter.virtualService').dataType, 'VirtualServiceDetail');
        assert.equal(known('4.0.1', 'Encounter.class').dataType, 'Coding');
        assert.equal(known('R4B', 'Encounter.class').dataType, 'Coding');
        assert.equal(known('5.0.0', 'Encounter.class').dataType, 'CodeableConcept');
        assert.equal(known(undefined, 'Encounter.class').dataType, 'Coding');
        assert.deepEqual(lookupField('FHIR', 'STU3', 'Patient.name'), { status: 'unsupported' });
        assert.deepEqual(lookupField('FHIR', '3.0.2', 'Patient.name'), { status: 'unsupported' });
    });

    it('suggests the closest path for a typo', () => {
        assert.deepEqual(lookupField('FHIR', 'R4', 'Observation.valueQuanity'), { status: 'unknown', suggestion: 'Observation.valueQuantity' });
        assert.deepEqual(lookupField('FHIR', 'R4', 'Patinet.identifier'), { status: 'unknown', suggestion: 'Patient.identifier' });
        assert.deepEqual(lookupField('FHIR', 'R4', 'Observation.valueQuantity.vlue'), { status: 'unknown', suggestion: 'Observation.valueQuantity.value' });
        assert.deepEqual(lookupField('FHIR', 'R4', 'Patient.identifer[0].value'), { status: 'unknown', suggestion: 'Patient.identifier.value' });
        assert.deepEqual(lookupField('FHIR', 'R4', 'Patient.somethingElse'), { status: 'unknown' });
        assert.equal(lookupField('FHIR', 'R4', 'Bundle.text').status, 'unknown');
        assert.equal(lookupField('FHIR', 'R4', 'Patient').status, 'unknown');
    });

    it('leaves FHIRPath functions the language does not write alone', () => {
        assert.deepEqual(lookupField('FHIR', 'R4', "Patient.extension('http://example.org/race').value"), { status: 'unsupported' });
    });

    it('reads extensions by URL, slices and where() as the element they select, with the value type', () => {
        const known = (path: string) => {
            const found = lookupField('FHIR', 'R4', path);
            return found.status === 'known' ? [found.field.path, found.field.dataType] : found.status;
        };
        assert.deepEqual(known('Patient.extension:race'), ['Patient.extension', 'Extension']);
        assert.deepEqual(known('Patient.extension("http://example.org/race").valueCoding'), ['Patient.extension.valueCoding', 'Coding']);
        assert.deepEqual(known('Patient.modifierExtension.where("url = \'http://x\'").valueString'), ['Patient.modifierExtension.valueString', 'string']);
        assert.equal(known('Patient.extension("http://example.org/race").valueBogus'), 'unknown');
    });

    it('lists elements for completion', () => {
        const values = listFields('FHIR', 'R4', 'Observation.val').map((f) => f.path);
        assert.ok(values.includes('Observation.value[x]'));
        assert.ok(values.includes('Observation.valueQuantity'));
        assert.ok(values.every((path) => path.startsWith('Observation.val')));
        assert.deepEqual(listFields('FHIR', 'R4', 'Observation.valueQuantity.').map((f) => f.path), [
            'Observation.valueQuantity.id', 'Observation.valueQuantity.extension', 'Observation.valueQuantity.value', 'Observation.valueQuantity.comparator',
            'Observation.valueQuantity.unit', 'Observation.valueQuantity.system', 'Observation.valueQuantity.code'
        ]);
        assert.ok(listFields('FHIR', 'R4', 'Patient.contact.').some((f) => f.path === 'Patient.contact.relationship'));
        assert.ok(listFields('FHIR', 'R4', 'Pat').some((f) => f.path === 'Patient.birthDate'));
        assert.deepEqual(listFields('FHIR', 'R4', 'Nothing.'), []);
    });
});

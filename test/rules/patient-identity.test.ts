import { strict as assert } from 'node:assert';
import { AstUtils } from 'langium';
import { isMapping } from '../../language-server/language/generated/ast.js';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';
import { mappedFields, oneResultMessage, sitesWithDevices, sitesWithParties } from './workspaces.js';

describe('patient-identity', () => {
    docExamples('patient-identity');

    describe('mapped fields and the field dictionaries', () => {
        const { mappingFindings } = mappedFields;

        it('asks an identifier from the dictionary for its assigning authority', async () => {
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['PID-3 -> Patient.identifier']), ['5 patient-identity']);
            assert.deepEqual(await mappingFindings('HL7v2 "2.5.1"', ['PID-3 -> Patient.identifier identifier authority "MRN"']), []);
        });
    });

    describe('HL7 v2 repetitions', () => {
        const { ORG, findings } = oneResultMessage;

        it('keeps PID-3(2) as the repetition PID-3[2] and checks it like one', async () => {
            const { workspace } = await checkFiles({ 'org.ispec': ORG, 'a.ispec': 'import "org.ispec"\ninterface Feed {\n    from A to B standard HL7v2 "2.5.1" owner Ops\n    message ADT^A01 {\n        PID-3(2) -> Patient.identifier[1] identifier authority "national id"\n    }\n}\n' });
            const sources = workspace.documents.flatMap(document => AstUtils.streamAst(document.parseResult.value).filter(isMapping).map(mapping => mapping.source).toArray());
            const text = sources.join(' ');
            assert.match(text, /PID-3\[2\]/);
            assert.doesNotMatch(text, /PID-3\(2\)/);
            const missing = await findings('        PID-3(2) -> Patient.identifier[1]\n');
            assert.deepEqual(missing.map(f => f.split(':')[0]), ['5 error patient-identity']);
            assert.match(missing[0], /PID-3\[2\]/);
        });
    });

    describe('authorities that name no issuer', () => {
        const { codes, spec } = sitesWithParties;

        const feed = (authority: string) => spec(`interface F {\n    from A to B owner Ops standard HL7v2 "2.5.1"\n    message ADT^A04 {\n        PID-3 -> PID-3 identifier authority "${authority}"\n    }\n}\n`);

        it('patient-identity: an authority that is only a type word ("MRN", "UR") names no issuer when several sites issue identifiers', async () => {
            assert.deepEqual(await codes('patient-identity', feed('MRN')), ['a.ispec:5 patient-identity']);
            assert.deepEqual(await codes('patient-identity', feed('UR')), ['a.ispec:5 patient-identity']);
            assert.deepEqual(await codes('patient-identity', feed('North Hospital MRN, urn:oid:1.2.36.1.2001.1003.0.1')), []);
        });
    });

    describe('local issuers', () => {
        const { found, feed } = sitesWithDevices;

        const identity = (authority: string) => feed(`    message ORU^R01 {\n        PID-3[1] -> PID-3 identifier authority "${authority}"\n    }\n`);

        it('"local" or "hospital" in a workspace of several sites says nobody; a named issuer does', async () => {
            const local = await found('patient-identity', identity('local'));
            assert.equal(local.length, 1, local.join('\n'));
            assert.match(local[0], /"local" says only that the issuer is local, not who issued it; with 2 sites/);
            assert.equal((await found('patient-identity', identity('Hospital'))).length, 1);
            assert.deepEqual(await found('patient-identity', identity('Regina General MRN (urn:oid:2.16.124.10.1)')), []);
        });
    });
});

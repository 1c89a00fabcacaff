import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { workspaceGraph } from './workspaces.js';

describe('retention-law', () => {
    docExamples('retention-law');

    const { found } = workspaceGraph;

    /** A site with the given `jurisdiction` line, a data set and an interface that carries it there. */
    const spec = (jurisdiction: string, data: string, siteZone = 'Europe/Stockholm') => ({
        'a.ispec': `import "org.ispec"\nsite Clinic { timezone "${siteZone}" ${jurisdiction} }\ndata Records {\n    owner Ops\n${data}}\ninterface Feed { from LIS to EHR owner Ops carries Records sites Clinic }\n`
    });

    it('a PHI data set kept less than the law of the site it is carried to asks is a warning that names the law', async () => {
        const short = await found('retention-law', spec('jurisdiction "SE"', '    classification PHI\n    retention 7y\n'));
        assert.equal(short.length, 1, short.join('\n'));
        assert.match(short[0], /^a\.ispec:6 Data set 'Records' \(health-record, as PHI\) is kept 7y, less than the 10y the law asks where it lives \(site Clinic \(through Feed\), SE\): Patientdatalagen/);
        assert.deepEqual(await found('retention-law', spec('jurisdiction "SE"', '    classification PHI\n    retention 10y\n')), []);
    });

    it('says nothing where the spec states no jurisdiction, or no record class it knows', async () => {
        assert.deepEqual(await found('retention-law', spec('', '    classification PHI\n    retention 2y\n')), []);
        assert.deepEqual(await found('retention-law', spec('jurisdiction "SE"', '    classification internal\n    retention 2y\n')), []);
        assert.deepEqual(await found('retention-law', spec('jurisdiction "SE"', '    record device-log\n    retention 2y\n')), []);
    });

    it('applies the rows of the country to a region, and of the EU to a member state; the data set\'s own jurisdiction wins over its sites', async () => {
        const slides = await found('retention-law', spec('jurisdiction "US-AZ"', '    record histopathology-slide\n    retention 5y\n', 'America/Phoenix'));
        assert.match(slides[0] ?? '', /less than the 10y .*US-AZ\): 42 CFR 493\.1105/);
        const blood = await found('retention-law', spec('jurisdiction "ES-CN"', '    record transfusion-traceability\n    retention 15y\n', 'Atlantic/Canary'));
        assert.match(blood[0] ?? '', /less than the 30y .*ES-CN\): Directive 2002\/98\/EC/);
        assert.deepEqual(await found('retention-law', spec('jurisdiction "SE"', '    classification PHI\n    jurisdiction "AU-NSW"\n    retention 7y\n')), []);
    });

    it('knows the minimums of Scotland, the UK\'s pathology guidance, Ontario, Spain, Victoria, US hospitals and Arizona', async () => {
        const cases: Array<[string, string, string, string, RegExp]> = [
            ['GB-SCT', 'Europe/London', '    record cytology-slide\n', '5y', /less than the 10y .*GB-SCT\): The Royal College of Pathologists/],
            ['GB-SCT', 'Europe/London', '    classification PHI\n', '4y', /less than the 6y .*GB-SCT\): Records Management Code of Practice for Health and Social Care \(Scotland\)/],
            ['CA-ON', 'America/Toronto', '    classification PHI\n', '7y', /less than the 10y .*CA-ON\): Public Hospitals Act, R\.R\.O\. 1990, Reg\. 965/],
            ['ES', 'Europe/Madrid', '    classification PHI\n', '3y', /less than the 5y .*ES\): Ley 41\/2002/],
            ['AU-VIC', 'Australia/Melbourne', '    classification PHI\n', '5y', /less than the 7y .*AU-VIC\): Health Records Act 2001 \(Vic\)/],
            ['US-NY', 'America/New_York', '    classification PHI\n', '3y', /less than the 5y .*US-NY\): 42 CFR 482\.24/],
            ['US-AZ', 'America/Phoenix', '    classification PHI\n', '5y', /less than the 6y .*US-AZ\): A\.R\.S\. § 12-2297/]
        ];
        for (const [jurisdiction, zone, data, kept, law] of cases) {
            const short = await found('retention-law', spec(`jurisdiction "${jurisdiction}"`, `${data}    retention ${kept}\n`, zone));
            assert.equal(short.length, 1, `${jurisdiction}: ${short.join('\n')}`);
            assert.match(short[0], law);
            const minimum = /less than the (\d+y)/.exec(short[0])![1];
            assert.deepEqual(await found('retention-law', spec(`jurisdiction "${jurisdiction}"`, `${data}    retention ${minimum}\n`, zone)), [], jurisdiction);
        }
    });

    it('interspec.yaml adds a row or replaces one of the same jurisdiction and class', async () => {
        const files = spec('jurisdiction "SE"', '    classification PHI\n    retention 10y\n');
        const stricter = await found('retention-law', { ...files, 'interspec.yaml': 'rules:\n  retention-law: [warning, { minimums: [{ jurisdiction: SE, record: health-record, minimum: 12y, source: "Region policy" }] }]\n' });
        assert.match(stricter[0] ?? '', /less than the 12y .*: Region policy/);
    });

    it('a jurisdiction that is not an ISO 3166 code is reported', async () => {
        const wrong = await found('retention-law', spec('jurisdiction "Sweden"', '    classification PHI\n    retention 10y\n'));
        assert.equal(wrong.length, 1, wrong.join('\n'));
        assert.match(wrong[0], /Jurisdiction 'Sweden' of site 'Clinic' is not an ISO 3166 code/);
    });
});

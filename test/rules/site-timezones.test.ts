import { strict as assert } from 'node:assert';
import { matrixRows } from '../../language-server/generators/index.js';
import { inputFromFiles } from '../generators/generator-support.js';
import { checkFiles } from '../support/workspace.js';

const ORG = 'team Ops\nsystem A { kind X }\nsystem B { kind X }\nchange-authority Ops\n';
const spec = (sites: string) => `import "org.ispec"
${sites}
interface Feed {
    from A to B standard HL7v2 "2.5.1" owner Ops sites North, South
    message ADT^A01 {
        EVN-2 -> Encounter.period.start timezone site
    }
}
`;

describe('language: time zones per site', () => {
    it('takes each sending site’s zone, and asks each site of the interface for one', async () => {
        const good = await checkFiles({ 'org.ispec': ORG, 'a.ispec': spec('site North { timezone "America/New_York" }\nsite South { timezone "America/Chicago" }') });
        assert.deepEqual(good.findings.filter(f => f.code === 'timestamps'), []);
        const bad = await checkFiles({ 'org.ispec': ORG, 'a.ispec': spec('site North { timezone "America/New_York" }\nsite South { pilot }') });
        const found = bad.findings.filter(f => f.code === 'timestamps').map(f => `${f.line} ${f.message}`);
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(found[0], /^7 EVN-2 takes the time zone of the sending site, but site 'South' declares none/);
    });

    it('writes each site’s zone into that site’s matrix rows', async () => {
        const input = await inputFromFiles({ 'org.ispec': ORG, 'a.ispec': spec('site North { timezone "America/New_York" }\nsite South { timezone "America/Chicago" }') });
        const rows = [...matrixRows(input)].filter(row => row.id.includes('-timezone-'));
        assert.deepEqual(rows.map(row => [row.site, row.handled, /read in time zone (\S+);/.exec(row.expected)?.[1]]), [
            ['North', true, 'America/New_York'],
            ['South', true, 'America/Chicago']
        ]);
    });
});

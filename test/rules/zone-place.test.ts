import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';

describe('zone-place', () => {
    docExamples('zone-place');

    /** `line severity message` of the rule's findings on a.ispec. */
    async function found(body: string): Promise<string[]> {
        const { findings } = await checkFiles({ 'a.ispec': `team Ops\nsystem LIS { kind LIS owner Ops }\nsystem EHR { kind EHR owner Ops }\n${body}` });
        assert.deepEqual(findings.filter(f => f.code === 'syntax' || f.code === 'unresolved-reference').map(f => f.message), []);
        return findings.filter(f => f.code === 'zone-place').map(f => `${f.line} ${f.severity} ${f.message}`);
    }

    const site = (zone: string, jurisdiction: string) => `site S { timezone "${zone}" jurisdiction "${jurisdiction}" }\n`;

    it('a site whose zone is not one of its jurisdiction\'s is a warning: the Canaries, the Chathams, Arizona', async () => {
        const canary = await found(site('Europe/Madrid', 'ES-CN'));
        assert.equal(canary.length, 1, canary.join('\n'));
        assert.match(canary[0], /^4 warning Site 'S' is in ES-CN, whose zone is Atlantic\/Canary, but its timezone is Europe\/Madrid/);
        assert.match((await found(site('Pacific/Auckland', 'NZ-CIT')))[0] ?? '', /whose zone is Pacific\/Chatham/);
        assert.match((await found(site('America/Los_Angeles', 'US-AZ')))[0] ?? '', /^4 warning .*America\/Phoenix and America\/Denver/);
        assert.deepEqual(await found(site('Europe/Madrid', 'ES-AN')), []); // mainland
    });

    it('the zones of the place, a link that keeps the same clock, and an unknown jurisdiction are accepted; Denver in Arizona is an info', async () => {
        for (const [zone, code] of [['Atlantic/Canary', 'ES-CN'], ['Pacific/Chatham', 'NZ-CIT'], ['Pacific/Chatham', 'NZ'], ['America/Phoenix', 'US-AZ'],
            ['US/Arizona', 'US-AZ'], ['Europe/Madrid', 'ES-MD'], ['America/Chicago', 'US-IL'], ['UTC', 'SE']]) {
            assert.deepEqual(await found(site(zone, code)), [], `${zone} in ${code}`);
        }
        const denver = await found(site('America/Denver', 'US-AZ'));
        assert.equal(denver.length, 1);
        assert.match(denver[0], /^4 info .*only the Navajo Nation keeps America\/Denver/);
    });

    it('a mapping\'s fixed zone that no site hosting the sender keeps is an info; UTC, a zone per sender and an unhosted sender are not checked', async () => {
        const spec = (zone: string, hosts = 'hosts LIS') => `site S { timezone "America/Phoenix" baseline { ${hosts} } }\n`
            + `interface F {\n    from LIS to EHR owner Ops sites S\n    message ORU^R01 {\n        OBX-14 -> OBX-14 timezone "${zone}"\n    }\n}\n`;
        const denver = await found(spec('America/Denver'));
        assert.equal(denver.length, 1, denver.join('\n'));
        assert.match(denver[0], /^8 info OBX-14 is read in America\/Denver, but LIS, which sends it, is hosted at S \(America\/Phoenix\)/);
        assert.deepEqual(await found(spec('America/Phoenix')), []);
        assert.deepEqual(await found(spec('UTC')), []);
        assert.deepEqual(await found(spec('site local time of the scanner (Westmoor: America/Denver)')), []);
        assert.deepEqual(await found(spec('America/Denver', 'hosts EHR')), []);
    });
});

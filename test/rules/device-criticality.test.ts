import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';
import { docExamples } from './doc-examples.js';

describe('device-criticality', () => {
    docExamples('device-criticality');

    /** `line severity message` of the rule's findings on a.ispec. */
    async function found(regulatory: string, criticality: string): Promise<string[]> {
        const { findings } = await checkFiles({
            'a.ispec': `team Ops\nsystem EHR { kind EHR owner Ops }\nsystem Device { kind infusion-pump owner Ops ${regulatory} }\n`
                + `interface Feed {\n    from EHR to Device\n    owner Ops\n${criticality ? `    criticality ${criticality}\n` : ''}}\n`
                + `interface Readings {\n    from Device to EHR\n    owner Ops\n    criticality low\n}\n`
        });
        assert.deepEqual(findings.filter(f => f.code === 'syntax' || f.code === 'unresolved-reference').map(f => f.message), []);
        return findings.filter(f => f.code === 'device-criticality').map(f => `${f.line} ${f.severity} ${f.message}`);
    }

    it('an interface to a device of a high risk class below critical is a warning on its criticality; none at all is an info', async () => {
        const high = await found('medical-device regulatory MDR class IIb', 'high');
        assert.equal(high.length, 1, high.join('\n'));
        assert.match(high[0], /^7 warning 'Feed' sends to Device, a medical device of MDR class IIb: .*yet it is criticality high/);
        const none = await found('medical-device regulatory MDR class IIb', '');
        assert.match(none[0] ?? '', /^4 info .*Say how critical the interface is/);
        for (const regulatory of ['regulatory MDR class III', 'regulatory IVDR class D', 'regulatory ivdr class c', 'regulatory FDA class III', 'regulatory TGA class IIb', 'regulatory HealthCanada class IV']) {
            assert.equal((await found(regulatory, 'medium')).length, 1, regulatory);
        }
    });

    it('a device that does not act on the patient from the message (a CT scanner\'s worklist) is not checked', async () => {
        const { findings } = await checkFiles({
            'a.ispec': `team Ops\nsystem RIS { kind RIS owner Ops }\nsystem CT { kind CT-modality owner Ops medical-device regulatory WAND class IIb }\n`
                + `interface Worklist {\n    from RIS to CT\n    owner Ops\n    criticality high\n}\n`
        });
        assert.deepEqual(findings.filter(f => f.code === 'device-criticality').map(f => f.severity), []);
    });

    it('a critical interface, a lower class, no class, and a device that only sends are not reported', async () => {
        assert.deepEqual(await found('medical-device regulatory MDR class IIb', 'critical'), []);
        for (const regulatory of ['regulatory MDR class IIa', 'regulatory MDR class I', 'regulatory IVDR class B', 'regulatory FDA class II', 'medical-device', '']) {
            assert.deepEqual(await found(regulatory, 'low'), [], regulatory);
        }
    });
});

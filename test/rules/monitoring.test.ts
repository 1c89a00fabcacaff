import { strict as assert } from 'node:assert';
import { docExamples } from './doc-examples.js';
import { sitesWithCover } from './workspaces.js';

describe('monitoring', () => {
    docExamples('monitoring');

    describe('content, not presence', () => {
        const { lines } = sitesWithCover;

        it('monitoring: a service account owns no monitor', async () => {
            const feed = (owner: string) => `role Engine { team Ops service-account duties delivery }\ninterface F {\n    from A to B owner Ops\n    monitor {\n        owner ${owner}\n        alerts to Ops\n        metric failed < 1%\n    }\n}\n`;
            assert.deepEqual(await lines('monitoring', feed('Engine')), [6]);
            assert.deepEqual(await lines('monitoring', feed('Ops')), []);
        });
    });

    describe('times watched at their tail', () => {
        const { findings } = sitesWithCover;
        const feed = (criticality: string, metrics: string) => `interface Alarms {\n    from A to B owner Ops\n    criticality ${criticality}\n    monitor {\n        owner Ops\n        alerts to Ops\n${metrics}    }\n}\n`;

        it('monitoring: a delivery time watched only at the median on a critical interface is reported on the metric', async () => {
            const median = await findings('monitoring', feed('critical', '        metric alarm-delivery p50 < 5s\n        metric failed < 0.1%\n'));
            assert.deepEqual(median.map(f => f.line), [8]);
            assert.match(median[0].message, /Metric 'alarm-delivery' of critical interface 'Alarms' is watched only at its median: half the messages may take longer than 5s/);
        });

        it('monitoring: a tail percentile or a maximum of the same metric, a non-critical interface, or a count is enough', async () => {
            assert.deepEqual(await findings('monitoring', feed('critical', '        metric alarm-delivery p50 < 5s\n        metric alarm-delivery p99 < 30s\n')), []);
            assert.deepEqual(await findings('monitoring', feed('critical', '        metric alarm-delivery p50 < 5s\n        metric alarm-delivery < 60s\n')), []);
            assert.deepEqual(await findings('monitoring', feed('critical', '        metric alarm-delivery p95 < 30s\n')), []);
            assert.deepEqual(await findings('monitoring', feed('medium', '        metric alarm-delivery p50 < 5s\n')), []);
            assert.deepEqual(await findings('monitoring', feed('critical', '        metric queue-depth p50 < 20 messages\n')), []);
            assert.deepEqual(await findings('monitoring', feed('critical', '        metric order-to-schedule p50 < 2h benefit baseline 9h\n')), [], 'a benefit is measured at its median');
        });
    });
});

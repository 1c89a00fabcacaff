import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GatesRequest } from '../../language-server/protocol/index.js';
import { ALL_GATES, gatePickItems, pickGate, type GatePickItem } from '../../src/extension/gate-pick.js';
import { LspClient, REPO_ROOT } from '../support/lsp-client.js';

// The checklist command asks which gate: the extension lists the gates the server's workspace index has (the
// gates request), where it once scanned up to 500 files for `gate <name>` with a regular expression.
describe('extension: the gate pick of Generate Go-Live Checklist', function () {
    this.timeout(60000);

    it('offers every gate the built server lists, after "All gates", and returns the pick', async () => {
        const root = path.join(mkdtempSync(path.join(tmpdir(), 'interspec-pick-')), 'imaging-network');
        cpSync(path.join(REPO_ROOT, 'examples', 'imaging-network'), root, { recursive: true });
        const client = await LspClient.start(root);
        try {
            const { gates } = await client.connection.sendRequest(GatesRequest, { uri: client.uri(readdirSync(root).find(file => file.endsWith('.ispec'))!) });
            const items = gatePickItems(gates);
            assert.deepEqual(items.map(item => item.label), [ALL_GATES, 'EastbrookGoLive', 'NorthfieldPilot', 'WestmoorGoLive']);
            const westmoor = items.find(item => item.gate === 'WestmoorGoLive')!;
            assert.equal(westmoor.description, 'Westmoor go-live with remote reading');
            const line = readFileSync(path.join(root, 'gates.ispec'), 'utf8').split('\n').findIndex(text => text.startsWith('gate WestmoorGoLive')) + 1;
            assert.equal(westmoor.detail, `site Westmoor · gates.ispec:${line}`);

            let shown: GatePickItem[] = [];
            let placeHolder = '';
            const choose = (label: string | undefined) => async (offered: GatePickItem[], options: { placeHolder: string }) => {
                shown = offered;
                placeHolder = options.placeHolder;
                return offered.find(item => item.label === label);
            };
            assert.equal(await pickGate(gates, choose('NorthfieldPilot')), 'NorthfieldPilot');
            assert.deepEqual(shown, items);
            assert.equal(placeHolder, 'Which go-live gate?');
            assert.equal(await pickGate(gates, choose(ALL_GATES)), undefined, 'every gate');
            assert.equal(await pickGate(gates, choose(undefined)), null, 'cancelled');
            assert.deepEqual(gatePickItems([]).map(item => item.label), [ALL_GATES]);
        } finally {
            await client.stop();
        }
    });

    it('asks the server: the extension reads no spec file for gates', () => {
        const commands = readFileSync(path.join(REPO_ROOT, 'src', 'extension', 'commands.ts'), 'utf8');
        assert.match(commands, /server\.request\(GatesRequest, /);
        assert.match(commands, /pickGate\(/);
        assert.ok(!/findFiles|fs\.readFile|matchAll/.test(commands), 'no file scan in commands.ts');
    });
});

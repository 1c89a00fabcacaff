import { strict as assert } from 'node:assert';
import { clientOutputChannel } from '../../src/extension/client-output.js';

// The language client writes "[Error …] Server process exited with code 0." on every restart; the e2e suites fail on
// an error line in the Interspec output channel (test/e2e/support/output-channel.ts), and so would a user's trust.
describe('extension: the language client\'s output channel', () => {
    it('writes the clean exit of a restart as information, and every other line as it is', () => {
        const lines: string[] = [];
        const real = { name: 'Interspec', appendLine: (line: string) => { lines.push(line); }, shown: 0, show() { this.shown++; } };
        const channel = clientOutputChannel(real);
        channel.appendLine('[Error - 12:44:35 PM] Server process exited with code 0.');
        channel.appendLine('[Error - 12:44:36 PM] Server process exited with code 1.');
        channel.appendLine('[Error - 12:44:37 PM] Server process exited with signal SIGKILL.');
        channel.appendLine('[Warn  - 12:44:38 PM] Attempted reference resolution before document reached ComputedScopes state');
        channel.appendLine('Starting the Interspec language server (server.cjs).');
        assert.deepEqual(lines, [
            '[Info  - 12:44:35 PM] Server process exited with code 0.',
            '[Error - 12:44:36 PM] Server process exited with code 1.',
            '[Error - 12:44:37 PM] Server process exited with signal SIGKILL.',
            '[Warn  - 12:44:38 PM] Attempted reference resolution before document reached ComputedScopes state',
            'Starting the Interspec language server (server.cjs).'
        ]);
        channel.show();
        assert.equal(real.shown, 1, 'the other members reach the real channel');
        assert.equal(channel.name, 'Interspec');
    });
});

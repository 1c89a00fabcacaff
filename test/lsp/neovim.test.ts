import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { positionOf, REPO_ROOT, SERVER_BUNDLE } from '../support/lsp-client.js';
import { writeWorkspace } from '../support/workspace.js';
import { FILES, LAB } from './fixture.js';

interface NeovimResult {
    errors: string[];
    diagnostics?: Array<{ message: string, line: number, severity: number, code?: string }>;
    hover?: { result?: { contents: { value: string } | string }, error?: string };
    definition?: { result?: Array<{ uri?: string, targetUri?: string }> | { uri: string }, error?: string };
    completion?: { result?: { items: Array<{ label: string }> } | Array<{ label: string }>, error?: string };
}

const NVIM = 'nvim';
const hasNeovim = spawnSync(NVIM, ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs test/support/neovim-client.lua in a headless Neovim against the built server and returns what it saw. */
function runNeovim(root: string, file: string, sendRoot: boolean): NeovimResult {
    const scratch = mkdtempSync(path.join(tmpdir(), 'interspec-nvim-'));
    const outFile = path.join(scratch, 'result.json');
    const probe = positionOf(LAB, 'owner LabIT', 6);
    const result = spawnSync(NVIM, ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(REPO_ROOT, 'test', 'support', 'neovim-client.lua')}`], {
        encoding: 'utf8', timeout: 60000, cwd: scratch,
        env: {
            ...process.env, HOME: scratch, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch, XDG_STATE_HOME: scratch, XDG_CACHE_HOME: scratch,
            INTERSPEC_SERVER: SERVER_BUNDLE, INTERSPEC_FILE: path.join(root, file), INTERSPEC_ROOT: sendRoot ? root : '',
            INTERSPEC_PROBES: JSON.stringify({ hover: probe, definition: probe, completion: probe }), INTERSPEC_OUT: outFile
        }
    });
    try {
        return JSON.parse(readFileSync(outFile, 'utf8')) as NeovimResult;
    } catch {
        throw new Error(`Neovim wrote no result (status ${result.status}, signal ${result.signal}):\n${result.stdout}\n${result.stderr}`);
    }
}

// A second LSP client that nobody on this project wrote: Neovim's built-in client (Debian's 0.7.2 in CI).
describe('lsp: Neovim as a second client', function () {
    this.timeout(90000);

    before(function () {
        if (!hasNeovim) {
            console.log('    (skipped: `nvim` is not installed; apt-get install neovim, as .ci/run does)');
            this.skip();
        }
    });

    for (const sendRoot of [true, false]) {
        it(`diagnostics, hover, definition and completion ${sendRoot ? 'with a workspace folder' : 'without a workspace folder (no rootUri)'}`, () => {
            const root = writeWorkspace(FILES);
            const seen = runNeovim(root, 'lab.ispec', sendRoot);
            assert.deepEqual(seen.errors, []);
            const diagnostics = seen.diagnostics ?? [];
            assert.ok(diagnostics.some(d => d.code === 'exception-coverage'), `rule findings: ${JSON.stringify(diagnostics)}`);
            assert.ok(!diagnostics.some(d => /Cannot find|Unknown|import/.test(d.message)), `imports resolve: ${JSON.stringify(diagnostics)}`);
            const hover = seen.hover?.result?.contents;
            assert.match(typeof hover === 'string' ? hover : hover?.value ?? '', /\*\*team\*\* `LabIT` — Laboratory IT/, JSON.stringify(seen.hover));
            const definition = seen.definition?.result;
            const target = Array.isArray(definition) ? definition[0] : definition;
            const targetUri = (target as { targetUri?: string, uri?: string } | undefined);
            assert.ok((targetUri?.targetUri ?? targetUri?.uri ?? '').endsWith('/org.ispec'), JSON.stringify(seen.definition));
            const completion = seen.completion?.result;
            const labels = (Array.isArray(completion) ? completion : completion?.items ?? []).map(item => item.label);
            assert.ok(labels.includes('LabIT') && labels.includes('LabTech'), `completion: ${labels.join(', ')}`);
        });
    }
});

import { strict as assert } from 'node:assert';
import { readdirSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkspace } from '../../language-server/language/build-workspace.js';
import { collectFindings } from '../../language-server/model/findings.js';
import { checkSamples } from '../../language-server/samples/run-samples.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../examples');

/** The clean example workspaces: every folder of examples/ except the one that shows mistakes on purpose. */
const CLEAN = readdirSync(EXAMPLES, { withFileTypes: true })
    .filter(entry => entry.isDirectory() && entry.name !== 'flawed')
    .map(entry => entry.name)
    .sort();

describe('examples: the bundled workspaces are clean', () => {
    it('include the three workspaces of the README, each with a root and at least three sites', () => {
        for (const name of ['imaging-network', 'lab-network', 'sterilisation']) {
            assert.ok(CLEAN.includes(name), name);
            assert.ok(existsSync(path.join(EXAMPLES, name, 'interspec.yaml')), `${name}/interspec.yaml`);
        }
    });

    it('lab-network has captured samples of LabResults, with their sources noted', async () => {
        const root = path.join(EXAMPLES, 'lab-network');
        const workspace = await buildWorkspace([root]);
        const samples = await checkSamples(workspace.services, workspace.documents, workspace.documents);
        assert.deepEqual(samples.files.map(file => path.relative(root, file)), ['winpath-2026-02-10.hl7', 'winpath-2026-07-14.hl7'].map(name => path.join('captures', 'lab-results', name)));
        assert.equal(samples.messages, 2);
        assert.ok(existsSync(path.join(root, 'captures', 'lab-results', 'SOURCES.md')));
    });

    for (const name of CLEAN) {
        it(`${name} has no findings at all (no errors, warnings, infos or suppressions)`, async () => {
            const workspace = await buildWorkspace([path.join(EXAMPLES, name)]);
            assert.ok(workspace.documents.length >= 5, 'several files');
            // The interfaces' captured samples check clean too, as `interspec check` runs them.
            const samples = await checkSamples(workspace.services, workspace.documents, workspace.documents);
            const findings = [...collectFindings(workspace.documents), ...samples.findings].map(f => `${path.relative(EXAMPLES, f.file)}:${f.line}:${f.column} ${f.code} ${f.message}`);
            assert.deepEqual(findings, []);
            const sites = workspace.documents.flatMap(d => d.parseResult.value.elements).filter(e => e.$type === 'Site');
            assert.ok(sites.length >= 3, 'at least three sites');
        });
    }
});

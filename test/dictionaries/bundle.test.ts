import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

describe('dictionaries: bundled', function () {
    this.timeout(60000);

    // esbuild's API keeps a service process alive; stop it so mocha can exit on its own.
    after(() => esbuild.stop());

    it('work from a CommonJS bundle built like the server and CLI bundles, with the data embedded', async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'interspec-dict-bundle-'));
        const entry = path.join(dir, 'entry.ts');
        const index = path.resolve('language-server/dictionaries/index.ts').split(path.sep).join('/');
        writeFileSync(entry, `import { lookupField } from '${index}';\n` +
            `console.log(JSON.stringify([lookupField('HL7v2', '2.5.1', 'PID-3'), lookupField('FHIR', 'R5', 'Observation.valueQuantity.value'), lookupField('DICOM', undefined, 'PatientID')]));\n`);
        // The options of scripts/bundle.mjs that matter here.
        await esbuild.build({
            entryPoints: [entry], outfile: path.join(dir, 'out', 'bundle.cjs'), bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'error',
            define: { 'import.meta.url': 'importMetaUrl' }, banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" }
        });
        assert.deepEqual(readdirSync(path.join(dir, 'out')), ['bundle.cjs']);
        const output = JSON.parse(execFileSync(process.execPath, [path.join(dir, 'out', 'bundle.cjs')], { encoding: 'utf8' }));
        assert.deepEqual(output.map((result: { field: { kind: string } }) => result.field.kind), ['identifier', 'quantity', 'identifier']);
    });

    it('load their data as ES modules even where a global require resolves from elsewhere (node -e)', () => {
        const index = pathToFileURL(path.resolve('out/language-server/dictionaries/index.js')).href;
        const script = `import(${JSON.stringify(index)}).then((d) => console.log(JSON.stringify(['PID-3', 'Patient.id', 'PatientID'].map((p) => d.lookupField(d.detectStandard(p), undefined, p).status))))`;
        const output = execFileSync(process.execPath, ['-e', script], { cwd: tmpdir(), encoding: 'utf8' });
        assert.deepEqual(JSON.parse(output), ['known', 'known', 'known']);
    });
});

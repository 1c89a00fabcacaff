// Writes out/generated/schema-validators.cjs: the JSON Schemas Interspec validates at run time (interspec.yaml for
// the rule catalogue, evidence files), compiled by ajv into standalone code at build time, so a CLI run does not
// compile them (language-server/config/precompiled-validators.ts; issue #28, cold start). Build output, never
// committed. Needs the tsc output (it reads the schemas from out/); scripts/bundle.mjs calls it before bundling.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = file => pathToFileURL(path.join(repo, 'out', file)).href;

/** Generates the module; returns its path. */
export async function writeSchemaValidators() {
    const require = createRequire(import.meta.url);
    const { Ajv } = require('ajv');
    const standaloneCode = require('ajv/dist/standalone').default;
    const { buildConfigSchema } = await import(out('language-server/rules/configuration.js'));
    const { EVIDENCE_SCHEMA } = await import(out('language-server/generators/schemas.js'));
    const { AJV_OPTIONS, schemaKey } = await import(out('language-server/config/precompiled-validators.js'));
    const schemas = [buildConfigSchema(), EVIDENCE_SCHEMA];
    const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: false } });
    const refs = {};
    for (const [index, schema] of schemas.entries()) {
        ajv.addSchema(schema, `schema${index}`);
        refs[`v${schemaKey(schema)}`] = `schema${index}`;
    }
    const code = standaloneCode(ajv, refs);
    const file = path.join(repo, 'out', 'generated', 'schema-validators.cjs');
    mkdirSync(path.dirname(file), { recursive: true });
    // Exported under `v<hash>` (an identifier); the loader looks them up by hash.
    writeFileSync(file, `${code}\nmodule.exports.validators = Object.fromEntries(Object.entries(module.exports).filter(([k]) => k.startsWith('v')).map(([k, v]) => [k.slice(1), v]));\n`);
    return file;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
    console.log(await writeSchemaValidators());
}

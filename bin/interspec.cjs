#!/usr/bin/env node
// The `interspec` command: a thin launcher for the bundled CLI (built by `npm run build`), with its V8 code cache
// (bin/code-cache.cjs). INTERSPEC_WRITE_CODE_CACHE=1 writes the cache when the command ends (the build does this).
const path = require('node:path');
const { loadWithCodeCache, writeCodeCache } = require('./code-cache.cjs');

const bundle = path.join(__dirname, '../out/bundle/cli.cjs');
if (!require('node:fs').existsSync(bundle)) {
    // A clone that was never built: one line, not a stack trace.
    process.stderr.write(`interspec: ${bundle} is missing; run \`npm run build\` first\n`);
    process.exit(2);
}
const loaded = loadWithCodeCache(bundle);
if (process.env.INTERSPEC_WRITE_CODE_CACHE === '1') {
    process.on('exit', () => writeCodeCache(bundle, loaded));
}

#!/usr/bin/env node
// The `interspec` command: a thin launcher for the bundled CLI (built by `npm run build`).
require('../out/bundle/cli.cjs');

/**
 * The built language server, started so that the soak can ask it to collect garbage before each memory reading:
 * SIGUSR2 runs a full garbage collection. Without it RSS readings swing with the collector's timing by more than
 * the 10% the soak checks. Used only by scripts/soak.mjs; argv passes through (`--stdio`).
 */
const v8 = require('node:v8');
const vm = require('node:vm');
const path = require('node:path');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
process.on('SIGUSR2', () => gc());
require(path.join(__dirname, '..', 'out', 'bundle', 'server.cjs'));

// Runs `langium generate`, hiding one expected warning: the grammar lets statements come in any order, so
// Langium warns that single-valued properties may be assigned twice. The validator reports that case to the
// user ("'kind' is given 2 times here"), so the warning is noise in every build. Everything else passes through.
// Production mode: the generated language metadata says `production`, so Chevrotain skips its grammar validations
// when the lexer and parser are built (about a second of every CLI start on a loaded machine). The grammar is still
// validated: test/cli/cold-start.test.ts builds the parser with the validations on.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../node_modules/langium-cli/bin/langium.js', import.meta.url));
const result = spawnSync(process.execPath, [cli, 'generate', '--mode', 'production'], { encoding: 'utf8' });
const expected = /Found multiple assignments to '\w+' with the '\??=' assignment operator/;
for (const [stream, text] of [[process.stdout, result.stdout], [process.stderr, result.stderr]]) {
    const kept = (text ?? '').split('\n').filter(line => !expected.test(line)).join('\n');
    stream.write(kept);
}
process.exitCode = result.status ?? 1;

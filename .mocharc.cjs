// Mocha adds the files named on its command line to the configured spec, so the default (every suite) applies only
// when none is named: `npx mocha` runs everything, `npx mocha 'out/test/lsp/**/*.test.js'` runs the LSP suites.
const named = process.argv.slice(2).some(arg => !arg.startsWith('-') && /\.test\.js$|out\/test\//.test(arg));

module.exports = {
    spec: named ? [] : ['out/test/**/*.test.js'],
    reporter: 'test/support/summary-reporter.cjs',
    timeout: 20000,
    recursive: true,
    exit: true
};

// Mocha's spec reporter, plus the plain `N passed, N failed` line that CI reads, and the same counts in
// $INTERSPEC_TEST_SUMMARY (when set) so .ci/run can add up several suites.
const Mocha = require('mocha');
const fs = require('node:fs');

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        let passed = 0;
        let failed = 0;
        runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => passed++);
        runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, () => failed++);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const line = `${passed} passed, ${failed} failed`;
            console.log(`\n${line}`);
            if (process.env.INTERSPEC_TEST_SUMMARY) {
                fs.appendFileSync(process.env.INTERSPEC_TEST_SUMMARY, `${line}\n`);
            }
        });
    }
}

module.exports = SummaryReporter;

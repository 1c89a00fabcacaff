import { sampleDocExamples } from './sample-doc-examples.js';

describe('rules: sample-timestamps', function () {
    this.timeout(60000);
    sampleDocExamples('sample-timestamps');
});

import { sampleDocExamples } from './sample-doc-examples.js';

describe('rules: sample-codes', function () {
    this.timeout(60000);
    sampleDocExamples('sample-codes');
});

import { sampleDocExamples } from './sample-doc-examples.js';

describe('rules: sample-values', function () {
    this.timeout(60000);
    sampleDocExamples('sample-values');
});

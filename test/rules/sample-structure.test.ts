import { sampleDocExamples } from './sample-doc-examples.js';

describe('rules: sample-structure', function () {
    this.timeout(60000);
    sampleDocExamples('sample-structure');
});

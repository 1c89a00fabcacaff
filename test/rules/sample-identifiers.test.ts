import { sampleDocExamples } from './sample-doc-examples.js';

describe('rules: sample-identifiers', function () {
    this.timeout(60000);
    sampleDocExamples('sample-identifiers');
});

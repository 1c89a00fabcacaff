import { sampleDocExamples } from './sample-doc-examples.js';

describe('rules: sample-units', function () {
    this.timeout(60000);
    sampleDocExamples('sample-units');
});

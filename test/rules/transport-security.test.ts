import { docExamples } from './doc-examples.js';

describe('transport-security', () => {
    docExamples('transport-security');
});

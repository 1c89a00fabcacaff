import { docExamples } from './doc-examples.js';

describe('change-authority', () => {
    docExamples('change-authority');
});

import { docExamples } from './doc-examples.js';

describe('transition-plan', () => {
    docExamples('transition-plan');
});

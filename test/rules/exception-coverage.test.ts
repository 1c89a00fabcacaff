import { docExamples } from './doc-examples.js';

describe('exception-coverage', () => {
    docExamples('exception-coverage');
});

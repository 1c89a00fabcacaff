import { docExamples } from './doc-examples.js';

describe('access-by-duty', () => {
    docExamples('access-by-duty');
});

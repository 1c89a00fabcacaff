import { strict as assert } from 'node:assert';
import { checkFiles } from '../support/workspace.js';

/** The syntax errors of one file, as [line, column, message]. */
async function syntaxErrors(text: string): Promise<Array<[number, number, string]>> {
    const { findings } = await checkFiles({ 'a.ispec': text });
    return findings.filter(f => f.code === 'syntax').map(f => [f.line, f.column, f.message]);
}

describe('language: parser messages an architect can act on', () => {
    it('says the file ended before a block was closed', async () => {
        assert.deepEqual(await syntaxErrors('team A\nsystem LIS {\n    kind LIS\n'), [[3, 13, "The file ended before this block was closed: add '}'."]]);
    });

    it('names a few statements of a block when it meets an unknown one, not all of them', async () => {
        const [[line, column, message]] = await syntaxErrors('site S {\n    timezone "Europe/Paris"\n    colour red\n}\n');
        assert.deepEqual([line, column], [3, 5]);
        assert.equal(message, "'colour' is not a statement of a site block. Expected a statement such as 'pilot', 'timezone' or 'hours', or '}' to close the block.");
        assert.deepEqual(await syntaxErrors('change C {\n    colour red\n}\n'), [[2, 5, "'colour' is not a statement of a change block. Expected one of 'status', 'approved-by', 'reference' or 'suppress', or '}' to close the block."]]);
    });

    it('offers the keywords a half-typed word may become', async () => {
        assert.deepEqual(await syntaxErrors('data D {\n    own\n}\n'), [[2, 5, "'own' is not a statement of a data block: did you mean 'owner'?"]]);
        assert.deepEqual(await syntaxErrors('team A\ninter'), [[2, 1, "Unexpected 'inter': did you mean 'interface'?"]]);
    });

    it('asks for quotes around text and for the unit of a duration', async () => {
        assert.deepEqual(await syntaxErrors('system X {\n    vendor Clinisys\n}\n'), [[2, 12, 'Expected text in double quotes but found \'Clinisys\'. Put text in double quotes: "Clinisys".']]);
        assert.deepEqual((await syntaxErrors('data D { retention 10 years }\n'))[0], [1, 20, "Expected a duration such as 15m, 4h or 10y but found '10'. Write the unit right after the number: 10m, 10h, 10d or 10y."]);
    });

    it('names the allowed values of a closed list', async () => {
        assert.deepEqual(await syntaxErrors('interface I { criticality urgent }\n'), [[1, 27, "Expected one of 'critical', 'high', 'medium' or 'low' but found 'urgent'."]]);
    });

    it('points at a closing brace too many', async () => {
        assert.deepEqual(await syntaxErrors('team A\n}\n'), [[2, 1, "Unexpected '}': no block is open here (one '}' too many?)."]]);
    });

    it('names an unexpected character and an unterminated text', async () => {
        assert.deepEqual((await syntaxErrors('team B @\n'))[0], [1, 8, "Unexpected '@': names are letters, digits and '_' (words joined by '-', as in on-call); other text goes in double quotes."]);
        assert.deepEqual((await syntaxErrors('team Q "unterminated\n'))[0], [1, 8, `This text has no closing double quote: add '"' at its end.`]);
    });
});

describe('language: parser messages inside mappings and code maps', () => {
    it('explains a misspelled mapping option, which the parser reads as a new mapping', async () => {
        const errors = await syntaxErrors('interface I {\n    message ORU^R01 {\n        OBX-14 -> Observation.effectiveDateTime timzone "UTC"\n    }\n}\n');
        assert.equal(errors.length, 1);
        assert.deepEqual(errors[0].slice(0, 2), [3, 57]);
        assert.match(errors[0][2], /^Expected '->' between the source and target fields of a mapping but found '"UTC"'\. .*'as', 'units' or 'codes'/);
    });

    it('asks for the comma between code map entries', async () => {
        const errors = await syntaxErrors('interface I { message ORU^R01 { OBX-11 -> Observation.status codes { F -> final C -> corrected } } }\n');
        assert.equal(errors[0][2], "Expected ',' between the entries of a code map, or '}' to close it, but found 'C'.");
    });
});

describe('language: parser messages while a line is half-typed', () => {
    const MESSAGE = 'interface I {\n    from LIS to EHR\n    message ORU^R01 {\n';

    it('asks for the field number after a segment and the dash, once, although the block is not closed', async () => {
        assert.deepEqual(await syntaxErrors(`${MESSAGE}        PID-\n    }\n}\n`), [[4, 12, "Expected a field number after 'PID-', such as PID-3."]]);
        assert.deepEqual(await syntaxErrors(`${MESSAGE}        PID-3 -\n    }\n}\n`), [[4, 15, "Unexpected '-': a mapping's arrow is '->'."]]);
        assert.deepEqual((await syntaxErrors('role R {\n    duties order-\n}\n'))[0][2], "A name cannot end with '-': write a letter or digit after 'order-' (as in on-call), or remove the '-'.");
    });

    it('says what a code map entry needs after its arrow, not the keywords a code may be spelled as', async () => {
        const errors = await syntaxErrors(`${MESSAGE}        OBX-11 -> Observation.status codes { GLU -> }\n    }\n}\n`);
        assert.deepEqual(errors, [[4, 53, `Expected a code such as F or "2345-7" but found '}'.`]]);
        assert.deepEqual(await syntaxErrors(`${MESSAGE}        OBX-11 -> Observation.status codes { GLU -> `), [[4, 52, `Expected a code such as F or "2345-7" after '->'.`]]);
    });

    it('says what follows a keyword: a field after a mapping\'s arrow, the kind of name a reference takes', async () => {
        assert.deepEqual(await syntaxErrors(`${MESSAGE}        PID-3 -> `), [[4, 17, "Expected a field such as PID-3, Observation.status or (0010,0020) after '->'."]]);
        assert.deepEqual(await syntaxErrors('interface I {\n    from '), [[2, 9, "Expected the name of a system after 'from'."]]);
        assert.deepEqual(await syntaxErrors('interface I {\n    carries PatientRecord, '), [[2, 27, "Expected a name after ','."]]);
        assert.deepEqual(await syntaxErrors('interface I {\n    owner '), [[2, 10, "Expected the name of a team or role after 'owner'."]]);
        assert.deepEqual(await syntaxErrors('interface I {\n    on '), [[2, 7, "Expected an exception scenario such as downtime, duplicate-identity or out-of-order after 'on'."]]);
        assert.deepEqual(await syntaxErrors(`${MESSAGE}        OBX-5 -> Observation.value as qua\n    }\n}\n`), [[4, 39, "'qua' is not complete: did you mean 'quantity'?"]]);
    });

    it('reports a comment with no end once, not the words inside it', async () => {
        assert.deepEqual(await syntaxErrors('team A\n/** Results (from the LIS); the lab\'s\n * second line\nteam B\n'), [[2, 1, "This comment has no end: close it with '*/'."]]);
    });

    it('reports a text with no closing quote once on its line', async () => {
        assert.deepEqual(await syntaxErrors('interface I {\n    on downtime "Queue (and replay); then'), [[2, 17, `This text has no closing double quote: add '"' at its end.`]]);
    });
});

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

    it('lists the statements a block accepts when it meets an unknown one', async () => {
        const [[line, column, message]] = await syntaxErrors('site S {\n    timezone "Europe/Paris"\n    colour red\n}\n');
        assert.deepEqual([line, column], [3, 5]);
        assert.equal(message, "'colour' is not a statement of a site block. Expected one of 'pilot', 'timezone', 'hours', 'jurisdiction', 'baseline', 'downtime', 'deviation' or 'suppress', or '}' to close the block.");
    });

    it('asks for quotes around text and for the unit of a duration', async () => {
        assert.deepEqual(await syntaxErrors('system X {\n    vendor Clinisys\n}\n'), [[2, 12, 'Expected a quoted text such as "Lab IT" but found \'Clinisys\'. Put text in double quotes: "Clinisys".']]);
        assert.deepEqual((await syntaxErrors('data D { retention 10 years }\n'))[0], [1, 20, "Expected a duration such as 15m, 4h or 10y but found '10'. Write the unit right after the number: 10m, 10h, 10d or 10y."]);
    });

    it('names the allowed values of a closed list', async () => {
        assert.deepEqual(await syntaxErrors('interface I { criticality urgent }\n'), [[1, 27, "Expected one of 'critical', 'high', 'medium' or 'low' but found 'urgent'."]]);
    });

    it('points at a closing brace too many', async () => {
        assert.deepEqual(await syntaxErrors('team A\n}\n'), [[2, 1, "Unexpected '}': no block is open here (one '}' too many?)."]]);
    });

    it('names an unexpected character and an unterminated text', async () => {
        assert.deepEqual((await syntaxErrors('team B @\n'))[0], [1, 8, "Unexpected character '@'. Names use letters, digits, '_' and '-'; other text goes in double quotes."]);
        assert.deepEqual((await syntaxErrors('team Q "unterminated\n'))[0], [1, 8, `This text has no closing double quote: add '"' at its end.`]);
    });
});

describe('language: parser messages inside mappings and code maps', () => {
    it('explains a misspelled mapping option, which the parser reads as a new mapping', async () => {
        const errors = await syntaxErrors('interface I {\n    message ORU^R01 {\n        OBX-14 -> Observation.effectiveDateTime timzone "UTC"\n    }\n}\n');
        assert.equal(errors.length, 1);
        assert.deepEqual(errors[0].slice(0, 2), [3, 57]);
        assert.match(errors[0][2], /^Expected '->' between the source and target fields of a mapping but found '"UTC"'\. .*'timezone'/);
    });

    it('asks for the comma between code map entries', async () => {
        const errors = await syntaxErrors('interface I { message ORU^R01 { OBX-11 -> Observation.status codes { F -> final C -> corrected } } }\n');
        assert.equal(errors[0][2], "Expected ',' between the entries of a code map, or '}' to close it, but found 'C'.");
    });
});

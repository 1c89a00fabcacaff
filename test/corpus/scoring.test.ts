/*
 * The corpus harness's scoring on small inputs: which top-level element encloses a line, and when a finding
 * counts for a planted failure. A wrong block range would silently inflate or deflate the corpus score.
 */
import { strict as assert } from 'node:assert';
import { catches, topLevelBlocks, type Finding, type Plant } from './corpus.js';

const SPEC = [
    '/** A doc comment { with a brace } */',      // 1
    'team LabIT "Lab { IT }" {',                   // 2
    '    lead "Dana"',                             // 3
    '}',                                           // 4
    'change-authority LabIT covers updates',       // 5
    '// a comment with a } brace',                 // 6
    'interface LabResults',                        // 7
    '    "Results" {',                             // 8
    '    message ORU^R01 {',                       // 9
    '        OBX-5 -> OBX-5 units "{rbc}"',        // 10
    '    }',                                       // 11
    '    /* } */ on downtime "x" escalate LabIT within 15m', // 12
    '}',                                           // 13
    'team Other'                                   // 14
].join('\n');

const plant = (line: number): Plant => ({ theme: 't', file: 'a.ispec', line, rule: 'units', kind: 'wrong', why: 'w' });
const finding = (line: number, rule = 'units', file = 'a.ispec'): Finding => ({ file, line, column: 1, severity: 'warning', rule, message: 'm' });

describe('corpus: scoring of planted failures', () => {
    it('finds each top-level block from its keyword line to its closing brace, ignoring braces in strings and comments', () => {
        assert.deepEqual(topLevelBlocks(SPEC), [[2, 4], [7, 13]]);
    });

    it('counts a finding of the rule in the same file on the line or inside the enclosing element', () => {
        const blocks = topLevelBlocks(SPEC);
        assert.equal(catches(plant(10), finding(10), blocks), true);
        assert.equal(catches(plant(10), finding(7), blocks), true);
        assert.equal(catches(plant(10), finding(13), blocks), true);
    });

    it('does not count another rule, another file, or a line outside the enclosing element', () => {
        const blocks = topLevelBlocks(SPEC);
        assert.equal(catches(plant(10), finding(10, 'timestamps'), blocks), false);
        assert.equal(catches(plant(10), finding(10, 'units', 'b.ispec'), blocks), false);
        assert.equal(catches(plant(10), finding(3), blocks), false);
        assert.equal(catches(plant(5), finding(2), blocks), false);
        assert.equal(catches(plant(14), finding(13), blocks), false);
    });
});

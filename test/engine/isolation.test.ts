import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isInterface } from '../../language-server/language/generated/ast.js';
import { ALL_RULE_CHECKS } from '../../language-server/rules/registry.js';
import type { RuleCheck } from '../../language-server/rules/rule.js';
import { checkFiles } from '../support/workspace.js';

/** The monitoring rule, broken: it throws on the interface named Boom, as a defect would. */
const THROWING_RULE: RuleCheck = {
    id: 'monitoring',
    check({ model, report }) {
        for (const node of model.elements.filter(isInterface)) {
            if (node.name === 'Boom') {
                throw new TypeError('Cannot read properties of undefined (reading \'length\')');
            }
            report(node, `checked ${node.name}`, { property: 'name' });
        }
    }
};

const SPEC = `team Ops
system A { kind LIS owner Ops }
system B { kind EHR owner Ops }
interface Fine { from A to B standard File owner Ops }
interface Boom { from A to B standard File }
`;

describe('rules: isolation and parser-recovered text', () => {
    it('turns a throwing rule into one internal-error finding naming the rule and element; every other rule still reports', async () => {
        const rules = ALL_RULE_CHECKS as RuleCheck[];
        const index = rules.findIndex(rule => rule.id === 'monitoring');
        const original = rules[index];
        rules[index] = THROWING_RULE;
        try {
            const { findings } = await checkFiles({ 'a.ispec': SPEC });
            const internal = findings.filter(finding => finding.code === 'internal-error');
            assert.equal(internal.length, 1, JSON.stringify(findings, undefined, 1));
            assert.equal(internal[0].line, 5);
            assert.equal(internal[0].severity, 'error');
            assert.match(internal[0].message, /^Internal error: rule 'monitoring' failed on interface 'Boom' \(TypeError: Cannot read properties of undefined \(reading 'length'\)\)/);
            assert.ok(findings.some(finding => finding.code === 'interface-owner' && finding.line === 5), 'the other rules still report');
            assert.ok(findings.some(finding => finding.message === 'checked Fine'), 'what it found before it threw stays');
        } finally {
            rules[index] = original;
        }
    });

    it('reports syntax errors only on a mapping line that does not parse: no rule finding from the recovered fragments', async () => {
        const images = readFileSync(path.resolve('examples/imaging-network/images.ispec'), 'utf8').split('\n');
        const at = images.findIndex(line => line.includes('message C-STORE')) + 1;
        images.splice(at, 0, '        (7053,xx00) -> (7053,xx00) as text');
        const files: Record<string, string> = {};
        for (const name of ['data.ispec', 'gates.ispec', 'orders.ispec', 'org.ispec', 'reports.ispec', 'sites.ispec', 'systems.ispec', 'worklist.ispec', 'interspec.yaml']) {
            files[name] = readFileSync(path.resolve('examples/imaging-network', name), 'utf8');
        }
        files['images.ispec'] = images.join('\n');
        const { findings } = await checkFiles(files);
        const inFile = findings.filter(finding => finding.relative === 'images.ispec');
        assert.ok(inFile.some(finding => finding.code === 'syntax' && finding.line === at + 1));
        assert.deepEqual(inFile.filter(finding => finding.code !== 'syntax').map(finding => `${finding.line}: ${finding.code}: ${finding.message}`), []);
    });

    it('still reports rules on the other elements of a file with a syntax error', async () => {
        const { findings } = await checkFiles({ 'a.ispec': `${SPEC}interface Half { from A to B standard File owner Ops\n    transport\n` });
        assert.ok(findings.some(finding => finding.code === 'syntax'));
        assert.ok(findings.some(finding => finding.code === 'interface-owner' && finding.line === 5), JSON.stringify(findings));
        assert.ok(!findings.some(finding => finding.line >= 6 && finding.code !== 'syntax'), JSON.stringify(findings));
    });
});

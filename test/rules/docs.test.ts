import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULE_AREAS, RULES } from '../../language-server/rules/registry.js';
import { DOCS, ruleFindings } from './doc-examples.js';

/** The markers around the rules index of docs/rules/README.md, which rulesIndex() gives. */
const INDEX_START = '<!-- The rules index below is generated from the rule objects (language-server/rules/<id>.ts): test/rules/docs.test.ts checks it, and `UPDATE_GOLDEN=1 npm test` rewrites it. -->\n';
const INDEX_END = '<!-- End of the generated rules index. -->\n';

/** The rules index of docs/rules/README.md: a table per area, in catalogue order, each sorted by rule id. */
function rulesIndex(): string {
    return RULE_AREAS.map(area => [
        `## ${area.charAt(0).toUpperCase()}${area.slice(1)}`,
        '',
        '| rule | default | quick fix | checks |',
        '| --- | --- | --- | --- |',
        ...RULES.filter(rule => rule.area === area)
            .map(rule => `| [${rule.id}](${rule.id}.md) | ${rule.defaultSeverity} | ${rule.fixable ? 'yes' : 'no'} | ${rule.summary} |`)
    ].join('\n')).join('\n\n') + '\n';
}

/** An option's default as the Options section of a rule's page writes it: `1y`, `[urgent]`, `{ urgent: 1h }`. */
function yamlFlow(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(yamlFlow).join(', ')}]`;
    if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${yamlFlow(item)}`).join(', ')} }`;
    return String(value);
}

/** The text of one `## ` section of a Markdown page, without its heading. */
function section(markdown: string, heading: string): string {
    const start = markdown.indexOf(`\n${heading}\n`);
    assert.ok(start >= 0, `missing heading '${heading}'`);
    const rest = markdown.slice(start + heading.length + 2);
    const end = rest.search(/^## /m);
    return end < 0 ? rest : rest.slice(0, end);
}

/** The rule pages and their index; each rule's examples are run by its own tests (test/rules/<id>.test.ts, see doc-examples.ts). */
describe('rules: docs/rules pages', () => {
    it('has a page per rule and an index row linking to each', () => {
        const index = readFileSync(path.join(DOCS, 'README.md'), 'utf8');
        for (const rule of RULES) {
            assert.ok(existsSync(path.join(DOCS, `${rule.id}.md`)), `docs/rules/${rule.id}.md`);
            assert.ok(index.includes(`| [${rule.id}](${rule.id}.md) | ${rule.defaultSeverity} |`), `index row for ${rule.id}`);
        }
    });

    it('keeps the rules index of the README equal to the one the rule objects give', () => {
        const file = path.join(DOCS, 'README.md');
        const readme = readFileSync(file, 'utf8');
        const start = readme.indexOf(INDEX_START);
        const end = readme.indexOf(INDEX_END);
        assert.ok(start >= 0 && end > start, 'the README marks where the rules index is');
        const expected = readme.slice(0, start + INDEX_START.length) + rulesIndex() + readme.slice(end);
        if (process.env.UPDATE_GOLDEN === '1') {
            writeFileSync(file, expected);
        }
        assert.equal(readFileSync(file, 'utf8'), expected, 'docs/rules/README.md: run UPDATE_GOLDEN=1 npm test and review the diff');
    });

    it('names every option of a rule on its page, with its default', () => {
        for (const rule of RULES) {
            const options = section(readFileSync(path.join(DOCS, `${rule.id}.md`), 'utf8'), '## Options');
            for (const [name, schema] of Object.entries(rule.options.properties ?? {})) {
                assert.ok(options.includes(`\`${name}\``), `docs/rules/${rule.id}.md: option \`${name}\` under ## Options`);
                assert.ok(options.includes(`\`${yamlFlow(schema.default)}\``), `docs/rules/${rule.id}.md: the default of ${name}, \`${yamlFlow(schema.default)}\``);
            }
            if (!rule.options.properties) {
                assert.match(options, /^\s*None\./, `docs/rules/${rule.id}.md: a rule without options says None.`);
            }
        }
    });

    it('has a prelude that no rule flags', async () => {
        assert.deepEqual([...(await ruleFindings('')).codes], []);
    });
});

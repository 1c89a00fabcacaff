import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFiles } from '../support/workspace.js';

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/language.md');

/** Codes of structural problems: a snippet of the reference must have none (rule findings are another matter). */
const STRUCTURAL = /^(syntax|unresolved-reference|duplicate-name|duplicate-local-name|repeated-statement|unreadable-hours|import-.*)$/;

interface Snippet { line: number; files: Record<string, string> }

/**
 * The ```ispec blocks of docs/language.md. A block is one file, or several when it has `// file: name` lines
 * (each starts a file that runs to the next such line).
 */
function snippets(markdown: string): Snippet[] {
    const result: Snippet[] = [];
    const lines = markdown.split('\n');
    for (let i = 0; i < lines.length; i++) {
        if (lines[i].trim() !== '```ispec') {
            continue;
        }
        const start = i + 1;
        const body: string[] = [];
        for (i++; i < lines.length && lines[i].trim() !== '```'; i++) {
            body.push(lines[i]);
        }
        const files: Record<string, string> = {};
        let current = 'snippet.ispec';
        for (const line of body) {
            const marker = /^\/\/ file: (\S+)\s*$/.exec(line);
            if (marker) {
                current = marker[1];
                continue;
            }
            files[current] = (files[current] ?? '') + line + '\n';
        }
        result.push({ line: start, files });
    }
    return result;
}

describe('docs/language.md: every ispec block parses and links', () => {
    const all = snippets(readFileSync(DOC, 'utf8'));

    it('has a block for every top-level construct', () => {
        const text = all.map(s => Object.values(s.files).join('')).join('');
        for (const keyword of ['import', 'team', 'role', 'system', 'site', 'data', 'interface', 'gate', 'change', 'change-authority', 'rollout', 'suppress', 'monitor', 'criterion', 'on downtime', 'codetable', 'segment']) {
            assert.match(text, new RegExp(`(^|\\s)${keyword}\\s`), keyword);
        }
    });

    for (const snippet of all) {
        it(`block at line ${snippet.line} (${Object.keys(snippet.files).join(', ')})`, async () => {
            const { findings } = await checkFiles(snippet.files);
            const structural = findings.filter(f => STRUCTURAL.test(f.code)).map(f => `${f.relative}:${f.line}:${f.column} ${f.message}`);
            assert.deepEqual(structural, []);
        });
    }
});

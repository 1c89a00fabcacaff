import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createLangiumParser, EmptyFileSystem, type LangiumParser } from 'langium';
import type { Rule, TokenType } from 'chevrotain';
import { createInterspecCoreServices } from '../../language-server/language/interspec-module.js';
import { computeResyncFollows, createInterspecParser, recordGrammar } from '../../language-server/language/interspec-parser.js';
import { specTextsWithCuts } from '../support/cut-spec-texts.js';
import { assertSame, describeParse } from '../support/parse-description.js';

const REPO = path.join(path.dirname(new URL(import.meta.url).pathname), '../../..');


/** The Chevrotain parser inside a Langium parser (not public), with what these tests read of it. */
interface Wrapper {
    resyncFollows: Record<string, TokenType[]>;
    definedRulesNames: string[];
    gastProductionsCache: Record<string, Rule>;
    getFollowSetFromFollowKey(key: unknown): TokenType[];
}
const wrapperOf = (parser: LangiumParser) => (parser as unknown as { wrapper: Wrapper }).wrapper;

/** Follow sets as text: each key with its token names, in order. */
const describeFollows = (follows: Record<string, TokenType[]>) => Object.entries(follows).map(([key, tokens]) => `${key}: ${tokens.map(token => token.name).join(' ')}`);

/**
 * The project's parser (interspec-parser.ts) rebuilds the grammar's productions from the build's recording and leaves
 * the follow sets of error recovery to the first recovery that needs them; Langium's `createLangiumParser` has
 * Chevrotain record the grammar and compute the sets when the parser is built. Both must make the same productions
 * and sets, and every parse, broken ones above all, the same.
 */
describe('language: parser construction (recorded grammar, follow sets on first recovery)', function () {
    this.timeout(600000);

    const { Interspec } = createInterspecCoreServices(EmptyFileSystem);

    it('computes the follow sets Chevrotain computes, key for key and token for token', () => {
        const eager = wrapperOf(createLangiumParser(Interspec));
        const expected = describeFollows(eager.resyncFollows);
        assert.ok(expected.length > 100, `${expected.length} follow sets`);
        assert.deepEqual(describeFollows(computeResyncFollows(Object.values(eager.gastProductionsCache))), expected);
        const deferred = wrapperOf(createInterspecParser(Interspec));
        assert.equal(typeof Object.getOwnPropertyDescriptor(deferred, 'resyncFollows')?.get, 'function', 'computed on first read');
        assert.deepEqual(describeFollows(deferred.resyncFollows), expected);
    });

    it('rebuilds the productions Chevrotain records from the recording, with the lexer\'s own tokens', () => {
        const recorded = recordGrammar(createLangiumParser(Interspec));
        const replayed = createInterspecParser(Interspec, recorded);
        assert.equal(recordGrammar(replayed), recorded);
        const tokens = new Set(Object.values(Interspec.parser.Lexer.definition));
        let terminals = 0;
        const visit = (production: { terminalType?: TokenType, definition?: unknown[] }) => {
            if (production.terminalType) {
                terminals++;
                assert.ok(tokens.has(production.terminalType), production.terminalType.name);
            }
            // A rule call's definition is its rule's: visited once, as a rule.
            if (!('nonTerminalName' in production)) production.definition?.forEach(each => visit(each as typeof production));
        };
        Object.values(wrapperOf(replayed).gastProductionsCache).forEach(visit);
        assert.ok(terminals > 500, `${terminals} tokens consumed`);
        // It is the recording that the parser used, not one of its own: a mark put in the recording is there.
        const marked = JSON.parse(recorded) as Array<[string, { orgText: string }]>;
        marked[0][1].orgText = 'replayed';
        const markedParser = wrapperOf(createInterspecParser(Interspec, JSON.stringify(marked)));
        assert.equal(markedParser.gastProductionsCache[markedParser.definedRulesNames[0]].orgText, 'replayed');
    });

    it('records the grammar itself when the recording names another token or other rules', () => {
        const recorded = recordGrammar(createLangiumParser(Interspec));
        const otherToken = recorded.replace(/"token":"[^"]+"/, '"token":"NoSuchToken"');
        const otherRules = JSON.stringify((JSON.parse(recorded) as unknown[]).slice(1));
        assert.notEqual(otherToken, recorded);
        for (const other of [otherToken, otherRules, '[]']) {
            assert.equal(recordGrammar(createInterspecParser(Interspec, other)), recorded);
        }
    });

    it('does not compute them for a spec without syntax errors, and parses every cut text as the eager parser does', () => {
        // Follow sets on first recovery, the productions from the recording: as the bundles build it.
        const deferred = createInterspecParser(Interspec, recordGrammar(createLangiumParser(Interspec)));
        const eager = createLangiumParser(Interspec);
        // Counts the reads of the follow sets (resynchronisation after an error in a repetition or a rule call).
        const wrapper = wrapperOf(deferred);
        const read = wrapper.getFollowSetFromFollowKey;
        let reads = 0;
        wrapper.getFollowSetFromFollowKey = function (this: Wrapper, key: unknown) {
            reads++;
            return read.call(this, key);
        };
        const texts = specTextsWithCuts(2805);
        const clean = readFileSync(path.join(REPO, 'examples/lab-network/results.ispec'), 'utf8');
        assert.equal(deferred.parse(clean).parserErrors.length, 0);
        assert.equal(reads, 0, 'a spec without syntax errors reads no follow set');
        let broken = 0;
        for (const [i, text] of texts.entries()) {
            const result = deferred.parse(text);
            broken += result.parserErrors.length > 0 ? 1 : 0;
            assertSame(describeParse(result), describeParse(eager.parse(text)), `text ${i}`);
        }
        assert.ok(broken > 100, `${broken} texts with syntax errors`);
        assert.ok(reads > 100, `recovery read ${reads} follow sets`);
    });
});

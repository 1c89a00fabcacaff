import { strict as assert } from 'node:assert';
import { createLangiumParser, EmptyFileSystem, type LangiumCoreServices, type LangiumParser } from 'langium';
import { LLStarLookaheadStrategy } from 'chevrotain-allstar';
import { Alternation, type IProduction, type OptionalProductionType, type Rule, type TokenType } from 'chevrotain';
import { createInterspecCoreServices } from '../../language-server/language/interspec-module.js';
import { lazyLookaheadConfig, LazyLookaheadStrategy, recordLookahead, type RecordedLookahead } from '../../language-server/language/interspec-lookahead.js';
import { specTextsWithCuts } from '../support/cut-spec-texts.js';
import { assertSame, describeParse } from '../support/parse-description.js';



/** A parser of the language built with another parser configuration. */
function parserWith(services: LangiumCoreServices, config: object): LangiumParser {
    const parser = { ...services.parser, ParserConfig: config };
    return createLangiumParser(new Proxy(services, { get: (target, key) => key === 'parser' ? parser : Reflect.get(target, key) }));
}

/** The alternation of `rule` with occurrence `idx`. */
function alternationOf(rule: Rule, idx: number): Alternation | undefined {
    const find = (productions: IProduction[]): Alternation | undefined => {
        for (const production of productions) {
            if (production instanceof Alternation && production.idx === idx) return production;
            const inner = 'nonTerminalName' in production ? undefined : (production as { definition?: IProduction[] }).definition;
            const found = inner && find(inner);
            if (found) return found;
        }
        return undefined;
    };
    return find(rule.definition);
}

/**
 * The bundles carry the first tokens of every decision of the grammar (`recordLookahead`, embedded by
 * scripts/bundle.mjs), from which the lazy strategy builds the lookahead of a decision one token decides instead of
 * computing them. Each such function must answer as the LL(*) strategy's own, and every parse must be the same.
 */
describe('language: recorded lookahead', function () {
    this.timeout(600000);

    const { Interspec } = createInterspecCoreServices(EmptyFileSystem);

    it('builds for every decision a function that answers as the LL(*) strategy\'s for every next token', () => {
        const recordedText = recordLookahead(Interspec);
        const recorded = JSON.parse(recordedText) as RecordedLookahead;
        const rules = Object.values((createLangiumParser(Interspec) as unknown as { wrapper: { gastProductionsCache: Record<string, Rule> } }).wrapper.gastProductionsCache);
        const eager = new LLStarLookaheadStrategy({ logging: () => undefined });
        eager.initialize({ rules });
        const replayed = new LazyLookaheadStrategy({ logging: () => undefined }, recorded);
        replayed.initialize({ rules });
        // Counts the decisions the replaying strategy leaves to LL(*)'s own functions (those one token does not decide).
        let leftToStrategy = 0;
        const prototype = LLStarLookaheadStrategy.prototype;
        const own = { alternation: prototype.buildLookaheadForAlternation, optional: prototype.buildLookaheadForOptional };
        prototype.buildLookaheadForAlternation = function (this: LLStarLookaheadStrategy, ...args) {
            if (this === replayed) leftToStrategy++;
            return own.alternation.apply(this, args);
        };
        prototype.buildLookaheadForOptional = function (this: LLStarLookaheadStrategy, ...args) {
            if (this === replayed) leftToStrategy++;
            return own.optional.apply(this, args);
        };
        const tokens = Object.values(Interspec.parser.Lexer.definition) as TokenType[];
        const decisions = Object.keys(recorded);
        assert.ok(decisions.length > 150, `${decisions.length} decisions recorded`);
        let compared = 0;
        try {
            for (const key of decisions) {
                const [, ruleName, type, occurrence] = /^(.*)_(Alternation|Option|Repetition|RepetitionMandatory|RepetitionMandatoryWithSeparator|RepetitionWithSeparator)_(\d+)$/.exec(key)!;
                const rule = rules.find(each => each.name === ruleName)!;
                assert.ok(rule, key);
                const prodOccurrence = Number(occurrence);
                const build = (strategy: LLStarLookaheadStrategy) => type === 'Alternation'
                    ? strategy.buildLookaheadForAlternation({ prodOccurrence, rule, maxLookahead: 1, hasPredicates: (alternationOf(rule, prodOccurrence) as unknown as { hasPredicates: boolean }).hasPredicates, dynamicTokensEnabled: false })
                    : strategy.buildLookaheadForOptional({ prodOccurrence, rule, prodType: type as OptionalProductionType, maxLookahead: 1, dynamicTokensEnabled: false });
                const answer = (fn: (...args: never[]) => unknown, token: TokenType) => {
                try {
                        return fn.call({ LA: () => ({ tokenType: token, tokenTypeIdx: token.tokenTypeIdx, image: '' }) });
                    } catch (error) {
                        return `throws ${(error as Error).message}`;
                    }
                };
                const expected = build(eager);
                const actual = build(replayed);
                for (const token of tokens) {
                    assert.deepEqual(answer(actual, token), answer(expected, token), `${key} before ${token.name}`);
                    compared++;
                }
            }
        } finally {
            Object.assign(prototype, { buildLookaheadForAlternation: own.alternation, buildLookaheadForOptional: own.optional });
        }
        assert.ok(compared > 10000, `${compared} answers compared`);
        assert.ok(leftToStrategy > 0 && leftToStrategy < 10, `${leftToStrategy} of ${decisions.length} decisions left to the strategy`);
        assert.equal(recordLookahead(Interspec), recordedText, 'the same recording for the same grammar');
    });

    it('parses every example, corpus file and cut text as Langium\'s eager LL(*) strategy does', () => {
        const withRecording = parserWith(Interspec, lazyLookaheadConfig(recordLookahead(Interspec)));
        const eager = parserWith(Interspec, { lookaheadStrategy: new LLStarLookaheadStrategy({ logging: () => undefined }) });
        const texts = specTextsWithCuts(2806);
        for (const [i, text] of texts.entries()) {
            assertSame(describeParse(withRecording.parse(text)), describeParse(eager.parse(text)), `text ${i}`);
        }
    });
});

import { createLangiumParser, EmptyFileSystem } from 'langium';
import { LLStarLookaheadStrategy } from 'chevrotain-allstar';
import { createInterspecCoreServices } from '../../language-server/language/interspec-module.js';
import { LazyLookaheadStrategy } from '../../language-server/language/interspec-lookahead.js';
import { specTextsWithCuts } from '../support/cut-spec-texts.js';
import { assertSame, describeParse } from '../support/parse-description.js';
import { strict as assert } from 'node:assert';



/**
 * The lazy lookahead (interspec-lookahead.ts) builds each decision's function when the parser first meets it; the
 * parser must parse every text as with Langium's own strategy, which builds them all up front: the AST, every CST
 * node's position and the syntax errors (recovery reads the lookahead too), on every example and corpus file and on
 * random cuts of them.
 */
describe('language: lazy lookahead', function () {
    this.timeout(600000);

    it('the project parser uses the lazy strategy, a new one per parser', () => {
        const { Interspec } = createInterspecCoreServices(EmptyFileSystem);
        const config = Interspec.parser.ParserConfig as { lookaheadStrategy: unknown };
        assert.ok(config.lookaheadStrategy instanceof LazyLookaheadStrategy);
        assert.notEqual(config.lookaheadStrategy, config.lookaheadStrategy);
    });

    it('parses as Langium\'s eager LL(*) strategy does', () => {
        const { Interspec } = createInterspecCoreServices(EmptyFileSystem);
        const lazy = createLangiumParser(Interspec);
        // The same services with Langium's own strategy.
        const eagerParser = { ...Interspec.parser, ParserConfig: { lookaheadStrategy: new LLStarLookaheadStrategy({ logging: () => undefined }) } };
        const eager = createLangiumParser(new Proxy(Interspec, { get: (target, key) => key === 'parser' ? eagerParser : Reflect.get(target, key) }));
        const texts = specTextsWithCuts(28);
        assert.ok(texts.length > 50, `${texts.length} spec files`);
        for (const [i, text] of texts.entries()) {
            assertSame(describeParse(lazy.parse(text)), describeParse(eager.parse(text)), `text ${i}`);
        }
    });
});

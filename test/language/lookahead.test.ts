import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createLangiumParser, EmptyFileSystem } from 'langium';
import { LLStarLookaheadStrategy } from 'chevrotain-allstar';
import { createInterspecCoreServices } from '../../language-server/language/interspec-module.js';
import { LazyLookaheadStrategy } from '../../language-server/language/interspec-lookahead.js';
import { seededRandom } from '../support/synthetic-workspace.js';
import { assertSame, describeParse } from '../support/parse-description.js';
import { strict as assert } from 'node:assert';

const REPO = path.join(path.dirname(new URL(import.meta.url).pathname), '../../..');

/** Every `.ispec` file under a folder, sorted. */
function specFiles(folder: string): string[] {
    return readdirSync(folder).sort().flatMap(name => {
        const file = path.join(folder, name);
        return statSync(file).isDirectory() ? specFiles(file) : name.endsWith('.ispec') ? [file] : [];
    });
}

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
        const texts = [...specFiles(path.join(REPO, 'examples')), ...specFiles(path.join(REPO, 'test/corpus'))].map(file => readFileSync(file, 'utf8'));
        assert.ok(texts.length > 50, `${texts.length} spec files`);
        const random = seededRandom(28);
        for (let i = 0; i < 400; i++) {
            const text = texts[Math.floor(random() * texts.length)];
            const at = Math.floor(random() * text.length);
            const length = Math.floor(random() * 200);
            texts.push(random() < 0.5 ? text.slice(0, at) : text.slice(0, at) + text.slice(at + length));
        }
        for (const [i, text] of texts.entries()) {
            assertSame(describeParse(lazy.parse(text)), describeParse(eager.parse(text)), `text ${i}`);
        }
    });
});

import { LLStarLookaheadStrategy } from 'chevrotain-allstar';
import type { BaseParser, IOrAlt, OptionalProductionType, Rule } from 'chevrotain';

type LookaheadFunction = (this: BaseParser, ...args: never[]) => number | boolean | undefined;

/**
 * A parser configuration whose every read gives a new lookahead strategy: a strategy keeps the ATN of the parser
 * it was initialised for, and Langium builds more than one parser from one configuration (the completion parser).
 */
export function lazyLookaheadConfig(): { readonly lookaheadStrategy: LazyLookaheadStrategy } {
    return {
        get lookaheadStrategy() {
            // Validations are skipped in production mode, where Langium silences the strategy's logging too.
            return new LazyLookaheadStrategy({ logging: () => undefined });
        }
    };
}

/**
 * Langium's lookahead strategy (LL(*) from chevrotain-allstar), with each decision's lookahead function built the
 * first time the parser meets that decision instead of for every alternation and option of the grammar when the
 * parser is constructed: that was 40–55 ms of every start of `interspec check` (issue 28, cold start), most of it
 * for decisions a small spec never reaches. The function built is the one the strategy builds eagerly, so every
 * parse is the same (`test/language/lookahead.test.ts`). The ATN the functions read is still made in `initialize`.
 */
export class LazyLookaheadStrategy extends LLStarLookaheadStrategy {
    override buildLookaheadForAlternation(options: { prodOccurrence: number, rule: Rule, maxLookahead: number, hasPredicates: boolean, dynamicTokensEnabled: boolean }): (this: BaseParser, orAlts?: IOrAlt<unknown>[]) => number | undefined {
        return lazily(() => super.buildLookaheadForAlternation(options) as LookaheadFunction) as (this: BaseParser, orAlts?: IOrAlt<unknown>[]) => number | undefined;
    }

    override buildLookaheadForOptional(options: { prodOccurrence: number, prodType: OptionalProductionType, rule: Rule, maxLookahead: number, dynamicTokensEnabled: boolean }): (this: BaseParser) => boolean {
        return lazily(() => super.buildLookaheadForOptional(options) as LookaheadFunction) as (this: BaseParser) => boolean;
    }
}

/** A function that builds `build()` on its first call and calls it with the same `this` every time. */
function lazily(build: () => LookaheadFunction): LookaheadFunction {
    let built: LookaheadFunction | undefined;
    return function (this: BaseParser, ...args: never[]) {
        built ??= build();
        return built.apply(this, args);
    };
}

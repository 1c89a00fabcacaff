import { prepareLangiumParser, type LangiumCoreServices, type LangiumParser } from 'langium';
import {
    Alternation, Alternative, NonTerminal, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator,
    RepetitionWithSeparator, Rule, Terminal, type IProduction, type TokenType
} from 'chevrotain';

/** The follow sets of error recovery, by Chevrotain's key: `<called rule><occurrence>_~IN~_<calling rule>`. */
export type ResyncFollows = Record<string, TokenType[]>;

/** What this file reads and writes of Langium's Chevrotain parser (`LangiumParser.wrapper`), which is not public. */
interface ChevrotainInternals {
    recoveryEnabled: boolean;
    resyncFollows: ResyncFollows;
    gastProductionsCache: Record<string, Rule>;
    definedRulesNames: string[];
    performSelfAnalysis(): void;
    enableRecording(): void;
    disableRecording(): void;
    topLevelRuleRecord(name: string, implementation: () => void): Rule;
}

/** The recorded grammar that `npm run build` puts in the bundles (scripts/bundle.mjs); undefined in `out/`. */
declare const __INTERSPEC_RECORDED_GRAMMAR__: string | undefined;
const BUILT_GRAMMAR = typeof __INTERSPEC_RECORDED_GRAMMAR__ === 'string' ? __INTERSPEC_RECORDED_GRAMMAR__ : undefined;

/**
 * Langium's `createLangiumParser`, with two costs of every start of `interspec check` cut (issue 28, cold start):
 *
 * - Chevrotain records the grammar (it runs every rule in a recording mode to learn its productions: 20–30 ms). With
 *   `recorded` (by default the recording the build made, `recordGrammar`, embedded in the bundles) the productions
 *   are rebuilt from it instead, when its rules and tokens are this parser's; otherwise Chevrotain records them.
 * - The follow sets Chevrotain's error recovery reads are computed the first time a parse recovers from a syntax
 *   error instead of when the parser is built (15–20 ms); a spec without a syntax error never needs them.
 *
 * The productions and the sets are the ones Chevrotain makes, so every parse and every recovery is the same
 * (`test/language/parser-construction.test.ts`).
 */
export function createInterspecParser(services: LangiumCoreServices, recorded: string | undefined = BUILT_GRAMMAR): LangiumParser {
    const parser = prepareLangiumParser(services);
    const wrapper = wrapperOf(parser);
    const patched = [...deferFollowSets(wrapper), ...(recorded === undefined ? [] : replayGrammar(wrapper, recorded, services.parser.Lexer.definition))];
    parser.finalize();
    for (const key of patched) {
        delete (wrapper as unknown as Record<string, unknown>)[key];
    }
    return parser;
}

/** The Chevrotain parser inside a Langium parser. */
function wrapperOf(parser: LangiumParser): ChevrotainInternals {
    return (parser as unknown as { wrapper: ChevrotainInternals }).wrapper;
}

/** The production classes by name, for the recording. */
const PRODUCTIONS: Record<string, new (options: never) => IProduction> = {
    Rule, Alternative, Alternation, Option, Repetition, RepetitionMandatory, RepetitionMandatoryWithSeparator,
    RepetitionWithSeparator, NonTerminal, Terminal
};

/** A production as the build records it: its class, its own properties in order (tokens by name), its productions. */
type RecordedProduction = [kind: string, properties: Record<string, unknown>, productions?: RecordedProduction[]];

/**
 * The grammar Chevrotain recorded for a built parser (`createLangiumParser` or this file's), as JSON: each rule's
 * productions with every property Chevrotain set, a token by its name, a called rule by its name. The build embeds
 * it in the bundles (scripts/bundle.mjs). Throws on a property this format cannot carry.
 */
export function recordGrammar(parser: LangiumParser): string {
    const wrapper = wrapperOf(parser);
    return JSON.stringify(wrapper.definedRulesNames.map(name => encode(wrapper.gastProductionsCache[name])));
}

function encode(production: IProduction): RecordedProduction {
    const kind = Object.keys(PRODUCTIONS).find(name => production.constructor === PRODUCTIONS[name]);
    if (kind === undefined) throw new Error(`a production of another kind: ${production.constructor.name}`);
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(production)) {
        if (key === 'referencedRule') continue; // Chevrotain resolves it from nonTerminalName
        if (key === '_definition') {
            properties[key] = null; // keeps the property's place; the productions follow
        } else if (key === 'terminalType' || key === 'separator') {
            properties[key] = { token: (value as TokenType).name };
        } else if (['string', 'number', 'boolean'].includes(typeof value)) {
            properties[key] = value;
        } else {
            throw new Error(`${kind}.${key} cannot be recorded (${typeof value})`);
        }
    }
    const inner = production instanceof NonTerminal ? [] : (production as unknown as { _definition?: IProduction[] })._definition;
    return inner === undefined || inner.length === 0 ? [kind, properties] : [kind, properties, inner.map(encode)];
}

function decode(recorded: RecordedProduction, tokens: Record<string, TokenType>): IProduction {
    const [kind, properties, productions = []] = recorded;
    const production = Object.create(PRODUCTIONS[kind].prototype as object) as Record<string, unknown>;
    for (const [key, value] of Object.entries(properties)) {
        if (key === '_definition') {
            production[key] = productions.map(each => decode(each, tokens));
        } else if (key === 'terminalType' || key === 'separator') {
            const name = (value as { token: string }).token;
            if (!Object.hasOwn(tokens, name)) throw new Error(`no token ${name}`);
            production[key] = tokens[name];
        } else {
            production[key] = value;
        }
    }
    return production as unknown as IProduction;
}

/**
 * Has Chevrotain's self-analysis of `wrapper` take each rule's productions from `recorded` instead of recording them,
 * when `recorded` has this parser's rules, in its order, and only its tokens. Returns the properties it set.
 */
function replayGrammar(wrapper: ChevrotainInternals, recorded: string, tokens: Record<string, TokenType>): string[] {
    let rules: Map<string, Rule>;
    try {
        rules = new Map((JSON.parse(recorded) as RecordedProduction[]).map(each => {
            const rule = decode(each, tokens) as Rule;
            return [rule.name, rule];
        }));
    } catch {
        return []; // a token this parser does not have: record
    }
    const names = [...rules.keys()];
    if (names.length !== wrapper.definedRulesNames.length || wrapper.definedRulesNames.some((name, i) => names[i] !== name)) {
        return [];
    }
    wrapper.enableRecording = () => undefined;
    wrapper.disableRecording = () => undefined;
    wrapper.topLevelRuleRecord = name => rules.get(name)!;
    return ['enableRecording', 'disableRecording', 'topLevelRuleRecord'];
}

/**
 * Makes Chevrotain's self-analysis of `wrapper` skip the follow sets (it computes them only when recovery is enabled)
 * and gives the parser a `resyncFollows` that computes them from the recorded grammar on first read. Returns the
 * property it set.
 */
function deferFollowSets(wrapper: ChevrotainInternals): string[] {
    if (!wrapper.recoveryEnabled) return [];
    const analyse = wrapper.performSelfAnalysis;
    wrapper.performSelfAnalysis = function (this: ChevrotainInternals) {
        this.recoveryEnabled = false;
        try {
            analyse.call(this);
        } finally {
            this.recoveryEnabled = true;
        }
        let follows: ResyncFollows | undefined;
        Object.defineProperty(this, 'resyncFollows', {
            configurable: true,
            get: () => follows ??= computeResyncFollows(Object.values(this.gastProductionsCache)),
            set: (value: ResyncFollows) => { follows = value; }
        });
    };
    return ['performSelfAnalysis'];
}

/**
 * The follow set of every rule call of `rules` (Chevrotain 11's `computeAllProdsFollows`, which it does not export):
 * for the n-th call of rule B in rule A, key `B<n>_~IN~_A`, the tokens that can come first in what follows that call
 * inside A, in Chevrotain's order. Recovery resynchronises on them after a syntax error inside B.
 */
export function computeResyncFollows(rules: readonly Rule[]): ResyncFollows {
    const follows: ResyncFollows = {};
    for (const rule of rules) {
        walk(rule, [], (call, rest) => {
            follows[`${call.referencedRule.name}${call.idx}_~IN~_${rule.name}`] = first(new Alternative({ definition: rest }));
        });
    }
    return follows;
}

/**
 * Chevrotain's RestWalker: calls `onCall` for every rule call inside `production` with the productions that follow it
 * (`rest`: those after it in its sequence, then `outerRest`), a repetition followed by an optional copy of itself.
 */
function walk(production: { definition: IProduction[] }, outerRest: IProduction[], onCall: (call: NonTerminal, rest: IProduction[]) => void): void {
    production.definition.forEach((inner, index) => {
        const rest = production.definition.slice(index + 1).concat(outerRest);
        if (inner instanceof NonTerminal) {
            onCall(inner, rest);
        } else if (inner instanceof Terminal) {
            // nothing follows inside a token
        } else if (inner instanceof Alternative || inner instanceof Option) {
            walk(inner, rest, onCall);
        } else if (inner instanceof RepetitionMandatory || inner instanceof Repetition) {
            walk(inner, [new Option({ definition: inner.definition }) as IProduction].concat(rest), onCall);
        } else if (inner instanceof RepetitionMandatoryWithSeparator || inner instanceof RepetitionWithSeparator) {
            const again = new Option({ definition: [new Terminal({ terminalType: inner.separator }) as IProduction].concat(inner.definition) });
            walk(inner, [again as IProduction].concat(rest), onCall);
        } else if (inner instanceof Alternation) {
            // Each alternative alone: the next alternative does not follow the previous one.
            for (const alternative of inner.definition) {
                walk(new Alternative({ definition: [alternative] }), rest, onCall);
            }
        } else {
            throw new Error('non exhaustive match');
        }
    });
}

/** Chevrotain's `first`: the tokens a production can start with, in its order, without repeats. */
function first(production: IProduction): TokenType[] {
    if (production instanceof NonTerminal) {
        return first(production.referencedRule);
    } else if (production instanceof Terminal) {
        return [production.terminalType];
    } else if (production instanceof Alternation) {
        return [...new Set(production.definition.flatMap(first))];
    } else if (isSequence(production)) {
        // Up to and including the first production that cannot be empty.
        const tokens: TokenType[] = [];
        for (const inner of production.definition) {
            tokens.push(...first(inner));
            if (!isOptional(inner)) break;
        }
        return [...new Set(tokens)];
    }
    throw new Error('non exhaustive match');
}

/** Chevrotain's `isSequenceProd` (a Terminal is handled before it is asked). */
function isSequence(production: IProduction): production is IProduction & { definition: IProduction[] } {
    return production instanceof Alternative || production instanceof Option || production instanceof Repetition
        || production instanceof RepetitionMandatory || production instanceof RepetitionMandatoryWithSeparator
        || production instanceof RepetitionWithSeparator || production instanceof Rule;
}

/** Chevrotain's `isOptionalProd`: whether a production can match no token (a rule already on the path cannot). */
function isOptional(production: IProduction, visited: NonTerminal[] = []): boolean {
    if (production instanceof Option || production instanceof Repetition || production instanceof RepetitionWithSeparator) {
        return true;
    }
    if (production instanceof Alternation) {
        return production.definition.some(inner => isOptional(inner, visited));
    }
    if (production instanceof NonTerminal && visited.includes(production)) {
        return false;
    }
    if (production instanceof Terminal || !('definition' in production)) {
        return false;
    }
    if (production instanceof NonTerminal) {
        visited.push(production);
    }
    return (production.definition as IProduction[]).every(inner => isOptional(inner, visited));
}

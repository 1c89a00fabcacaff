import { GrammarAST, LangiumParserErrorMessageProvider, DefaultLexerErrorMessageProvider, type Grammar, type LangiumCoreServices } from 'langium';
import type { IToken, TokenType } from 'chevrotain';

/** How terminals read in messages: what to write, with an example. */
const TERMINAL_LABELS: Record<string, string> = {
    ID: 'a name',
    STRING: 'a quoted text such as "Lab IT"',
    NUMBER: 'a number',
    DURATION: 'a duration such as 15m, 4h or 10y',
    PERCENT: 'a percentage such as 0.1%',
    VERSION: 'a version such as 2.5.1',
    DICOM_TAG: 'a DICOM tag such as (0010,0020)',
    GS1_AI: 'a GS1 application identifier such as (01)',
    EOF: 'the end of the file'
};

/** What may start a top-level element, for the message about text after the last element. */
const TOP_LEVEL_HINT = 'import, team, role, system, site, data, interface, gate, change, change-authority or rollout';

/** What may follow `source -> target` on a mapping line. */
const MAPPING_OPTIONS = "'as', 'identifier authority', 'units', 'timezone', 'clock', 'codes' and 'suppress'";

/** At most this many alternatives are listed; more would hide the point. */
const MAX_LISTED = 14;

/**
 * Parser messages written for architects: they name what the block accepts, say in words what a value
 * should look like, and say plainly when the file ended before a block was closed, instead of Chevrotain's
 * token-type listings.
 */
export class InterspecParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    private readonly grammar: Grammar;
    private readonly statementCache = new Map<string, string[]>();

    constructor(services: LangiumCoreServices) {
        super();
        this.grammar = services.Grammar;
    }

    override buildMismatchTokenMessage(options: { expected: TokenType, actual: IToken, previous: IToken, ruleName: string }): string {
        const { expected, actual } = options;
        // Langium marks rule names with an invisible suffix; keep the name only.
        const ruleName = options.ruleName.replace(/\W/g, '');
        const expectedName = tokenName(expected);
        if (isEof(actual)) {
            return expectedName === '}'
                ? `The file ended before this block was closed: add '}'.`
                : `The file ended too early: expected ${label(expected)}.`;
        }
        if (ruleName === 'Mapping' && expectedName === '->') {
            return `Expected '->' between the source and target fields of a mapping but found ${show(actual)}. `
                + `A word a mapping does not know (a misspelled option?) starts a new mapping; the options after 'source -> target' are ${MAPPING_OPTIONS}.`;
        }
        if (ruleName === 'CodeMap' && expectedName === '}') {
            return `Expected ',' between the entries of a code map, or '}' to close it, but found ${show(actual)}.`;
        }
        if (expectedName === '}') {
            const statements = this.statementsOf(ruleName);
            if (statements.length > 0) {
                return `${show(actual)} is not a statement of ${article(ruleName)} block. Expected ${listOf(statements.map(s => `'${s}'`))}, or '}' to close the block.`;
            }
            return `Expected '}' to close the block but found ${show(actual)}.`;
        }
        return `Expected ${label(expected)} but found ${show(actual)}.${hint(expectedName, actual)}`;
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken, ruleName: string }): string {
        const token = options.firstRedundant;
        if (token.image === '}') {
            return `Unexpected '}': no block is open here (one '}' too many?).`;
        }
        return `Unexpected ${show(token)}: expected a top-level element (${TOP_LEVEL_HINT}).`;
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][], actual: IToken[], previous: IToken, customUserDescription: string, ruleName: string }): string {
        const firsts = unique(options.expectedPathsPerAlt.flat().map(path => path[0]).filter(t => t !== undefined).map(label));
        const actual = options.actual[0];
        if (actual && isEof(actual)) {
            return `The file ended too early: expected ${listOf(firsts)}.`;
        }
        return `Expected ${listOf(firsts)} but found ${actual ? show(actual) : 'nothing'}.`;
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][], actual: IToken[], previous: IToken, customUserDescription: string, ruleName: string }): string {
        const firsts = unique(options.expectedIterationPaths.map(path => path[0]).filter(t => t !== undefined).map(label));
        const actual = options.actual[0];
        return `Expected at least one ${listOf(firsts)} but found ${actual ? (isEof(actual) ? 'the end of the file' : show(actual)) : 'nothing'}.`;
    }

    /** The keywords that start a statement inside the block of a rule (`system X { ... }`), in grammar order. */
    private statementsOf(ruleName: string): string[] {
        let statements = this.statementCache.get(ruleName);
        if (!statements) {
            const rule = this.grammar.rules.find(r => GrammarAST.isParserRule(r) && r.name === ruleName) as GrammarAST.ParserRule | undefined;
            const loop = rule ? findBlockLoop(rule.definition) : undefined;
            statements = [];
            if (loop) {
                const alternatives = GrammarAST.isAlternatives(loop) ? loop.elements
                    : GrammarAST.isGroup(loop) && loop.elements.length === 1 && GrammarAST.isAlternatives(loop.elements[0]) ? loop.elements[0].elements
                    : [loop];
                for (const alternative of alternatives) {
                    const keyword = firstKeyword(alternative, 0);
                    if (keyword && !statements.includes(keyword)) {
                        statements.push(keyword);
                    }
                }
            }
            this.statementCache.set(ruleName, statements);
        }
        return statements;
    }
}

/** Lexer messages that name the character and say what is allowed instead. */
export class InterspecLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + length);
        if (text.startsWith('"')) {
            return `This text has no closing double quote: add '"' at its end.`;
        }
        return `Unexpected character '${text}'. Names use letters, digits, '_' and '-'; other text goes in double quotes.`;
    }
}

/** The repeated group of a block rule: the first `( ... )*` in its definition. */
function findBlockLoop(element: GrammarAST.AbstractElement): GrammarAST.AbstractElement | undefined {
    if (element.cardinality === '*' && (GrammarAST.isAlternatives(element) || GrammarAST.isGroup(element))) {
        return element;
    }
    if (GrammarAST.isGroup(element) || GrammarAST.isAlternatives(element)) {
        for (const child of element.elements) {
            const found = findBlockLoop(child);
            if (found) {
                return found;
            }
        }
    }
    return undefined;
}

/** The keyword an element starts with, looking into called rules (bounded, the grammar has no deep chains). */
function firstKeyword(element: GrammarAST.AbstractElement, depth: number): string | undefined {
    if (depth > 4) {
        return undefined;
    }
    if (GrammarAST.isKeyword(element)) {
        return element.value;
    }
    if (GrammarAST.isGroup(element)) {
        return element.elements[0] ? firstKeyword(element.elements[0], depth + 1) : undefined;
    }
    if (GrammarAST.isAssignment(element)) {
        return firstKeyword(element.terminal, depth + 1);
    }
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        return GrammarAST.isParserRule(rule) ? firstKeyword(rule.definition, depth + 1) : undefined;
    }
    return undefined;
}

function tokenName(type: TokenType): string {
    return type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
}

function isEof(token: IToken): boolean {
    return token.tokenType?.name === 'EOF';
}

function label(type: TokenType): string {
    const name = tokenName(type);
    return TERMINAL_LABELS[name] ?? `'${name}'`;
}

function show(token: IToken): string {
    return `'${token.image}'`;
}

/** A hint for the mistakes people make most: unquoted text, a duration without its unit. */
function hint(expected: string, actual: IToken): string {
    const actualType = actual.tokenType ? tokenName(actual.tokenType) : '';
    if (expected === 'STRING' && /^[\w.-]+$/.test(actual.image)) {
        return ` Put text in double quotes: "${actual.image}".`;
    }
    if (expected === 'DURATION' && actualType === 'NUMBER') {
        return ` Write the unit right after the number: ${actual.image}m, ${actual.image}h, ${actual.image}d or ${actual.image}y.`;
    }
    if (expected === 'ID' && actualType === 'STRING') {
        return ' Names are written without quotes.';
    }
    return '';
}

function unique(values: string[]): string[] {
    return [...new Set(values)];
}

function listOf(items: string[]): string {
    if (items.length === 0) {
        return 'something else';
    }
    if (items.length === 1) {
        return items[0];
    }
    const shown = items.slice(0, MAX_LISTED);
    const rest = items.length > MAX_LISTED ? `, ...` : '';
    return items.length > MAX_LISTED
        ? `one of ${shown.join(', ')}${rest}`
        : `one of ${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

function article(ruleName: string): string {
    const word = ruleName.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

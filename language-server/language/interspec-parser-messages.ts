import { GrammarAST, LangiumParserErrorMessageProvider, DefaultLexerErrorMessageProvider, type Grammar, type LangiumCoreServices } from 'langium';
import type { IToken, TokenType } from 'chevrotain';

/**
 * Parser and lexer messages written for an integration architect: what is expected next in the words of the
 * language (a field such as PID-3, '->', a code, a name, text in double quotes, a duration such as 15m), never the
 * grammar's token or rule names (ID, STRING, Word) nor the long lists of keywords that may double as names. Where
 * many statements are possible a message names a few and says the kind of thing; a half-typed keyword gets the
 * keywords it may become.
 */

/** How terminals read in messages: what to write, with an example. */
const TERMINAL_LABELS: Record<string, string> = {
    ID: 'a name',
    STRING: 'text in double quotes such as "Lab IT"',
    NUMBER: 'a number',
    DURATION: 'a duration such as 15m, 4h or 10y',
    PERCENT: 'a percentage such as 0.1%',
    VERSION: 'a version such as 2.5.1',
    COVER: 'a cover such as 24x7',
    DICOM_TAG: 'a DICOM tag such as (0010,0020)',
    DICOM_PRIVATE_TAG: 'a private DICOM tag such as (0029,"SIEMENS CSA HEADER",10)',
    GS1_AI: 'a GS1 application identifier such as (01)',
    PAREN_NUMBER: 'a repetition such as (2)',
    PAREN_STRING: 'an argument in brackets such as ("https://example.org")',
    EOF: 'the end of the file'
};

/**
 * What a value rule reads as, where it is expected (a keyword before it, or the rule itself failing): the rules
 * whose alternatives would otherwise be listed token by token (a Word is a name or any of 150 keywords).
 */
const VALUE_LABELS: Record<string, string> = {
    FieldPath: 'a field such as PID-3, Observation.status or (0010,0020)',
    Condition: 'a field such as OBX-2',
    Code: 'a code such as F or "2345-7"',
    MessageType: 'a message type such as ORU^R01',
    Word: 'a name',
    Version: 'a version such as "2.5.1"',
    Duration: 'a duration such as 15m, 4h or 10y',
    Unit: 'a unit such as "mg/dL"',
    UnitMapping: 'a unit such as "mg/dL"',
    Measure: 'a value such as 5m, 0.1% or 200',
    ServiceHours: '24x7, or hours in double quotes such as "Mon-Fri 07:00-19:00"',
    Standard: 'a standard such as HL7v2, FHIR or DICOM',
    Transport: 'a transport such as MLLP, HTTPS or DIMSE',
    FieldKind: "a kind of value such as 'identifier', 'quantity' or 'code'",
    Question: "a go-live question such as 'exceptions', 'data-meaning' or 'readiness'",
    Regulatory: 'a regulatory regime such as MDR or FDA',
    Capacity: 'an amount and unit such as 100 Mbps',
    Hypercare: 'a period such as 2w',
    Replacement: 'the name of a system',
    PathStep: 'a component such as .1, or an element such as .status'
};

/** Text in double quotes, per the property it fills: examples an architect recognises. */
const TEXT_LABELS: Record<string, string> = {
    timezone: 'a time zone in double quotes such as "Europe/London"',
    jurisdiction: 'a jurisdiction in double quotes such as "GB-ENG"',
    authority: 'an assigning authority in double quotes such as "MRN"',
    path: 'a file path in double quotes such as "org.ispec"',
    window: 'hours in double quotes such as "Mon-Fri 07:00-19:00"',
    reason: 'a reason in double quotes',
    title: 'a title in double quotes such as "Lab IT"'
};

/** What a name after these keywords is, where the grammar only says "a name" (a Word or an ID). */
const NAME_LABELS: Record<string, string> = {
    '^': 'a trigger event such as R01 (as in ORU^R01)',
    on: 'an exception scenario such as downtime, duplicate-identity or out-of-order',
    kind: 'a kind such as LIS, EHR or analyser',
    over: 'a security such as TLS or VPN',
    suppress: 'the id of the rule to suppress',
    duties: 'a duty such as order-entry',
    metric: 'a metric name such as failed-messages or ack-latency'
};

/** What a name is in a rule where no keyword comes before it: `field 1 CWE` (a segment field's data type). */
const NAME_IN_RULE: Record<string, string> = {
    'SegmentField ID': 'an HL7 v2 data type such as CWE or ST',
    'Capacity ID': 'a unit such as Mbps',
    'Standard ID': 'a standard such as HL7v2, FHIR or DICOM'
};

/** Names of the things a reference may name (a Party is a team or a role). */
const REFERENCE_LABELS: Record<string, string> = {
    Party: 'the name of a team or role',
    Data: 'the name of a data set',
    CodeTable: 'the name of a code table'
};

/** What the parser's rule is called in a message about its block. */
const BLOCK_NAMES: Record<string, string> = {
    CodeTable: 'code table', DowntimeProcedure: 'downtime', ExceptionHandler: 'exception handler', MappingGroup: 'when group'
};

/** The top-level elements, as an architect says them when text after the last element is not one. */
const TOP_LEVEL = ['import', 'team', 'role', 'system', 'site', 'data', 'interface', 'gate', 'change', 'change-authority', 'rollout', 'codetable', 'segment'];

/** What may follow `source -> target` on a mapping line, in the message about a misspelled option. */
const MAPPING_OPTIONS = "'as', 'units' or 'codes'";

/** The words that may follow a mapping's target (its options, and `receives` after a code map). */
const MAPPING_KEYWORDS = ['as', 'identifier', 'units', 'timezone', 'clock', 'codes', 'suppress', 'receives'];

/** At most this many examples are named; completion lists them all. */
const MAX_EXAMPLES = 3;

/** At most this many values of a closed list (criticality, classification) are listed in full. */
const MAX_LISTED = 5;

export class InterspecParserErrorMessageProvider extends LangiumParserErrorMessageProvider {
    private readonly grammar: Grammar;
    private readonly statementCache = new Map<string, string[]>();
    private afterKeywords?: { inRule: Map<string, string>, anywhere: Map<string, string | null> };

    constructor(services: LangiumCoreServices) {
        super();
        this.grammar = services.Grammar;
    }

    /**
     * What follows a keyword, per rule (`Interface from`) and across rules (`from`) when it is the same everywhere.
     * Built for the first message, not with the parser: 7 ms of every start of `interspec check` (issue 28).
     */
    private get afterKeyword(): { inRule: Map<string, string>, anywhere: Map<string, string | null> } {
        return this.afterKeywords ??= describeAfterKeywords(this.grammar);
    }

    override buildMismatchTokenMessage(options: { expected: TokenType, actual: IToken, previous: IToken, ruleName: string }): string {
        const { expected, actual, previous } = options;
        // Langium marks rule names with an invisible suffix; keep the name only.
        const ruleName = options.ruleName.replace(/\W/g, '');
        const expectedName = tokenName(expected);
        if (expectedName === 'EOF') {
            return this.notAnElement(actual);
        }
        if (expectedName === '}' && isEof(actual)) {
            return `The file ended before this block was closed: add '}'.`;
        }
        if (ruleName === 'Mapping' && expectedName === '->') {
            const option = startedKeywords(previous, MAPPING_KEYWORDS);
            if (isEof(actual) && option.length > 0) {
                return `Expected '->' after ${show(previous)} (a new mapping's source field), or a mapping option: did you mean ${orList(option.map(quote))}?`;
            }
            return isEof(actual)
                ? `Expected '->' and the target field after the source field ${show(previous)}.`
                : `Expected '->' between the source and target fields of a mapping but found ${show(actual)}. `
                    + `A word a mapping does not know (a misspelled option?) starts a new mapping; the options after source -> target include ${MAPPING_OPTIONS}.`;
        }
        if (ruleName === 'CodeMap' && expectedName === '}') {
            return `Expected ',' between the entries of a code map, or '}' to close it, but found ${show(actual)}.`;
        }
        if (expectedName === '}') {
            return this.notAStatement(ruleName, actual);
        }
        const wanted = (isKeyword(expected) ? undefined : this.describeAfter(ruleName, previous) ?? NAME_IN_RULE[`${ruleName} ${expectedName}`]) ?? label(expected);
        return this.expected(wanted, actual, previous, hint(expectedName, actual));
    }

    override buildNotAllInputParsedMessage(options: { firstRedundant: IToken, ruleName: string }): string {
        return this.notAnElement(options.firstRedundant);
    }

    override buildNoViableAltMessage(options: { expectedPathsPerAlt: TokenType[][][], actual: IToken[], previous: IToken, customUserDescription: string, ruleName: string }): string {
        const ruleName = options.ruleName.replace(/\W/g, '');
        const firsts = options.expectedPathsPerAlt.flat().map(path => path[0]).filter(t => t !== undefined);
        const actual = options.actual[0];
        const wanted = (ruleName === 'Word' ? undefined : VALUE_LABELS[ruleName]) ?? this.describeAfter(ruleName, options.previous)
            ?? VALUE_LABELS[ruleName] ?? describeTokens(firsts);
        if (ruleName === 'PathStep' && actual?.image === '[') {
            return `Expected a repetition such as PID-3[2], or an authority such as PID-3[authority = "MRN"], after '['.`;
        }
        const started = actual && !isEof(actual) ? startedKeywords(actual, firsts.filter(isKeyword).map(tokenName)) : [];
        if (started.length > 0) {
            return `${show(actual)} is not complete: did you mean ${orList(started.map(quote))}?`;
        }
        return this.expected(wanted, actual, options.previous, '');
    }

    override buildEarlyExitMessage(options: { expectedIterationPaths: TokenType[][], actual: IToken[], previous: IToken, customUserDescription: string, ruleName: string }): string {
        const ruleName = options.ruleName.replace(/\W/g, '');
        const firsts = options.expectedIterationPaths.map(path => path[0]).filter(t => t !== undefined);
        const wanted = VALUE_LABELS[ruleName] ?? describeTokens(firsts);
        return this.expected(`at least one ${wanted.replace(/^(a|an|one of) /, '')}`, options.actual[0], options.previous, '');
    }

    /** `Expected X after 'p'.` where the file ends (mid-typing), `Expected X but found 'a'.` elsewhere. */
    private expected(wanted: string, actual: IToken | undefined, previous: IToken | undefined, hintText: string): string {
        if (!actual || isEof(actual)) {
            return previous && !isEof(previous) && previous.image
                ? `Expected ${wanted} after ${show(previous)}.`
                : `The file ended too early: expected ${wanted}.`;
        }
        return `Expected ${wanted} but found ${show(actual)}.${hintText}`;
    }

    /** A word where a block's statement or its '}' belongs: the statements it may be the start of, or a few examples. */
    private notAStatement(ruleName: string, actual: IToken): string {
        const statements = this.statementsOf(ruleName);
        const block = `${article(blockName(ruleName))} block`;
        if (statements.length === 0) {
            return `Expected '}' to close the block but found ${show(actual)}.`;
        }
        const started = startedKeywords(actual, statements);
        if (started.length > 0) {
            return `${show(actual)} is not a statement of ${block}: did you mean ${orList(started.map(quote))}?`;
        }
        const examples = statements.length > MAX_EXAMPLES + 1
            ? `a statement such as ${orList(statements.slice(0, MAX_EXAMPLES).map(quote), false)}`
            : orList(statements.map(quote));
        return `${show(actual)} is not a statement of ${block}. Expected ${examples}, or '}' to close the block.`;
    }

    /** Text where a top-level element belongs. */
    private notAnElement(token: IToken): string {
        if (token.image === '}') {
            return `Unexpected '}': no block is open here (one '}' too many?).`;
        }
        const started = startedKeywords(token, TOP_LEVEL);
        if (started.length > 0) {
            return `Unexpected ${show(token)}: did you mean ${orList(started.map(quote))}?`;
        }
        return `Unexpected ${show(token)}: expected a top-level element such as team, system, interface or gate.`;
    }

    /** What the grammar expects right after the previous token, when that token is a keyword that says so. */
    private describeAfter(ruleName: string, previous: IToken | undefined): string | undefined {
        if (!previous || !previous.image) {
            return undefined;
        }
        return NAME_LABELS[previous.image] ?? this.afterKeyword.inRule.get(`${ruleName} ${previous.image}`) ?? this.afterKeyword.anywhere.get(previous.image) ?? undefined;
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

/**
 * Lexer messages: what a stray character is most likely the start of (`PID-` a field, `-` an arrow, `/` a comment),
 * and plain words for an unterminated text or comment.
 */
export class InterspecLexerErrorMessageProvider extends DefaultLexerErrorMessageProvider {
    override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
        const text = fullText.substring(startOffset, startOffset + length);
        const before = fullText.substring(Math.max(0, fullText.lastIndexOf('\n', startOffset - 1) + 1), startOffset);
        if (text.startsWith('"')) {
            return `This text has no closing double quote: add '"' at its end.`;
        }
        if (text.startsWith('/*')) {
            return `This comment has no end: close it with '*/'.`;
        }
        if (text.startsWith('/')) {
            return `Unexpected '/': a comment starts with '//' (to the end of the line) or '/*' (up to '*/').`;
        }
        if (text.startsWith('-')) {
            const segment = /\b([A-Z][A-Z0-9]{2})$/.exec(before);
            if (segment) {
                return `Expected a field number after '${segment[1]}-', such as ${segment[1]}-3.`;
            }
            const word = /([\w]+)$/.exec(before);
            if (word) {
                return `A name cannot end with '-': write a letter or digit after '${word[1]}-' (as in on-call), or remove the '-'.`;
            }
            return `Unexpected '-': a mapping's arrow is '->'.`;
        }
        if (text.startsWith('(') || text.startsWith(')')) {
            return `Unexpected '${text[0]}': a DICOM tag is written (0010,0020), a GS1 application identifier (01), a repetition PID-3(2); other text goes in double quotes.`;
        }
        if (text.startsWith("'")) {
            return `Unexpected "'": text goes in double quotes ("..."), not single quotes.`;
        }
        if (text.startsWith('*')) {
            return `Unexpected '*': a comment starts with '/*' and ends with '*/'.`;
        }
        return `Unexpected '${text}': names are letters, digits and '_' (words joined by '-', as in on-call); other text goes in double quotes.`;
    }
}

/** For each keyword, the description of what must follow it, per rule and across the grammar. */
function describeAfterKeywords(grammar: Grammar): { inRule: Map<string, string>, anywhere: Map<string, string | null> } {
    const inRule = new Map<string, string | null>();
    const anywhere = new Map<string, string | null>();
    const record = (map: Map<string, string | null>, key: string, description: string) => {
        const known = map.get(key);
        map.set(key, known === undefined || known === description ? description : null);
    };
    for (const rule of grammar.rules) {
        if (!GrammarAST.isParserRule(rule)) {
            continue;
        }
        for (const group of streamGroups(rule.definition)) {
            group.elements.forEach((element, i) => {
                const next = group.elements[i + 1];
                if (GrammarAST.isKeyword(element) && !element.cardinality && next && !next.cardinality) {
                    const description = describeElement(next, 0);
                    if (description) {
                        record(inRule, `${rule.name} ${element.value}`, description);
                        record(anywhere, element.value, description);
                    }
                }
            });
        }
    }
    const definite = new Map<string, string>();
    for (const [key, description] of inRule) {
        if (description) definite.set(key, description);
    }
    return { inRule: definite, anywhere };
}

function streamGroups(element: GrammarAST.AbstractElement): GrammarAST.Group[] {
    const groups: GrammarAST.Group[] = [];
    const visit = (node: GrammarAST.AbstractElement) => {
        if (GrammarAST.isGroup(node)) {
            groups.push(node);
        }
        if (GrammarAST.isGroup(node) || GrammarAST.isAlternatives(node) || GrammarAST.isUnorderedGroup(node)) {
            node.elements.forEach(visit);
        }
    };
    visit(element);
    return groups;
}

/** What an element of the grammar reads as: a value, a reference, a keyword, or one of a few. */
function describeElement(element: GrammarAST.AbstractElement, depth: number): string | undefined {
    if (depth > 6) {
        return undefined;
    }
    if (GrammarAST.isKeyword(element)) {
        return quote(element.value);
    }
    if (GrammarAST.isAssignment(element)) {
        const terminal = element.terminal;
        if (GrammarAST.isCrossReference(terminal)) {
            const type = terminal.type.ref?.name ?? '';
            return REFERENCE_LABELS[type] ?? `the name of ${article(words(type))}`;
        }
        if (GrammarAST.isRuleCall(terminal) && terminal.rule.ref?.name === 'ID' && element.feature === 'name') {
            return 'a name';
        }
        if (GrammarAST.isRuleCall(terminal) && terminal.rule.ref?.name === 'STRING') {
            return TEXT_LABELS[element.feature] ?? 'text in double quotes';
        }
        return describeElement(terminal, depth + 1);
    }
    if (GrammarAST.isRuleCall(element)) {
        const rule = element.rule.ref;
        if (!rule) {
            return undefined;
        }
        if (GrammarAST.isTerminalRule(rule)) {
            return TERMINAL_LABELS[rule.name] ?? 'a value';
        }
        return VALUE_LABELS[rule.name] ?? (GrammarAST.isParserRule(rule) ? describeElement(rule.definition, depth + 1) : undefined);
    }
    if (GrammarAST.isAlternatives(element)) {
        const options = element.elements.map(e => describeElement(e, depth + 1));
        if (options.some(o => o === undefined)) {
            return undefined;
        }
        const unique = [...new Set(options as string[])];
        return unique.length <= MAX_LISTED ? orList(unique) : undefined;
    }
    if (GrammarAST.isGroup(element)) {
        // `{infer CodeMap} '{' ...`: the action reads nothing.
        const first = element.elements.find(e => !GrammarAST.isAction(e));
        return first && !first.cardinality ? describeElement(first, depth + 1) : undefined;
    }
    return undefined;
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

/**
 * The expected tokens in words: the terminals' labels and the keywords, where a name and a crowd of keywords
 * (the keywords that double as names) read as "a name", and more keywords than MAX_LISTED as a few examples.
 */
function describeTokens(types: TokenType[]): string {
    const names = [...new Set(types.map(tokenName))];
    const keywords = names.filter(name => !(name in TERMINAL_LABELS));
    const terminals = names.filter(name => !keywords.includes(name));
    const labels = terminals.map(name => TERMINAL_LABELS[name]);
    if (keywords.length > MAX_LISTED && terminals.includes('ID')) {
        return orList([...new Set(labels)]);
    }
    const quoted = keywords.length > MAX_LISTED
        ? [`a word such as ${keywords.slice(0, MAX_EXAMPLES).map(quote).join(', ')}`]
        : keywords.map(quote);
    return orList([...new Set([...labels, ...quoted])]);
}

/** The keywords the half-typed word may become (`own` -> `owner`), at most MAX_EXAMPLES. */
function startedKeywords(token: IToken, keywords: string[]): string[] {
    const typed = token.image;
    if (!/^[\w-]+$/.test(typed) || keywords.includes(typed)) {
        return [];
    }
    const started = keywords.filter(keyword => keyword.startsWith(typed));
    return started.length > 0 && started.length <= MAX_EXAMPLES ? started : [];
}

function tokenName(type: TokenType): string {
    return type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name;
}

/** Keyword tokens are named by their text; terminals by their rule name (each has a label). */
function isKeyword(type: TokenType): boolean {
    return !(tokenName(type) in TERMINAL_LABELS);
}

function isEof(token: IToken): boolean {
    return token.tokenType?.name === 'EOF';
}

function label(type: TokenType): string {
    const name = tokenName(type);
    return TERMINAL_LABELS[name] ?? quote(name);
}

function show(token: IToken): string {
    return quote(token.image);
}

function quote(text: string): string {
    return `'${text}'`;
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

/** `'a', 'b' or 'c'`, introduced by "one of" for more than two unless `oneOf` is false. */
function orList(items: string[], oneOf = true): string {
    if (items.length === 0) {
        return 'something else';
    }
    if (items.length === 1) {
        return items[0];
    }
    return `${items.length > 2 && oneOf ? 'one of ' : ''}${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** `CodeTable` -> `code table`. */
function words(ruleName: string): string {
    return ruleName.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function blockName(ruleName: string): string {
    return BLOCK_NAMES[ruleName] ?? words(ruleName);
}

function article(word: string): string {
    return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

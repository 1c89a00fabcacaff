import { AstUtils, CstUtils, GrammarUtils, type AstNode, type CstNode, type DocumentationProvider, type GrammarConfig, type LangiumDocument, type References } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Diagnostic, Hover, HoverParams, Position } from 'vscode-languageserver';
import type { InterspecServices } from './interspec-lsp-module.js';
import { relativeImportPath } from '../language/interspec-paths.js';
import { codeMapHover, dictionaryHover } from './dictionary-hover.js';
import { isCodeEntry, isCodeMap, isMapping } from '../language/generated/ast.js';
import { declaredSegmentsOf } from '../model/declared-segments.js';
import { elementFacts, elementName, elementTitle, KIND_LABELS } from './element-summary.js';
import { readRuleDoc } from './rule-docs.js';
import { escapeMarkdown } from '../util/escape.js';

/**
 * Hover on a name (declaration or reference): what the element is, its doc comment, its key facts and where it
 * is declared. Hover inside a rule finding: the rule's documentation, so the fix is one glance away.
 */
export class InterspecHoverProvider implements HoverProvider {
    private readonly references: References;
    private readonly grammarConfig: GrammarConfig;
    private readonly documentation: DocumentationProvider;

    constructor(services: InterspecServices) {
        this.references = services.references.References;
        this.grammarConfig = services.parser.GrammarConfig;
        this.documentation = services.documentation.DocumentationProvider;
    }

    async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const sections: string[] = [];
        // A field path, message type or tag: what the HL7 v2, FHIR or DICOM dictionary says about it.
        // A code of a code map: what it means in its side's table (a code is never read as a path, `"HGB"` as a DICOM keyword).
        const code = codeHoverAt(document, document.textDocument.offsetAt(params.position));
        const dictionary = code ? code.markdown
            : dictionaryHover(document.textDocument, document.textDocument.offsetAt(params.position), declaredSegmentsOf(document.parseResult.value));
        if (dictionary) {
            sections.push(dictionary);
        }
        const root = document.parseResult?.value?.$cstNode;
        if (root) {
            const offset = document.textDocument.offsetAt(params.position);
            const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
            if (leaf && leaf.offset + leaf.length > offset) {
                for (const target of this.references.findDeclarations(leaf)) {
                    sections.push(this.describe(target, document));
                }
            }
        }
        for (const ruleId of findingRulesAt(document.diagnostics ?? [], params.position)) {
            const doc = await readRuleDoc(ruleId);
            if (doc) {
                sections.push(doc.trim());
            }
        }
        return sections.length > 0 ? { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } } : undefined;
    }

    private describe(node: AstNode, from: LangiumDocument): string {
        const kind = KIND_LABELS[node.$type] ?? node.$type;
        const title = elementTitle(node);
        const lines = [`**${kind}** \`${elementName(node) ?? ''}\`${title ? ` — ${escapeMarkdown(title)}` : ''}`];
        const doc = this.documentation.getDocumentation(node);
        if (doc) {
            lines.push('', doc);
        }
        const facts = elementFacts(node);
        if (facts.length > 0) {
            lines.push('', ...facts.map(fact => `- ${fact}`));
        }
        const declaredIn = AstUtils.getDocument(node);
        if (declaredIn.uri.toString() !== from.uri.toString()) {
            lines.push('', `*declared in ${relativeImportPath(from.uri, declaredIn.uri)}*`);
        }
        return lines.join('\n');
    }
}

/**
 * On a code of a code map (an entry's source or target, or a `receives` code): its meaning, from the parsed
 * document (`markdown` undefined when its field has no table the dictionaries know); undefined elsewhere.
 */
function codeHoverAt(document: LangiumDocument, offset: number): { markdown?: string } | undefined {
    const root = document.parseResult?.value?.$cstNode;
    const leaf: CstNode | undefined = root ? CstUtils.findLeafNodeAtOffset(root, offset) : undefined;
    if (!leaf || leaf.offset + leaf.length <= offset) return undefined;
    const node = leaf.astNode;
    const feature = GrammarUtils.findAssignment(leaf)?.feature;
    const code = leaf.text.replace(/^"(.*)"$/, '$1');
    // A half-typed or duplicated line leaves nodes the parser recovered without their container: ask for the
    // mapping around the code, never assume it.
    const mapping = node ? AstUtils.getContainerOfType(node, isMapping) : undefined;
    if (isCodeEntry(node) && (feature === 'source' || feature === 'target')) {
        return { markdown: mapping ? codeMapHover(mapping, feature, code) : undefined };
    }
    if (isCodeMap(node) && feature === 'receives') {
        return { markdown: mapping ? codeMapHover(mapping, 'source', code) : undefined };
    }
    return undefined;
}

/** The rule ids of findings whose range contains the position (rule findings carry `code` or `data.ruleId`). */
function findingRulesAt(diagnostics: Diagnostic[], position: Position): string[] {
    const ids = new Set<string>();
    for (const diagnostic of diagnostics) {
        if (contains(diagnostic, position)) {
            const data = diagnostic.data as { ruleId?: unknown } | undefined;
            const id = typeof data?.ruleId === 'string' ? data.ruleId : typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
            if (id) {
                ids.add(id);
            }
        }
    }
    return [...ids];
}

function contains({ range }: Diagnostic, { line, character }: Position): boolean {
    const afterStart = line > range.start.line || (line === range.start.line && character >= range.start.character);
    const beforeEnd = line < range.end.line || (line === range.end.line && character <= range.end.character);
    return afterStart && beforeEnd;
}

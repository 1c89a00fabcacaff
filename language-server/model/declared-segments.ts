/**
 * Z-segments declared in the spec (`segment ZPI { field 1 CWE "Religion" }`): the fields a site-defined segment
 * holds, looked up like the published dictionary's. A workspace's declarations are registered per document model
 * when the workspace index (rules) or the generator context is built, so a mapping finds them from its own node.
 */
import type { AstNode, LangiumDocument } from 'langium';
import { AstUtils } from 'langium';
import { declaredHl7v2Field, hl7v2ComponentsOf } from '../dictionaries/hl7v2.js';
import { HL7V2_PATH } from '../dictionaries/path-forms.js';
import type { FieldInfo, FieldLookup } from '../dictionaries/index.js';
import { isSegment, type Model, type Segment } from '../language/generated/ast.js';

/** The Z-segments of one workspace root, by name (the first declaration of a name wins; duplicates are reported). */
export class DeclaredSegments {
    private readonly byName = new Map<string, Segment>();
    /** Equal for equal declarations: lookups cached under one key stay valid across rebuilds. */
    readonly key: string;

    constructor(segments: Segment[]) {
        for (const segment of segments) {
            if (segment.name && !this.byName.has(segment.name.toUpperCase())) this.byName.set(segment.name.toUpperCase(), segment);
        }
        this.key = JSON.stringify([...this.byName.values()].map(segment => [segment.name,
            segment.fields.map(field => [field.position, field.dataType, field.repeating, field.title, field.table])]));
    }

    get size(): number {
        return this.byName.size;
    }

    /** The declared segments, in declaration order. */
    names(): Segment[] {
        return [...this.byName.values()];
    }

    get(name: string): Segment | undefined {
        return this.byName.get(name.toUpperCase());
    }

    /**
     * A path of a declared segment: known (with the declared type, and components through it), unknown (a field
     * the declaration lacks), or undefined when the segment is not declared here.
     */
    lookup(version: string | undefined, path: string): FieldLookup | undefined {
        const match = HL7V2_PATH.exec(path);
        const segment = match ? this.get(match[1]) : undefined;
        if (!match || !segment) return undefined;
        const number = Number(match[2]);
        const declared = segment.fields.find(field => field.position === number);
        if (!declared) return { status: 'unknown' };
        const components = [match[4], match[5]].filter(n => n !== undefined).map(Number);
        const field = declaredHl7v2Field(version, `${segment.name}-${number}`, declared.title ?? `${segment.name}-${number}`, declared.dataType,
            declared.table === undefined ? undefined : String(declared.table), components);
        return field ? { status: 'known', field } : { status: 'unknown' };
    }

    /** Fields for completion after `ZPI-`, or components after `ZPI-3.`. */
    list(version: string | undefined, prefix: string): FieldInfo[] {
        const component = /^([A-Za-z][A-Za-z0-9]{2})-(\d+)\.(\d*)$/.exec(prefix);
        if (component) {
            const parent = this.lookup(version, `${component[1]}-${component[2]}`);
            return parent?.status === 'known' ? hl7v2ComponentsOf(version, parent.field).filter(field => field.path.startsWith(prefix.toUpperCase())) : [];
        }
        const segment = this.get(prefix.slice(0, 3));
        if (!segment) return [];
        return segment.fields.flatMap(field => {
            const found = this.lookup(version, `${segment.name}-${field.position}`);
            return found?.status === 'known' && found.field.path.startsWith(prefix.toUpperCase()) ? [found.field] : [];
        });
    }
}

const BY_MODEL = new WeakMap<Model, DeclaredSegments>();
/** The last registration per document: an edit's new parse asks (completion, hover) before the next index is built. */
const BY_URI = new Map<string, DeclaredSegments>();

/** Registers a workspace root's Z-segments for each of its documents; returns them. */
export function registerDeclaredSegments(documents: ReadonlyArray<LangiumDocument<Model>>): DeclaredSegments {
    const segments = documents.flatMap(document => (document.parseResult.value.elements ?? []).filter(isSegment));
    const declared = new DeclaredSegments(segments);
    for (const document of documents) {
        BY_MODEL.set(document.parseResult.value, declared);
        BY_URI.set(document.uri.toString(), declared);
    }
    return declared;
}

/** The Z-segments of the workspace a node's document belongs to, once registered. */
export function declaredSegmentsOf(node: AstNode): DeclaredSegments | undefined {
    const model = AstUtils.findRootNode(node) as Model;
    const uri = (model as { $document?: LangiumDocument }).$document?.uri.toString();
    return BY_MODEL.get(model) ?? (uri ? BY_URI.get(uri) : undefined);
}

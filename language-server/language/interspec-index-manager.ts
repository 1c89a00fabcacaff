import {
    AstUtils, DefaultIndexManager, DefaultReferenceDescriptionProvider, type AstNode, type LangiumDocument, type LangiumSharedCoreServices, type ReferenceDescription, type Stream, type URI
} from 'langium';

/**
 * Langium's index, with the references of a document indexed when first read rather than after every build:
 * after each edit Langium described every reference of the document (its range, source and target paths), which
 * only find-references, rename and the check of which documents an edit elsewhere affects read. Typing in one
 * file of 10,000 lines paid for that on every keystroke; now it is paid once per parse, and only if asked.
 * A document reset before linking drops its pending entry, exactly as it dropped its descriptions.
 */
export class InterspecIndexManager extends DefaultIndexManager {
    /** Documents linked since their references were last described, by URI. */
    private readonly undescribed = new Map<string, LangiumDocument>();

    constructor(services: LangiumSharedCoreServices) {
        super(services);
    }

    override async updateReferences(document: LangiumDocument): Promise<void> {
        const uri = document.uri.toString();
        this.referenceIndex.delete(uri);
        this.undescribed.set(uri, document);
    }

    override removeReferences(uri: URI): void {
        this.undescribed.delete(uri.toString());
        super.removeReferences(uri);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        this.describe(document.uri.toString());
        return super.isAffected(document, changedUris);
    }

    override findAllReferences(targetNode: AstNode, astNodePath: string): Stream<ReferenceDescription> {
        for (const uri of [...this.undescribed.keys()]) {
            this.describe(uri);
        }
        return super.findAllReferences(targetNode, astNodePath);
    }

    private describe(uri: string): void {
        const document = this.undescribed.get(uri);
        if (!document) {
            return;
        }
        this.undescribed.delete(uri);
        const provider = this.serviceRegistry.getServices(document.uri).workspace.ReferenceDescriptionProvider;
        if (provider instanceof InterspecReferenceDescriptionProvider) {
            this.referenceIndex.set(uri, provider.describeNow(document));
        }
    }
}

/** Langium's reference descriptions, also computed synchronously (the index manager asks from synchronous calls). */
export class InterspecReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    /** Every resolved reference of the document as a ReferenceDescription (ranges as the document is now). */
    describeNow(document: LangiumDocument): ReferenceDescription[] {
        const descriptions: ReferenceDescription[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            for (const reference of AstUtils.streamReferences(node)) {
                if (!reference.reference.error) {
                    descriptions.push(...this.createInfoDescriptions(reference));
                }
            }
        }
        return descriptions;
    }
}

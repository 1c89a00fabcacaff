import type { AstNode, LangiumDocument } from 'langium';
import type { ReportLocation } from '../rules/rule.js';
import type { StoredConfig } from './configuration-store.js';
import { ALL_FACTS, readsMeet, type FactKey } from './fact-reads.js';

/** One `report` call of a rule on one element, replayed while the element and the facts it read are unchanged. */
export interface RecordedFinding {
    node: AstNode;
    message: string;
    location: ReportLocation;
}

/**
 * One rule's last check of one element: the cross-file facts it read (engine/fact-reads.ts) and, when they can be
 * replayed, its findings (a finding with a range cannot: the element may have moved).
 */
export interface ElementCheck {
    findings?: RecordedFinding[];
    reads: ReadonlySet<FactKey>;
}

/**
 * Per top-level element of one document: what its references lead to (`referenceReads`, read by every rule's check
 * of it) and per rule (by its position in the catalogue) its last check.
 */
export type ElementFindings = Map<AstNode, { refs: ReadonlySet<FactKey>, checks: Array<ElementCheck | undefined> }>;

/** What one document's last validation recorded. */
interface DocumentChecks {
    root: string;
    config: StoredConfig;
    byElement: ElementFindings;
    /** What the file's rules of document scope read, and the references of all its elements. */
    documentReads: Set<FactKey>;
}

/**
 * The findings of each top-level element kept between validations, with the cross-file facts each rule's check of
 * it read (the dependency map from fact to reader), so an edit re-checks only the elements it touched and those whose
 * reads meet the facts it changed (`invalidate`). Valid while the configuration of the root is the one they were
 * made under. Off until the first edit: a one-off build (the CLI) never re-validates and pays nothing for it.
 *
 * Rules that keep data derived from the whole index between elements (RULE_WIDE_READS) cannot say which element's
 * check read what: for them every element's reads are the union of the rule's reads in the root.
 */
export class FindingCache {
    private enabled = false;
    private readonly documents = new Map<string, DocumentChecks>();
    /** Per root, per rule of RULE_WIDE_READS (by position), everything the rule read in that root so far. */
    private readonly ruleWide = new Map<string, Map<number, Set<FactKey>>>();

    /** @param _services the language's services (none are needed: invalidation is driven by the document builder) */
    constructor(_services?: unknown) {}

    /**
     * The checks kept in the root before the last `invalidate` and how many it dropped: for tests and the bench.
     */
    lastInvalidation: { kept: number, dropped: number } = { kept: 0, dropped: 0 };

    /** Keep findings from now on (the document builder calls this on the first edit). */
    enable(): void {
        this.enabled = true;
    }

    /** Whether findings (and reads) are being kept. */
    get active(): boolean {
        return this.enabled;
    }

    /**
     * The checks kept per element of a document, or undefined when caching is off; the caller fills in a new map
     * (`store`) as it validates. An element an edit re-parsed is a new object, so it is never found here; a
     * configuration read again is a new object, which empties it.
     */
    findingsOf(document: LangiumDocument, root: string, config: StoredConfig): ElementFindings | undefined {
        if (!this.enabled) {
            return undefined;
        }
        const kept = this.documents.get(document.uri.toString());
        return kept && kept.config === config && kept.root === root ? kept.byElement : new Map();
    }

    /** Records one validation of a document: the checks of its current elements and its document-level reads. */
    store(document: LangiumDocument, root: string, config: StoredConfig, byElement: ElementFindings, documentReads: Set<FactKey>): void {
        this.documents.set(document.uri.toString(), { root, config, byElement, documentReads });
    }

    /** Adds a rule's reads to its root-wide set (rules of RULE_WIDE_READS). */
    noteRuleWide(root: string, ruleIndex: number, reads: ReadonlySet<FactKey>): void {
        let byRule = this.ruleWide.get(root);
        if (!byRule) this.ruleWide.set(root, byRule = new Map());
        let all = byRule.get(ruleIndex);
        if (!all) byRule.set(ruleIndex, all = new Set());
        for (const key of reads) all.add(key);
    }

    /**
     * Drops every kept check of the root whose reads meet `changed`, and returns the URIs of the documents that must
     * be validated again: those that lost a check, whose document-level reads meet it, or that have no record (never
     * validated with caching on, or under another configuration). `*` in `changed` drops the root's checks.
     */
    invalidate(root: string, changed: ReadonlySet<FactKey>, documentsOfRoot: Iterable<string>): Set<string> {
        const stale = new Set<string>();
        const counts = { kept: 0, dropped: 0 };
        this.lastInvalidation = counts;
        if (changed.size === 0) return stale;
        if (changed.has(ALL_FACTS)) {
            this.ruleWide.delete(root);
        }
        const byRule = this.ruleWide.get(root);
        const wideStale = new Set<number>();
        for (const [ruleIndex, reads] of byRule ?? []) {
            if (readsMeet(reads, changed)) wideStale.add(ruleIndex);
        }
        for (const uri of documentsOfRoot) {
            const kept = this.documents.get(uri);
            if (!kept || kept.root !== root || changed.has(ALL_FACTS)) {
                this.documents.delete(uri);
                stale.add(uri);
                continue;
            }
            let dropped = readsMeet(kept.documentReads, changed);
            for (const [element, { refs, checks }] of kept.byElement) {
                if (readsMeet(refs, changed)) {
                    // What its references lead to may have moved: the element is checked, and followed, anew.
                    const lost = checks.filter(check => check !== undefined).length;
                    counts.kept += lost;
                    counts.dropped += lost;
                    kept.byElement.delete(element);
                    dropped = true;
                    continue;
                }
                checks.forEach((check, ruleIndex) => {
                    if (!check) return;
                    counts.kept++;
                    if (wideStale.has(ruleIndex) || readsMeet(check.reads, changed)) {
                        checks[ruleIndex] = undefined;
                        counts.dropped++;
                        dropped = true;
                    }
                });
            }
            if (dropped) stale.add(uri);
        }
        return stale;
    }

    /** Forgets a document (deleted). */
    forget(uri: string): void {
        this.documents.delete(uri);
    }
}

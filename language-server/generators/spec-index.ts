import * as path from 'node:path';
import { AstUtils, type AstNode, type LangiumDocument, type Reference } from 'langium';
import {
    isChangeAuthority, isData, isGate, isInterface, isRole, isSite, isSystem, isTeam,
    type ChangeAuthority, type Data, type Gate, type Interface, type Model, type Role, type Site, type System, type Team
} from '../generated/ast.js';
import { compareText } from '../findings.js';

/**
 * The top-level elements of one workspace root, each kind sorted by name so every output has one order
 * whatever the file layout. Names are unique per root (a structural check); on a duplicate the first wins.
 */
export class SpecIndex {
    readonly interfaces: Interface[] = [];
    readonly sites: Site[] = [];
    readonly gates: Gate[] = [];
    readonly systems: System[] = [];
    readonly data: Data[] = [];
    readonly roles: Role[] = [];
    readonly teams: Team[] = [];
    readonly changeAuthorities: ChangeAuthority[] = [];
    private readonly byName = new Map<string, AstNode>();

    constructor(documents: ReadonlyArray<LangiumDocument<Model>>, readonly root: string) {
        const ordered = [...documents].sort((a, b) => compareText(a.uri.fsPath, b.uri.fsPath));
        for (const document of ordered) {
            for (const element of document.parseResult.value.elements ?? []) {
                const name = (element as { name?: string }).name;
                if (!name && !isChangeAuthority(element)) {
                    continue; // a half-typed element (`gate {}`): its syntax error blocks every verdict instead
                }
                if (name !== undefined) {
                    if (this.byName.has(name)) {
                        continue;
                    }
                    this.byName.set(name, element);
                }
                if (isInterface(element)) this.interfaces.push(element);
                else if (isSite(element)) this.sites.push(element);
                else if (isGate(element)) this.gates.push(element);
                else if (isSystem(element)) this.systems.push(element);
                else if (isData(element)) this.data.push(element);
                else if (isRole(element)) this.roles.push(element);
                else if (isTeam(element)) this.teams.push(element);
                else if (isChangeAuthority(element)) this.changeAuthorities.push(element);
            }
        }
        for (const list of [this.interfaces, this.sites, this.gates, this.systems, this.data, this.roles, this.teams]) {
            (list as Array<{ name: string }>).sort((a, b) => compareText(a.name, b.name));
        }
    }

    gate(name: string): Gate | undefined {
        const node = this.byName.get(name);
        return isGate(node) ? node : undefined;
    }

    system(name: string): System | undefined {
        const node = this.byName.get(name);
        return isSystem(node) ? node : undefined;
    }

    /** Where a node is: its file relative to the root (forward slashes) and its 1-based first line. */
    locate(node: AstNode): { file: string, line: number } {
        const document = AstUtils.getDocument(node);
        return {
            file: relativeFile(this.root, document.uri.fsPath),
            line: (node.$cstNode?.range.start.line ?? 0) + 1
        };
    }
}

/** The name a reference points to, resolved or as written (an unresolved one is still shown). */
export function refName(reference: Reference | undefined): string | undefined {
    if (!reference) {
        return undefined;
    }
    return (reference.ref as { name?: string } | undefined)?.name ?? reference.$refText;
}

export function refNames(references: ReadonlyArray<Reference> | undefined): string[] {
    return (references ?? []).map(refName).filter((name): name is string => !!name);
}

/** A path relative to the workspace root with forward slashes, the same on every machine. */
export function relativeFile(root: string, file: string): string {
    return path.relative(root, file).split(path.sep).join('/');
}

/** Distinct values in first-seen order. */
export function unique<T>(values: Iterable<T>): T[] {
    return [...new Set(values)];
}

import type { Interface } from '../language/generated/ast.js';
import { refName, type WorkspaceIndex } from './workspace-index.js';

const RUNS_AT = new WeakMap<WorkspaceIndex, Map<Interface, ReadonlySet<string>>>();

/**
 * The sites an interface runs at, by site name: the sites it lists (`sites a, b`), which bound it explicitly; an
 * interface that lists none runs where its sending or receiving system is hosted (a site baseline's `hosts`).
 * Computed once per workspace index.
 */
export function sitesOfInterface(node: Interface, workspace: WorkspaceIndex): ReadonlySet<string> {
    let byInterface = RUNS_AT.get(workspace);
    if (!byInterface) {
        byInterface = new Map();
        RUNS_AT.set(workspace, byInterface);
    }
    let sites = byInterface.get(node);
    if (!sites) {
        if (node.sites.length > 0) {
            sites = new Set(node.sites.map(refName).filter((name): name is string => name !== undefined));
        } else {
            const systems = new Set<string | undefined>([refName(node.source), refName(node.target)].filter(name => name !== undefined));
            sites = new Set(workspace.sites.filter(site => site.baseline?.hosts.some(host => systems.has(refName(host)))).map(site => site.name));
        }
        byInterface.set(node, sites);
    }
    return sites;
}

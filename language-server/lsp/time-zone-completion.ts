/**
 * Completion after `timezone`: on a mapping, `site` first (the sending site's zone, as each site of the interface
 * declares it), then the zones of the interface's sites, then those of the workspace's other sites, `UTC`, and
 * every other IANA zone; on a site, the zones the workspace's sites use before the rest.
 */
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { sitesOfInterface } from '../model/interface-sites.js';
import { zoneNames } from '../model/time-zones.js';
import type { WorkspaceIndex } from '../model/workspace-index.js';

export interface ZoneCompletion {
    /** What the completion replaces: the typed word or opening quote onwards. */
    range: Range;
    /** The user typed an opening quote: only zones are meant. */
    quoted: boolean;
    /** The `timezone` of a mapping (which takes `site`), not of a site. */
    mapping: boolean;
    /** The interface around the mapping, whose sites' zones lead. */
    interfaceName?: string;
}

/** The items in the order described above (sortText); a zone's sites are named beside it. */
export function zoneItems(index: WorkspaceIndex, context: ZoneCompletion): CompletionItem[] {
    const node = context.interfaceName ? index.interfaces.find(candidate => candidate.name === context.interfaceName) : undefined;
    const own = node ? sitesOfInterface(node, index) : new Set<string>();
    // Zone → the sites that declare it, the interface's own sites first.
    const sitesOf = new Map<string, { own: string[], other: string[] }>();
    for (const site of index.sites) {
        const zone = site.timezone?.trim();
        if (!zone || !site.name) continue;
        const entry = sitesOf.get(zone) ?? { own: [], other: [] };
        (own.has(site.name) ? entry.own : entry.other).push(site.name);
        sitesOf.set(zone, entry);
    }
    const items: CompletionItem[] = [];
    if (context.mapping && !context.quoted) {
        const zones = [...sitesOf].filter(([, sites]) => sites.own.length > 0).map(([zone]) => zone);
        items.push({
            label: 'site', kind: CompletionItemKind.Keyword,
            detail: 'the time zone of the sending site',
            labelDetails: { description: zones.length > 0 ? zones.join(', ') : 'each site\'s `timezone`' },
            documentation: 'Each site of the interface declares its `timezone`; the `timestamps` rule checks them, and each site\'s test matrix rows name that zone.',
            sortText: '0', filterText: 'site',
            textEdit: { range: context.range, newText: 'site' }
        });
    }
    const zones = [...new Set([...sitesOf.keys(), ...zoneNames()])];
    for (const zone of zones) {
        const sites = sitesOf.get(zone);
        const tier = sites?.own.length ? '1' : sites?.other.length ? '2' : zone === 'UTC' ? '3' : '4';
        const named = sites ? [...sites.own, ...sites.other] : [];
        items.push({
            label: zone, kind: CompletionItemKind.Constant,
            detail: named.length > 0 ? `time zone of site ${named.join(', ')}` : 'IANA time zone',
            labelDetails: named.length > 0 ? { description: `site ${named.join(', ')}` } : undefined,
            sortText: tier + zone,
            filterText: context.quoted ? `"${zone}` : zone,
            textEdit: { range: context.range, newText: `"${zone}"` }
        });
    }
    return items;
}

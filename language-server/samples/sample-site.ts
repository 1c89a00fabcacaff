import type { Interface, Site } from '../language/generated/ast.js';
import { siteZoneOf } from '../model/time-zones.js';
import type { FhirNode, Hl7Message } from './read/index.js';

/**
 * The site a captured message names, among the sites of its interface: a capture does not say which site sent it,
 * but its text often names one (MSH-4 `MBCC^MORETONBAY`, a Location "Broken Hill Health Service ED"). A site is
 * named when its name (`MoretonBay`, `BrokenHill`), or the first two words of its title, appear in the message with
 * case, spaces and punctuation set aside; only a message that names exactly one of the interface's sites gets it
 * (a transfer naming two gets none). Names shorter than five letters are not looked for (`Tweed` is, `Lab` is not).
 */

const texts = new WeakMap<object, string>();

/** Lower case letters and digits only: `Broken Hill`, `BROKEN-HILL` and `BrokenHill` all read `brokenhill`. */
function squeezed(text: string): string {
    return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The words a site is named by in messages. */
function siteKeys(site: Site): string[] {
    const keys = [squeezed(site.name)];
    const words = (site.title ?? '').split(/\s+/).filter(Boolean);
    if (words.length >= 2) keys.push(squeezed(words.slice(0, 2).join('')));
    return [...new Set(keys)].filter(key => key.length >= 5);
}

/** The one site of the interface (with a zone) whose name the text names, or undefined. */
function namedSite(iface: Interface, text: string): Site | undefined {
    const named = iface.sites.map(ref => ref.ref).filter((site): site is Site => site !== undefined && siteZoneOf(site) !== undefined)
        .filter(site => siteKeys(site).some(key => text.includes(key)));
    return new Set(named).size === 1 ? named[0] : undefined;
}

/** The site an HL7 v2 message names (see above): its segments' text. */
export function siteOfMessage(iface: Interface, message: Hl7Message): Site | undefined {
    let text = texts.get(message);
    if (text === undefined) {
        text = squeezed(message.segments.map(segment => segment.raw).join('\n'));
        texts.set(message, text);
    }
    return namedSite(iface, text);
}

/** The site a FHIR resource names, read in the whole document it came in (a Bundle's other entries: its Location, Encounter). */
export function siteOfResource(iface: Interface, root: FhirNode): Site | undefined {
    let top = root;
    while (top.parent) top = top.parent;
    let text = texts.get(top);
    if (text === undefined) {
        const parts: string[] = [];
        const walk = (node: FhirNode) => {
            if (node.kind === 'string') parts.push(String(node.value));
            if (node.kind === 'object' || node.kind === 'array') node.children.forEach(walk);
        };
        walk(top);
        text = squeezed(parts.join('\n'));
        texts.set(top, text);
    }
    return namedSite(iface, text);
}

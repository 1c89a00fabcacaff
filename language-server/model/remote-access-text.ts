/**
 * What a `remote-access … via "<method>"` text says about the accounts and the duration of vendor access. Small word
 * lists, read like placeholder texts: a method that names a shared or generic login, or access that stays open, is
 * access nobody can trace to a person or a ticket.
 *
 * Sources: HIPAA Security Rule 45 CFR 164.312(a)(2)(i) (unique user identification) and 164.312(b) (audit controls);
 * NIST SP 800-53 Rev. 5 IA-2 (identification and authentication of organisational users), AC-2(9) (restrictions on
 * use of shared and group accounts), AC-17 (remote access) and AC-2(2)/(3) (temporary and emergency accounts,
 * disabled when no longer needed).
 */

/** A login that is not a person's: "shared support login", "generic vendor account", "group password". */
const SHARED_LOGIN = /\b(shared|generic|common|group|anonymous)\s+(?:(?:vendor|support|service|admin|administrator|engineer|remote|user)\s+)?(login|logon|account|user(?:name)?|credentials?|password)s?\b/i;

/**
 * Access that is never closed: "permanent site-to-site VPN", "always-on tunnel", "standing access", "unattended
 * access", "permanently open". The word must qualify the access itself (within two words), so "long-standing vendor"
 * or "the permanent audit log" say nothing.
 */
const PERMANENT_ACCESS = /\b(?:(?<!-)(?:permanent|persistent|standing|always[- ]on|always[- ]open|unattended)\s+(?:[\w-]+\s+){0,2}(?:access|vpn|tunnel|connection|link|session|remote|login|account)s?|permanently\s+(?:open|connected|enabled|available))\b/i;

/** A negation a few words before a match ("no shared accounts", "never permanent"): the text rules the thing out. */
const NEGATED = /\b(no|not|never|without|nor)\b(\W+\w+){0,2}\W*$/i;

function unnegated(text: string, pattern: RegExp): string | undefined {
    const match = pattern.exec(text);
    if (!match || NEGATED.test(text.slice(0, match.index))) return undefined;
    return match[0];
}

/**
 * The untraceable kinds of access a remote-access method text describes, each as the words that say it, e.g.
 * `[{ kind: 'shared', words: 'shared support login' }]`; empty when the text names none (or negates them).
 */
export function untraceableRemoteAccess(method: string | undefined): Array<{ kind: 'shared' | 'permanent', words: string }> {
    if (!method) return [];
    const found: Array<{ kind: 'shared' | 'permanent', words: string }> = [];
    const shared = unnegated(method, SHARED_LOGIN);
    if (shared) found.push({ kind: 'shared', words: shared });
    const permanent = unnegated(method, PERMANENT_ACCESS);
    if (permanent) found.push({ kind: 'permanent', words: permanent });
    return found;
}

import type { Interface, Message, System } from '../language/generated/ast.js';
import { interfaceStandard } from '../model/field-kinds.js';
import type { Hl7HierarchicDesignator, Hl7Message } from './read/index.js';

/**
 * Which interface an HL7 v2 message belongs to: the interfaces that declare HL7 v2, a `message` of the message's
 * type and trigger event (MSH-9.1^MSH-9.2), the message's version (MSH-12; either side of `2.3.1 -> 2.5.1`), and
 * whose systems' `application "…"` names, where a system declares any, include MSH-3 (sender) and MSH-5 (receiver).
 */

export type MatchResult =
    | { kind: 'matched', iface: Interface, spec?: Message }
    /** No interface fits; `candidates` are those of the same standard, each with why it does not fit. */
    | { kind: 'unmatched', candidates: Array<{ iface: Interface, reason: string }> }
    | { kind: 'ambiguous', candidates: Interface[] };

/** The interface's `message` statement of the message's type (`ORU^R01` matches `ORU^R01` and `ORU^R01^ORU_R01`). */
export function specMessageOf(iface: Interface, message: Hl7Message): Message | undefined {
    const type = messageTypeOf(message);
    return iface.messages.find(candidate => candidate.type !== undefined && sameType(candidate.type, type));
}

/** `ORU^R01` from MSH-9 (upper case; `ACK` without a trigger). */
export function messageTypeOf(message: Hl7Message): string {
    const { messageType, triggerEvent } = message.header;
    return [messageType, triggerEvent].filter(part => part !== undefined && part !== '').join('^').toUpperCase();
}

function sameType(declared: string, type: string): boolean {
    const [code, event] = declared.toUpperCase().split('^');
    return [code, event].filter(part => part !== undefined && part !== '').join('^') === type;
}

/** Matches one message among the interfaces of a workspace. */
export function matchInterface(message: Hl7Message, interfaces: readonly Interface[]): MatchResult {
    const hl7 = interfaces.filter(iface => interfaceStandard(iface)?.standard === 'HL7v2');
    const fits: Interface[] = [];
    const candidates: Array<{ iface: Interface, reason: string }> = [];
    for (const iface of hl7) {
        const reason = mismatch(message, iface);
        if (reason) candidates.push({ iface, reason });
        else fits.push(iface);
    }
    if (fits.length === 1) return { kind: 'matched', iface: fits[0], spec: specMessageOf(fits[0], message) };
    if (fits.length > 1) return { kind: 'ambiguous', candidates: fits };
    return { kind: 'unmatched', candidates };
}

/** Why a message does not belong to an interface, or undefined when it does. */
export function mismatch(message: Hl7Message, iface: Interface): string | undefined {
    const type = messageTypeOf(message);
    if (!specMessageOf(iface, message)) {
        return `it declares ${iface.messages.map(m => m.type).filter(Boolean).join(', ') || 'no message'}, not ${type || 'an empty MSH-9'}`;
    }
    const declared = interfaceStandard(iface);
    const versions = [declared?.version, declared?.targetVersion].filter((v): v is string => v !== undefined);
    const version = message.header.version;
    if (versions.length > 0 && version && !versions.includes(version)) {
        return `it declares version ${versions.join(' -> ')}, not ${version}`;
    }
    const sender = applicationMismatch(iface.source?.ref, message.header.sendingApplication, 'MSH-3');
    if (sender) return sender;
    return applicationMismatch(iface.target?.ref, message.header.receivingApplication, 'MSH-5');
}

function applicationMismatch(system: System | undefined, application: Hl7HierarchicDesignator | undefined, field: string): string | undefined {
    const names = system?.applications ?? [];
    if (names.length === 0) return undefined;
    if (application && isApplication(names, application)) return undefined;
    return `${system!.name} is application ${names.map(name => `"${name}"`).join(', ')}, not ${field} "${application?.text ?? ''}"`;
}

/** Whether MSH-3/MSH-5 names one of the applications: its namespace id, universal id or whole text, case-insensitively. */
export function isApplication(names: readonly string[], application: Hl7HierarchicDesignator): boolean {
    const written = [application.namespaceId, application.universalId, application.text]
        .filter((text): text is string => text !== undefined && text !== '').map(text => text.toUpperCase());
    return names.some(name => written.includes(name.toUpperCase()));
}

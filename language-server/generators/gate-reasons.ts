import { COMPLETE_STATUSES, type Checklist, type ChecklistItem } from './model.js';

/**
 * Why a gate decided as it did, as a reviewer reads it: the general reasons (a broken spec, error
 * findings, evidence that cannot be trusted), then, per go-live question, one sentence per open item that names the
 * item by its title, not by its internal id. The checklist Markdown and HTML and the `gate` command's text print
 * this; the JSON keeps `reasons` with ids, for machines.
 */
export interface ReadableReasons {
    general: string[];
    /** In the order of CHECKLIST_GROUPS; only questions with an open item. */
    questions: Array<{ question: string, sentences: string[] }>;
}

/** The reasons of a checklist (see buildChecklist: one reason per open item comes last, in group order). */
export function readableReasons(checklist: Checklist): ReadableReasons {
    const questions = checklist.groups
        .map(group => ({ question: group.title, open: group.items.filter(item => !COMPLETE_STATUSES.has(item.status)) }))
        .filter(group => group.open.length > 0);
    const openCount = questions.reduce((sum, group) => sum + group.open.length, 0);
    return {
        general: checklist.reasons.slice(0, checklist.reasons.length - openCount),
        questions: questions.map(group => ({ question: group.question, sentences: group.open.map(reasonSentence) }))
    };
}

/** "LabResults: exception scenarios simulated at Riverside is still pending: 2 unhandled: downtime, corrections." */
export function reasonSentence(item: ChecklistItem): string {
    const state = item.status === 'failed' ? 'has failed' : `is still ${item.status}`;
    const why = item.notes.map(note => note.replace(/\.$/, '')).join('; ');
    return `${item.title} ${state}${why ? `: ${lowerFirst(why)}` : ''}.`;
}

/** A sentence's first word in lower case when it continues another ("Pending" -> "pending"; "HL7" stays). */
export function lowerFirst(text: string): string {
    return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

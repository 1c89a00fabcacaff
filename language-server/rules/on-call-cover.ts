import { isRole, isTeam, type Team } from '../language/generated/ast.js';
import { isPlaceholder, refName, type WorkspaceIndex } from '../model/workspace-index.js';

/**
 * On-call cover of the parties escalations go to, read by the exception rules: `exception-escalation` asks an
 * urgent escalation to reach someone at any hour, and `exception-coverage`'s handler stubs escalate urgent cases to
 * such a party.
 */

/**
 * Whether a party is reachable at any hour: a team with `on-call`, or a role of such a team. Undefined when the
 * party is not declared in the workspace (an unresolved reference is a linking error already).
 */
export function hasOnCall(name: string, workspace: WorkspaceIndex): boolean | undefined {
    const team = workspace.find(name, isTeam);
    if (team) {
        return teamHasOnCall(team);
    }
    const role = workspace.find(name, isRole);
    if (!role) {
        return undefined;
    }
    const roleTeam = workspace.find(refName(role.team), isTeam);
    return roleTeam !== undefined && teamHasOnCall(roleTeam);
}

/**
 * `on-call 24x7` (full cover only: `12x5` leaves nights uncovered) or a written on-call number or rota, unless the
 * text limits it to some hours or days ("Weekdays 07:00-17:00", "office hours", "Mon-Fri").
 */
export function teamHasOnCall(team: Team): boolean {
    return team.cover === '24x7' || (team.cover === undefined && team.onCall !== undefined && !isPlaceholder(team.onCall) && !namesPartialCover(team.onCall));
}

/** Round-the-clock words, then words and clock ranges that limit cover to part of the day or week. */
const FULL_COVER = /\b(24\s*[x×/]\s*7|24\s*hours?|around the clock|round[- ]the[- ]clock|all hours|any hour|00:00\s*[-–]\s*(24:00|23:59))\b/i;

const PARTIAL_COVER = /\b(week ?days?|working days?|business hours|office hours|daytime|day shift|mon(day)?\s*[-–]\s*fri(day)?|\d{1,2}\s*[x×]\s*\d|\d{1,2}:\d{2}\s*[-–]\s*\d{1,2}:\d{2}|\d{1,2}\s*(am|pm)\s*[-–]\s*\d{1,2}\s*(am|pm))\b/i;

function namesPartialCover(text: string): boolean {
    return !FULL_COVER.test(text) && PARTIAL_COVER.test(text);
}

import type { GateInfo } from '../../language-server/protocol/index.js';

/** The first entry of the gate pick: the checklist of every gate. */
export const ALL_GATES = 'All gates';

/** An entry of the gate pick (a VS Code QuickPickItem) and the gate it stands for (`undefined`: every gate). */
export interface GatePickItem {
    label: string;
    description?: string;
    detail?: string;
    gate: string | undefined;
}

/** Every gate the server listed (GatesRequest), by name, with its title, sites and place; "All gates" first. */
export function gatePickItems(gates: readonly GateInfo[]): GatePickItem[] {
    return [
        { label: ALL_GATES, gate: undefined },
        ...gates.map(gate => ({
            label: gate.name,
            ...(gate.title ? { description: gate.title } : {}),
            detail: [gate.sites.length ? `${gate.sites.length === 1 ? 'site' : 'sites'} ${gate.sites.join(', ')}` : '',
                `${gate.file}:${gate.location.range.start.line + 1}`].filter(Boolean).join(' · '),
            gate: gate.name
        }))
    ];
}

/**
 * Lets the user choose one gate or all of them, from the gates the server listed: the gate's name, `undefined` for
 * every gate, `null` when the pick is cancelled. Kept free of `vscode` (the caller passes its quick pick) so the
 * extension tests run it against the built server.
 */
export async function pickGate(gates: readonly GateInfo[],
    showQuickPick: (items: GatePickItem[], options: { placeHolder: string }) => PromiseLike<GatePickItem | undefined>): Promise<string | undefined | null> {
    const picked = await showQuickPick(gatePickItems(gates), { placeHolder: 'Which go-live gate?' });
    return picked === undefined ? null : picked.gate;
}

import { compareText } from '../model/findings.js';

/**
 * Gates in rollout order: a gate comes after every gate its `after` names (a topological order), ties by name.
 * A cycle (reported by the rules) is broken by name so every gate is still listed once.
 */
export function rolloutOrder<T extends { gate: string, after: string[] }>(gates: readonly T[]): T[] {
    const byName = new Map(gates.map(gate => [gate.gate, gate]));
    const placed = new Set<string>();
    const visiting = new Set<string>();
    const order: T[] = [];
    const visit = (gate: T) => {
        if (placed.has(gate.gate) || visiting.has(gate.gate)) {
            return;
        }
        visiting.add(gate.gate);
        for (const before of [...gate.after].sort(compareText)) {
            const earlier = byName.get(before);
            if (earlier) visit(earlier);
        }
        visiting.delete(gate.gate);
        placed.add(gate.gate);
        order.push(gate);
    };
    [...gates].sort((a, b) => compareText(a.gate, b.gate)).forEach(visit);
    return order;
}

import type { CodeMap, Interface } from '../language/generated/ast.js';
import { messageMappings } from '../model/mapping-conditions.js';
import type { FixSpec } from './rule.js';

/**
 * Pharmacy and treatment order messages (HL7 v2.5.1 chapter 4A): OMP^O09 orders, RDE^O11 encoded orders. A
 * medication order that has started is stopped by discontinuing it (ORC-1 order control `DC`, table 0119), not
 * by cancelling it (`CA` applies before anything was given): a receiver that cannot read DC keeps the stopped drug
 * on the medication administration record, where a nurse can still scan and give it.
 */
const PHARMACY_ORDER = /^(OMP|RDE)\^/i;
const ORDER_CONTROL = /^ORC-1(\.1)?$/;

/** A finding of orderControlProblems: on the code map, with what to add. */
export interface OrderControlProblem {
    map: CodeMap;
    message: string;
    fix?: FixSpec;
}

/** The ORC-1 code maps of an interface's pharmacy order messages that do not map DC, as findings. */
export function orderControlProblems(node: Interface): OrderControlProblem[] {
    const problems: OrderControlProblem[] = [];
    for (const message of node.messages.filter(m => PHARMACY_ORDER.test(m.type ?? ''))) {
        for (const mapping of messageMappings(message)) {
            const map = mapping.codes;
            if (!map || !mapping.source || !ORDER_CONTROL.test(mapping.source)) continue;
            if (map.entries.some(entry => String(entry.source) === 'DC')) continue;
            problems.push({
                map,
                message: `'${node.name}' sends medication orders (${message.type}) but the code map of ${mapping.source} does not map DC (discontinue, table 0119): `
                    + `a stopped medication stays on the receiver's administration record. Add \`DC -> <target>\`${map.receives.length > 0 ? ' and list it in `receives`' : ''}.`,
                fix: { title: 'Add a code map entry for DC', target: map, beforeClose: `${map.entries.length > 0 ? ', ' : ''}DC -> TODO ` }
            });
        }
    }
    return problems;
}

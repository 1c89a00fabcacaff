import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Captured ORU^R01 messages in bulk, for scale tests and the bench (issue #25, item 6): copies of the lab-network
 * example's captures (examples/lab-network/captures/lab-results/*.hl7, checked clean against interface
 * LabResults) with ids and numeric results varied by a seeded generator, so the same count gives the same bytes.
 * Only what the spec does not constrain changes: control ids (MSH-10), patient ids (PID-3.1), placer and filler
 * numbers (ORC-2/3, OBR-2/3), specimen ids (SPM-2) and NM values (OBX-5, same decimals); codes, units, time stamps
 * and authorities stay those of the captures, so the generated messages are as clean as they are.
 */

const CAPTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'lab-network', 'captures', 'lab-results');

/** The capture messages as segment lists (MLLP framing and line ends removed), in file order. */
export function labResultTemplates(): string[][][] {
    const messages: string[][][] = [];
    for (const file of readdirSync(CAPTURES).filter(name => name.endsWith('.hl7')).sort()) {
        const text = readFileSync(path.join(CAPTURES, file), 'latin1').replace(/[\x0b\x1c]/g, '');
        for (const segment of text.split(/\r\n|\r|\n/).filter(line => line.length > 0)) {
            if (segment.startsWith('MSH|')) messages.push([]);
            messages[messages.length - 1].push(segment.split('|'));
        }
    }
    return messages;
}

/** Park–Miller minimal standard generator: deterministic across Node versions, unlike Math.random. */
function seeded(seed: number): () => number {
    let state = (seed % 2147483646) + 1;
    return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

/**
 * `count` ORU^R01 messages in ER7, each ending in CR, cycling through the capture messages. Deterministic for a
 * given `seed`. Each message is about 1.5 KB.
 */
export function* labResultMessages(count: number, seed = 25): Generator<string> {
    const templates = labResultTemplates();
    const random = seeded(seed);
    for (let n = 0; n < count; n++) {
        const order = (k: number) => `${n + 1}${String(k).padStart(2, '0')}`;
        let orders = 0;
        const segments = templates[n % templates.length].map(template => {
            const fields = [...template];
            switch (fields[0]) {
                case 'MSH': fields[9] = `GEN${String(n + 1).padStart(9, '0')}`; break;
                case 'PID': fields[3] = fields[3].replace(/^[^^]*/, String(1000000 + Math.floor(random() * 8999999))); break;
                case 'ORC': orders++; // falls through: ORC and OBR carry the same order numbers
                case 'OBR':
                    for (const index of [2, 3]) fields[index] = fields[index]?.replace(/^[^^]*?(\d+)(?=\^|$)/, (_, digits: string) => `${_.slice(0, -digits.length)}${order(orders)}`) ?? fields[index];
                    break;
                case 'SPM': fields[2] = fields[2].replace(/^SP-\d+/, `SP-${order(orders)}`); break;
                case 'OBX':
                    if (fields[2] === 'NM' && /^\d+(\.\d+)?$/.test(fields[5])) { // an empty OBX-5 (a cancelled result) stays empty
                        const decimals = fields[5].split('.')[1]?.length ?? 0;
                        fields[5] = (Number(fields[5]) * (0.7 + 0.6 * random())).toFixed(decimals);
                    }
            }
            return fields.join('|');
        });
        yield segments.join('\r') + '\r';
    }
}

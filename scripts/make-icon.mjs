// Draws src/extension/images/icon.png (the extension's marketplace icon, 128x128): a teal tile with a white clinical cross
// and a green check mark. Run once after changing the design; the PNG is committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // supersampling per axis, for smooth edges

const inRoundedSquare = (x, y) => {
    const r = 24, lo = 4, hi = SIZE - 4;
    const cx = Math.min(Math.max(x, lo + r), hi - r), cy = Math.min(Math.max(y, lo + r), hi - r);
    return x >= lo && x <= hi && y >= lo && y <= hi && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inCross = (x, y) => (Math.abs(x - 54) <= 12 && Math.abs(y - 54) <= 34) || (Math.abs(y - 54) <= 12 && Math.abs(x - 54) <= 34);
const nearSegment = (x, y, [ax, ay], [bx, by], width) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= width / 2;
};
const inCheck = (x, y, width) => nearSegment(x, y, [70, 94], [84, 108], width) || nearSegment(x, y, [84, 108], [112, 76], width);

function colour(x, y) {
    if (!inRoundedSquare(x, y)) return [0, 0, 0, 0];
    if (inCheck(x, y, 12)) return [70, 200, 120, 255];
    if (inCheck(x, y, 22)) return [15, 110, 116, 255]; // a gap around the check so it reads over the cross
    if (inCross(x, y)) return [255, 255, 255, 255];
    return [15, 110, 116, 255];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
        const sum = [0, 0, 0, 0];
        for (let sy = 0; sy < SAMPLES; sy++) for (let sx = 0; sx < SAMPLES; sx++) {
            const c = colour(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
            for (let i = 0; i < 3; i++) sum[i] += c[i] * c[3];
            sum[3] += c[3];
        }
        const offset = y * (SIZE * 4 + 1) + 1 + x * 4;
        for (let i = 0; i < 3; i++) raw[offset + i] = sum[3] ? Math.round(sum[i] / sum[3]) : 0;
        raw[offset + 3] = Math.round(sum[3] / SAMPLES ** 2);
    }
}

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = bytes => { let c = 0xffffffff; for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
    const length = Buffer.alloc(4); length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4); sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0); header.writeUInt32BE(SIZE, 4);
header[8] = 8; header[9] = 6; // 8-bit RGBA
writeFileSync(new URL('../src/extension/images/icon.png', import.meta.url), Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))
]));

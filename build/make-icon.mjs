/**
 * Draws Quorum's application icon, build/icon.png (512×512 RGBA), with nothing but
 * Node's zlib: a deep green rounded square holding a white ring (a table seen from
 * above, everyone around it) with four seats and a gold centre (the decision).
 * electron-builder derives the Windows .ico and macOS .icns from it.
 *
 * Run: node build/make-icon.mjs   (the PNG is committed; rerun only to change it)
 */
/* global console */
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const GREEN = [0x1f, 0x5c, 0x4a];
const WHITE = [0xff, 0xff, 0xff];
const GOLD = [0xf2, 0xb8, 0x3a];

/** Coverage 0..1 of a shape at a pixel, by 4×4 supersampling (smooth edges). */
function coverage(inside, x, y) {
  let hits = 0;
  for (let i = 0; i < 4; i += 1) for (let j = 0; j < 4; j += 1) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits += 1;
  return hits / 16;
}

const c = SIZE / 2;
const roundedSquare = (x, y) => {
  const r = 96;
  const dx = Math.max(Math.abs(x - c) - (c - 16 - r), 0);
  const dy = Math.max(Math.abs(y - c) - (c - 16 - r), 0);
  return dx * dx + dy * dy <= r * r;
};
const distance = (x, y, cx = c, cy = c) => Math.hypot(x - cx, y - cy);
const ring = (x, y) => distance(x, y) <= 150 && distance(x, y) >= 112;
const seats = (x, y) =>
  [0, 1, 2, 3].some((k) => {
    const angle = (Math.PI / 2) * k + Math.PI / 4;
    return distance(x, y, c + Math.cos(angle) * 196, c + Math.sin(angle) * 196) <= 26;
  });
const centre = (x, y) => distance(x, y) <= 52;

const blend = (under, over, alpha) => under.map((value, i) => Math.round(value * (1 - alpha) + over[i] * alpha));

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let y = 0; y < SIZE; y += 1) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x += 1) {
    const background = coverage(roundedSquare, x, y);
    let colour = GREEN;
    colour = blend(colour, WHITE, coverage(ring, x, y));
    colour = blend(colour, WHITE, coverage(seats, x, y) * background);
    colour = blend(colour, GOLD, coverage(centre, x, y));
    const offset = row + 1 + x * 4;
    raw[offset] = colour[0];
    raw[offset + 1] = colour[1];
    raw[offset + 2] = colour[2];
    raw[offset + 3] = Math.round(background * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let value = n;
  for (let k = 0; k < 8; k += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
header[10] = 0; // compression
header[11] = 0; // filter
header[12] = 0; // no interlace

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = fileURLToPath(import.meta.resolve('./icon.png'));
writeFileSync(target, png);
console.log(`Wrote ${target} (${SIZE}×${SIZE}, ${png.length} bytes)`);

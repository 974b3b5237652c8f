#!/usr/bin/env node
/**
 * Draws the Tianbao icon (a green rounded square holding a white table grid with a tick over it)
 * and writes assets/icon-{16,32,64,80,128}.png. No image libraries: pixels are computed with 4×4
 * supersampling and encoded as PNG with node's zlib, so the icons can be regenerated on any
 * machine with `node scripts/make-icons.js`. The PNGs are committed; rerun only to change the mark.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const GREEN = [0x21, 0x73, 0x46]; // Excel green
const WHITE = [0xff, 0xff, 0xff];
const TICK = [0xff, 0xc8, 0x3d]; // warm yellow so the tick reads over the white grid

// ---- geometry in unit coordinates (0..1) ----------------------------------------------------
function insideRoundedSquare(x, y) {
  const r = 0.18;
  const m = 0.02; // margin
  if (x < m || y < m || x > 1 - m || y > 1 - m) return false;
  const cx = Math.min(Math.max(x, m + r), 1 - m - r);
  const cy = Math.min(Math.max(y, m + r), 1 - m - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** White grid: outer frame plus 2 inner vertical and 3 inner horizontal lines, with a header band. */
function onGrid(x, y, size) {
  const left = 0.18, right = 0.82, top = 0.2, bottom = 0.8;
  // lines must stay at least ~1px wide at 16px
  const w = Math.max(0.045, 1.1 / size);
  if (x < left - w / 2 || x > right + w / 2 || y < top - w / 2 || y > bottom + w / 2) return false;
  if (y >= top && y <= top + 0.14) return true; // header band
  const xs = [left, left + (right - left) / 3, left + (2 * (right - left)) / 3, right];
  const ys = [top, top + 0.14, top + 0.14 + (bottom - top - 0.14) / 3, top + 0.14 + (2 * (bottom - top - 0.14)) / 3, bottom];
  if (xs.some((lx) => Math.abs(x - lx) <= w / 2)) return true;
  if (ys.some((ly) => Math.abs(y - ly) <= w / 2)) return true;
  return false;
}

function distToSegment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function onTick(x, y, size, extra = 0) {
  const w = Math.max(0.075, 1.6 / size) + extra;
  const a = [0.38, 0.6], b = [0.52, 0.74], c = [0.86, 0.36];
  return distToSegment(x, y, a[0], a[1], b[0], b[1]) <= w / 2 || distToSegment(x, y, b[0], b[1], c[0], c[1]) <= w / 2;
}

/** Colour of one sample point, or null for transparent. */
function sample(x, y, size) {
  if (!insideRoundedSquare(x, y)) return null;
  if (onTick(x, y, size)) return TICK;
  if (onTick(x, y, size, 0.07)) return GREEN; // green outline separates the tick from the grid
  if (onGrid(x, y, size)) return WHITE;
  return GREEN;
}

function render(size) {
  const SS = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = sample((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size, size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a++; }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((255 * a) / (SS * SS));
      }
    }
  }
  return rgba;
}

// ---- PNG encoding ------------------------------------------------------------------------------
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  const outDir = path.resolve(__dirname, "..", "assets");
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)} (${size}×${size})`);
  }
}

if (require.main === module) main();
module.exports = { render, encodePng, SIZES };

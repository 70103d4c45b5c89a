// Draws the two Teams app icons (appPackage/color.png 192x192, appPackage/outline.png 32x32) as real
// PNG files with nothing but Node's zlib, so the icons are reproducible from source and need no image
// tooling. Run: npx tsx scripts/make-icons.ts (the PNGs are committed; rerun only to change the design).
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deflateSync } from "node:zlib";

type Rgba = readonly [number, number, number, number];

/** A filled shape: signed distance from a point (negative inside), so edges can be anti-aliased. */
type Shape = (x: number, y: number) => number;

interface Layer {
  shape: Shape;
  colour: Rgba;
}

const NHS_BLUE: Rgba = [0, 94, 184, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const FLAG_RED: Rgba = [218, 41, 28, 255];

export function roundedRect(cx: number, cy: number, halfW: number, halfH: number, radius: number): Shape {
  return (x, y) => {
    const qx = Math.abs(x - cx) - (halfW - radius);
    const qy = Math.abs(y - cy) - (halfH - radius);
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
    return outside + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

/** Triangle given by three corners; the distance is exact enough near the edges for anti-aliasing. */
function triangle(a: [number, number], b: [number, number], c: [number, number]): Shape {
  const edges = [
    [a, b],
    [b, c],
    [c, a],
  ] as const;
  const side = (p: readonly [number, number], q: readonly [number, number], x: number, y: number): number =>
    ((x - p[0]) * (q[1] - p[1]) - (y - p[1]) * (q[0] - p[0])) / Math.hypot(q[0] - p[0], q[1] - p[1]);
  // Corners may come in either order: orient by the centroid, which is always inside.
  const cx = (a[0] + b[0] + c[0]) / 3;
  const cy = (a[1] + b[1] + c[1]) / 3;
  const inward = Math.sign(side(a, b, cx, cy));
  return (x, y) => Math.max(...edges.map(([p, q]) => -inward * side(p, q, x, y)));
}

function union(...shapes: Shape[]): Shape {
  return (x, y) => Math.min(...shapes.map((s) => s(x, y)));
}

/**
 * A spine seen from the front: each vertebra is a rounded body with two short side wings, stacked on a
 * gentle curve and widening towards the lumbar end, so it reads as a spine rather than a list icon.
 */
function spine(cx: number, top: number, bottom: number, maxHalfWidth: number, count: number): Shape {
  const pitch = (bottom - top) / count;
  const parts: Shape[] = [];
  for (let i = 0; i < count; i += 1) {
    const grow = 0.75 + (0.25 * i) / Math.max(count - 1, 1);
    const bodyHalfW = maxHalfWidth * 0.55 * grow;
    const wingHalfW = maxHalfWidth * grow;
    const halfH = pitch * 0.36;
    const cy = top + pitch * (i + 0.5);
    const x = cx + Math.sin((i / Math.max(count - 1, 1)) * Math.PI) * maxHalfWidth * 0.18;
    parts.push(roundedRect(x, cy, bodyHalfW, halfH, halfH * 0.7));
    parts.push(roundedRect(x, cy - halfH * 0.15, wingHalfW, halfH * 0.38, halfH * 0.38));
  }
  return union(...parts);
}

/** Supersamples each pixel (4x4) so curved edges come out smooth; layers are painted in order. */
export function render(size: number, layers: Layer[]): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = px + (sx + 0.5) / samples;
          const y = py + (sy + 0.5) / samples;
          let colour: Rgba = [0, 0, 0, 0];
          for (const layer of layers) if (layer.shape(x, y) <= 0) colour = layer.colour;
          const alpha = colour[3] / 255;
          r += colour[0] * alpha;
          g += colour[1] * alpha;
          b += colour[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * size + px) * 4;
      // Store straight (not premultiplied) colour, as PNG requires.
      pixels[i] = a > 0 ? Math.round(r / a) : 0;
      pixels[i + 1] = a > 0 ? Math.round(g / a) : 0;
      pixels[i + 2] = a > 0 ? Math.round(b / a) : 0;
      pixels[i + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels as a PNG (colour type 6, so the alpha channel is kept). */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (stride + 1)] = 0; // filter type None: simple, and these images compress well anyway
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array(0)),
  ]);
}

/** Full-colour icon: NHS-blue rounded square, white spine, a small red flag for "red-flag triage". */
export function drawColourIcon(): Buffer {
  const size = 192;
  const flagPole = roundedRect(133, 66, 2.5, 26, 1.5);
  const flag = triangle([135, 41], [163, 51], [135, 61]);
  const layers: Layer[] = [
    { shape: roundedRect(96, 96, 96, 96, 36), colour: NHS_BLUE },
    { shape: spine(84, 34, 162, 30, 5), colour: WHITE },
    { shape: flagPole, colour: WHITE },
    { shape: flag, colour: FLAG_RED },
  ];
  return encodePng(size, render(size, layers));
}

/** Outline icon: white spine on transparent, as Teams requires for the 32x32 outline. */
export function drawOutlineIcon(): Buffer {
  const size = 32;
  const layers: Layer[] = [{ shape: spine(16, 3, 29, 9, 4), colour: WHITE }];
  return encodePng(size, render(size, layers));
}

function main(): void {
  const appPackage = join(dirname(fileURLToPath(import.meta.url)), "..", "appPackage");
  writeFileSync(join(appPackage, "color.png"), drawColourIcon());
  writeFileSync(join(appPackage, "outline.png"), drawOutlineIcon());
  console.log(`Wrote color.png and outline.png in ${appPackage}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();

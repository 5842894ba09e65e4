/**
 * fastify-bokeh's own icon, three overlapping translucent circles, drawn into a 32×32 Windows icon (.ico with a
 * 32-bit BMP inside, which every browser reads) so the browsers' automatic `/favicon.ico` request gets a real icon.
 */

/** The same icon as SVG, inlined into app pages (so they need no request for it under any prefix). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="11" cy="12" r="8" fill="#1f77b4" fill-opacity="0.8"/><circle cx="21" cy="12" r="8" fill="#ff7f0e" fill-opacity="0.8"/><circle cx="16" cy="21" r="8" fill="#2ca02c" fill-opacity="0.8"/></svg>`;

const SIZE = 32;
/** Samples per pixel edge: the circles' edges are anti-aliased by averaging SAMPLES² points. */
const SAMPLES = 4;
const CIRCLES = [
  { x: 11, y: 12, r: 8, rgb: [0x1f, 0x77, 0xb4] },
  { x: 21, y: 12, r: 8, rgb: [0xff, 0x7f, 0x0e] },
  { x: 16, y: 21, r: 8, rgb: [0x2c, 0xa0, 0x2c] },
] as const;
const CIRCLE_OPACITY = 0.8;

/** Straight-alpha RGBA of one pixel: the circles painted over transparency, in order. */
function pixel(px: number, py: number): [number, number, number, number] {
  let [r, g, b, a] = [0, 0, 0, 0];
  for (const circle of CIRCLES) {
    let inside = 0;
    for (let i = 0; i < SAMPLES; i++)
      for (let j = 0; j < SAMPLES; j++) {
        const dx = px + (i + 0.5) / SAMPLES - circle.x;
        const dy = py + (j + 0.5) / SAMPLES - circle.y;
        if (dx * dx + dy * dy <= circle.r * circle.r) inside++;
      }
    const alpha = (CIRCLE_OPACITY * inside) / (SAMPLES * SAMPLES);
    const over = alpha + a * (1 - alpha);
    if (over === 0) continue;
    const mix = (top: number, bottom: number) => (top * alpha + bottom * a * (1 - alpha)) / over;
    [r, g, b, a] = [mix(circle.rgb[0], r), mix(circle.rgb[1], g), mix(circle.rgb[2], b), over];
  }
  return [r, g, b, a];
}

/** The icon file: ICONDIR, one ICONDIRENTRY, then a BITMAPINFOHEADER, BGRA rows bottom-up and the AND mask. */
function drawIco(): Buffer {
  const pixels = SIZE * SIZE * 4;
  const mask = SIZE * 4; // one bit per pixel, rows padded to 32 bits; all zero (the alpha channel decides)
  const image = 40 + pixels + mask;
  const ico = Buffer.alloc(6 + 16 + image);
  ico.writeUInt16LE(1, 2); // type: icon
  ico.writeUInt16LE(1, 4); // one image
  ico.writeUInt8(SIZE, 6);
  ico.writeUInt8(SIZE, 7);
  ico.writeUInt16LE(1, 10); // colour planes
  ico.writeUInt16LE(32, 12); // bits per pixel
  ico.writeUInt32LE(image, 14);
  ico.writeUInt32LE(22, 18); // offset of the image
  ico.writeUInt32LE(40, 22); // BITMAPINFOHEADER size
  ico.writeInt32LE(SIZE, 26);
  ico.writeInt32LE(SIZE * 2, 30); // height counts the AND mask too
  ico.writeUInt16LE(1, 34);
  ico.writeUInt16LE(32, 36);
  ico.writeUInt32LE(pixels + mask, 42);
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const [r, g, b, a] = pixel(x, y);
      const at = 62 + ((SIZE - 1 - y) * SIZE + x) * 4;
      ico.set([Math.round(b), Math.round(g), Math.round(r), Math.round(a * 255)], at);
    }
  return ico;
}

let ico: Buffer | undefined;

/** The built-in favicon.ico (drawn once, on first use). */
export function builtinFavicon(): Buffer {
  ico ??= drawIco();
  return ico;
}

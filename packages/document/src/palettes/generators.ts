import { parseColor, type Rgba, toHex } from "./colors.js";
import { Cividis256, Greys256, Inferno256, Magma256, Plasma256, Turbo256, Viridis256 } from "./generated/palettes.js";
import { interpAtIndices, itemAt, linspace, roundHalfEven } from "./py-math.js";
import type { Palette } from "./types.js";

/** `n` colors taken from `palette` at evenly spaced indices, as Python's `linear_palette`. */
export function linear_palette(palette: Palette, n: number): Palette {
  if (n > palette.length) {
    throw new Error(
      `Requested ${n} colors, function can only return colors up to the base palette's length (${palette.length})`,
    );
  }
  return linspace(0, palette.length - 1, n).map((i) => itemAt(palette, Math.floor(i)));
}

/**
 * `palette1` then the reversed `palette2`, joined at `midpoint` (a fraction of `n`), so two sequential palettes meet
 * at their light ends, as Python's `diverging_palette`.
 */
export function diverging_palette(palette1: Palette, palette2: Palette, n: number, midpoint = 0.5): Palette {
  const n1 = roundHalfEven(midpoint * n);
  const n2 = roundHalfEven((1 - midpoint) * n);
  return [...linear_palette(palette1, n1), ...linear_palette([...palette2].reverse(), n2)];
}

/**
 * One color with alpha varying from `start_alpha` to `end_alpha` (0–255, scaled by the color's own alpha); `n`
 * colors, or by default one per alpha step. As Python's `varying_alpha_palette`.
 */
export function varying_alpha_palette(
  color: string,
  n: number | null = null,
  start_alpha = 0,
  end_alpha = 255,
): Palette {
  if (!(start_alpha >= 0 && start_alpha <= 255))
    throw new Error(`start_alpha ${start_alpha} must be in the range 0 to 255`);
  if (!(end_alpha >= 0 && end_alpha <= 255)) throw new Error(`end_alpha ${end_alpha} must be in the range 0 to 255`);
  const rgba = parseColor(color);
  let start = start_alpha;
  let end = end_alpha;
  if (rgba.a < 1) {
    start = roundHalfEven(start * rgba.a);
    end = roundHalfEven(end * rgba.a);
  }
  const count = n === null || n < 1 ? Math.trunc(Math.abs(end - start)) + 1 : n;
  // Python divides by zero here (a one-color palette has no step); say so instead of producing NaN.
  if (count === 1) throw new Error("varying_alpha_palette needs at least two colors");
  const normStart = start / 255;
  const normEnd = end / 255;
  return Array.from({ length: count }, (_, i) =>
    toHex({ ...rgba, a: normStart + ((normEnd - normStart) * i) / (count - 1) }),
  );
}

const truncateByte = (value: number): number => Math.trunc(value) & 0xff;

/** `n` colors linearly interpolated (each RGBA channel separately) along `palette`, as Python's `interp_palette`. */
export function interp_palette(palette: Palette, n: number): Palette {
  if (palette.length < 1) throw new Error("palette must contain at least one color");
  if (n < 0) throw new Error("requested palette length cannot be negative");
  const rgba = palette.map(parseColor);
  // Python keeps the alpha channel as a byte before interpolating it.
  const channels: Record<keyof Rgba, number[]> = {
    r: rgba.map((c) => c.r),
    g: rgba.map((c) => c.g),
    b: rgba.map((c) => c.b),
    a: rgba.map((c) => truncateByte(c.a * 255)),
  };
  return linspace(0, palette.length - 1, n).map((x) =>
    toHex({
      r: truncateByte(interpAtIndices(x, channels.r)),
      g: truncateByte(interpAtIndices(x, channels.g)),
      b: truncateByte(interpAtIndices(x, channels.b)),
      a: interpAtIndices(x, channels.a) / 255,
    }),
  );
}

/** `n` colors of the 256-color Magma palette. */
export const magma = (n: number): Palette => linear_palette(Magma256, n);
/** `n` colors of the 256-color Inferno palette. */
export const inferno = (n: number): Palette => linear_palette(Inferno256, n);
/** `n` colors of the 256-color Plasma palette. */
export const plasma = (n: number): Palette => linear_palette(Plasma256, n);
/** `n` colors of the 256-color Viridis palette. */
export const viridis = (n: number): Palette => linear_palette(Viridis256, n);
/** `n` colors of the 256-color Cividis palette. */
export const cividis = (n: number): Palette => linear_palette(Cividis256, n);
/** `n` colors of the 256-color Turbo palette. */
export const turbo = (n: number): Palette => linear_palette(Turbo256, n);
/** `n` colors of the 256-color Greys palette. */
export const grey = (n: number): Palette => linear_palette(Greys256, n);
/** `n` colors of the 256-color Greys palette (`grey`'s other spelling). */
export const gray = (n: number): Palette => linear_palette(Greys256, n);

import { roundHalfEven } from "../palettes/py-math.js";

/** How hex tiles stand: a point up (`pointytop`) or a flat side up (`flattop`), as Bokeh's HexTileOrientation. */
export type HexOrientation = "pointytop" | "flattop";

/** The counts of points per hex tile, tiles in the order Python's `hexbin` gives them. */
export interface HexBins {
  readonly q: number[];
  readonly r: number[];
  readonly counts: number[];
}

const SQRT3 = Math.sqrt(3);

/** The centers of the hex tiles at axial coordinates `q`, `r` (Python's `bokeh.util.hex.axial_to_cartesian`). */
export function axial_to_cartesian(
  q: readonly number[],
  r: readonly number[],
  size: number,
  orientation: HexOrientation,
  aspect_scale = 1,
): [number[], number[]] {
  if (orientation === "pointytop") {
    return [
      q.map((qi, i) => (size * SQRT3 * (qi + (r[i] ?? Number.NaN) / 2)) / aspect_scale),
      r.map((ri) => ((-size * 3) / 2) * ri),
    ];
  }
  return [
    q.map((qi) => ((size * 3) / 2) * qi),
    r.map((ri, i) => -size * SQRT3 * (ri + (q[i] ?? Number.NaN) / 2) * aspect_scale),
  ];
}

/** The nearest hex tile of a fractional axial position (cube rounding, halves to even as numpy rounds). */
function roundHex(q: number, r: number): [number, number] {
  const y = -q - r;
  const rx = roundHalfEven(q);
  const ry = roundHalfEven(y);
  const rz = roundHalfEven(r);
  const dx = Math.abs(rx - q);
  const dy = Math.abs(ry - y);
  const dz = Math.abs(rz - r);
  const cond = dx > dy && dx > dz;
  return [cond ? -(ry + rz) : rx, !cond && !(dy > dz) ? -(rx + ry) : rz];
}

/** The axial coordinates of the hex tiles holding the points `x`, `y` (Python's `cartesian_to_axial`). */
export function cartesian_to_axial(
  x: readonly number[],
  y: readonly number[],
  size: number,
  orientation: HexOrientation,
  aspect_scale = 1,
): [number[], number[]] {
  const [a, b, c, d] = orientation === "flattop" ? [2 / 3, 0, -1 / 3, SQRT3 / 3] : [SQRT3 / 3, -1 / 3, 0, 2 / 3];
  const qs: number[] = [];
  const rs: number[] = [];
  x.forEach((xi, i) => {
    const sx = (xi / size) * (orientation === "pointytop" ? aspect_scale : 1);
    const sy = -(y[i] ?? Number.NaN) / size / (orientation === "flattop" ? aspect_scale : 1);
    const [q, r] = roundHex(a * sx + b * sy, c * sx + d * sy);
    qs.push(q);
    rs.push(r);
  });
  return [qs, rs];
}

/**
 * A tile's sort key as numpy's `unique` orders the (int64 q, int64 r) records Python's `hexbin` makes: the bytes of
 * both little-endian integers, compared as unsigned bytes.
 */
function byteKey(q: number, r: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(16));
  view.setBigInt64(0, BigInt(q), true);
  view.setBigInt64(8, BigInt(r), true);
  return new Uint8Array(view.buffer);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Counts the points `x`, `y` per hex tile of `size` (Python's `bokeh.util.hex.hexbin`). */
export function hexbin(
  x: readonly number[],
  y: readonly number[],
  size: number,
  orientation: HexOrientation = "pointytop",
  aspect_scale = 1,
): HexBins {
  const [qs, rs] = cartesian_to_axial(x, y, size, orientation, aspect_scale);
  const tiles = new Map<string, { q: number; r: number; count: number; key: Uint8Array }>();
  qs.forEach((q, i) => {
    const r = rs[i] ?? 0;
    const id = `${q},${r}`;
    const tile = tiles.get(id);
    if (tile === undefined) tiles.set(id, { q, r, count: 1, key: byteKey(q, r) });
    else tile.count++;
  });
  const sorted = [...tiles.values()].sort((a, b) => compareBytes(a.key, b.key));
  return { q: sorted.map((t) => t.q), r: sorted.map((t) => t.r), counts: sorted.map((t) => t.count) };
}

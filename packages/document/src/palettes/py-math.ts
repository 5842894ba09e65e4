/** The item at `index`, which the caller knows to exist (a RangeError says otherwise). */
export function itemAt<T>(list: ArrayLike<T>, index: number): T {
  const item = list[index];
  if (item === undefined) throw new RangeError(`index ${index} out of range (length ${list.length})`);
  return item;
}

/** Python's `round(x)` (and numpy's `np.round`): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** numpy's `linspace(start, stop, num)`: `i * step + start`, with the last value exactly `stop`. */
export function linspace(start: number, stop: number, num: number): number[] {
  if (num <= 0) return [];
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : i * step + start));
}

/**
 * numpy's `interp(x, xp, fp)` for the sample points `xp = 0, 1, …, fp.length - 1`, computed as numpy computes it
 * (slope times offset from the left point).
 */
export function interpAtIndices(x: number, fp: readonly number[]): number {
  const last = fp.length - 1;
  if (x <= 0) return itemAt(fp, 0);
  if (x >= last) return itemAt(fp, last);
  const j = Math.floor(x);
  const left = itemAt(fp, j);
  const right = itemAt(fp, j + 1);
  const slope = right - left;
  const y = slope * (x - j) + left;
  return Number.isNaN(y) ? slope * (x - j - 1) + right : y;
}

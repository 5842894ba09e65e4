/** `bins` equal-width bins spanning the values: the `bins + 1` edges. */
export function binEdges(values: ArrayLike<number>, bins: number): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  if (!(max > min)) max = min + 1;
  return Array.from({ length: bins + 1 }, (_, i) => min + ((max - min) * i) / bins);
}

/** Counts per bin, as numpy.histogram counts them: half-open bins, the last one closed. */
export function histogram(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const low = edges[0]!;
  const high = edges[bins]!;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < low || v > high) continue;
    const bin = v === high ? bins - 1 : Math.floor(((v - low) / (high - low)) * bins);
    counts[Math.min(bin, bins - 1)] += 1;
  }
  return counts;
}

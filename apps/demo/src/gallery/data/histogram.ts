/** `bins` equal-width bins spanning the values: the `bins + 1` edges. */
export function binEdges(values: Iterable<number>, bins: number): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (!(max > min)) max = min + 1;
  return Array.from({ length: bins + 1 }, (_, i) => min + ((max - min) * i) / bins);
}

/** Counts per bin, as numpy.histogram counts them: half-open bins, the last one closed. */
export function histogram(values: Iterable<number>, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const low = edges[0];
  const high = edges[bins];
  if (low === undefined || high === undefined || bins < 1) return [];
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    if (v < low || v > high) continue;
    const bin = v === high ? bins - 1 : Math.min(bins - 1, Math.floor(((v - low) / (high - low)) * bins));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}

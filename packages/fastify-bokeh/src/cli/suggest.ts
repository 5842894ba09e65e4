/** Edit distance counting insertions, deletions, substitutions and swaps of neighbours (`prot` → `port` is 1). */
function distance(a: string, b: string): number {
  const width = b.length + 1;
  // d[i * width + j]: distance between the first i characters of a and the first j of b (every cell is written
  // before it is read, so the fallback is never taken).
  const d = new Uint16Array((a.length + 1) * width);
  const at = (i: number, j: number): number => d[i * width + j] ?? 0;
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * width] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The known name closest to a mistyped one, for a "did you mean" hint: a name it abbreviates, else the nearest
 * within a third of its length (so `--prot` finds `--port`, but `--bogus` finds nothing).
 */
export function closest(given: string, known: readonly string[]): string | undefined {
  const prefixed = known.filter((name) => given.length > 3 && name.startsWith(given));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(given.replace(/^-+/, "").length / 3));
  for (const name of known) {
    const d = distance(given, name);
    if (d <= bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import t from "tap";
import { compactingCollection } from "../src/lifetimes/heap-release.js";

t.test(
  "the heap release's collection compacts a fragmented heap, which a plain full collection does not",
  async (t) => {
    setFlagsFromString("--expose-gc");
    const plainGc = runInNewContext("gc") as () => void;
    const compact = compactingCollection();
    // One object in twelve survives: the heap is left as pages that are mostly, but not wholly, garbage.
    let all: object[] | undefined = [];
    const kept: object[] = [];
    for (let i = 0; i < 1_500_000; i++) {
      const item = { i, pair: [i, i + 1] };
      all.push(item);
      if (i % 12 === 0) kept.push(item);
    }
    all = undefined;
    plainGc();
    const fragmented = process.memoryUsage().heapTotal;
    compact();
    const compacted = process.memoryUsage().heapTotal;
    const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
    t.ok(compacted < fragmented / 2, `heap ${mib(fragmented)} after a plain collection, ${mib(compacted)} compacted`);
    t.equal(kept.length, 125_000, "what was live is still there");
  },
);

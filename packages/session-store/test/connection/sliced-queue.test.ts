import t from "tap";
import { SlicedQueue } from "../../src/connection/sliced-queue.js";

const busyFor = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // burn CPU: a slow request
  }
};

t.test("items are handled one at a time, in order, and the event loop runs between time slices", async (t) => {
  const handled: number[] = [];
  let overlapping = false;
  let running = false;
  let otherRanAfter: number | undefined;
  const done = new Promise<void>((resolve) => {
    const queue = new SlicedQueue<number>(async (n) => {
      if (running) overlapping = true;
      running = true;
      busyFor(1);
      await Promise.resolve();
      handled.push(n);
      running = false;
      if (n === 49) resolve();
    });
    for (let i = 0; i < 50; i++) queue.push(i);
  });
  setImmediate(() => (otherRanAfter = handled.length));
  await done;
  t.same(
    handled,
    Array.from({ length: 50 }, (_, i) => i),
    "in order",
  );
  t.notOk(overlapping, "never two at once");
  t.ok(otherRanAfter !== undefined && otherRanAfter < 20, `other work ran after ${otherRanAfter} items of 50`);
});

t.test("clear() forgets what was not handled yet", async (t) => {
  const handled: number[] = [];
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const queue = new SlicedQueue<number>(async (n) => {
    if (n === 0) await gate;
    handled.push(n);
  });
  for (let i = 0; i < 5; i++) queue.push(i);
  queue.clear();
  release();
  await new Promise((resolve) => setImmediate(resolve));
  t.same(handled, [0], "the item being handled finishes; the rest are gone");
  queue.push(9);
  await new Promise((resolve) => setImmediate(resolve));
  t.same(handled, [0, 9], "and the queue keeps working");
});

t.test("synchronous handlers run at once, and a long run of them still lets the event loop in", async (t) => {
  const handled: number[] = [];
  const queue = new SlicedQueue<number>((n) => {
    busyFor(0.5);
    handled.push(n);
  });
  queue.push(0);
  t.same(handled, [0], "handled within push: no promise, no wait");
  let otherRanAfter: number | undefined;
  setImmediate(() => (otherRanAfter = handled.length));
  for (let i = 1; i < 50; i++) queue.push(i);
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.same(
    handled,
    Array.from({ length: 50 }, (_, i) => i),
    "all, in order",
  );
  t.ok(otherRanAfter !== undefined && otherRanAfter < 20, `other work ran after ${otherRanAfter} items of 50`);
});

/**
 * Work that can stop between two steps: a generator that yields (nothing) wherever it may be interrupted and
 * returns its result. Run to the end at once, or in time slices so that a very large piece of work (a patch adding
 * 100,000 models) does not hold the event loop.
 */
export type Steps<T> = Generator<void, T, void>;

/** How long sliced work runs before it lets the event loop serve others, ms (as the server's connection queues). */
const SLICE_MS = 2;

/** Runs `steps` to the end without stopping. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const nextLoopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `steps` for up to `sliceMs`: the last step taken (done, or stopped for time). */
function runSlice<T>(steps: Steps<T>, sliceMs: number): IteratorResult<void, T> {
  const sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done || performance.now() - sliceStart >= sliceMs) return step;
  }
}

/**
 * Runs `steps` to the end, waiting for the next turn of the event loop whenever it has worked for `sliceMs`:
 * other I/O and timers run in between. Work shorter than one slice finishes at once and returns its result as is,
 * not as a promise (a round trip's small patch costs none), and what it throws is thrown.
 */
export function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): T | Promise<T> {
  const first = runSlice(steps, sliceMs);
  return first.done ? first.value : finishInSlices(steps, sliceMs);
}

async function finishInSlices<T>(steps: Steps<T>, sliceMs: number): Promise<T> {
  for (;;) {
    await nextLoopTurn();
    const step = runSlice(steps, sliceMs);
    if (step.done) return step.value;
  }
}

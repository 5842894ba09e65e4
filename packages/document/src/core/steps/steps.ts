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

/**
 * Runs `steps` to the end, waiting for the next turn of the event loop whenever it has worked for `sliceMs`:
 * other I/O and timers run in between. Work shorter than one slice finishes without waiting.
 */
export async function runInSlices<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextLoopTurn();
      sliceStart = performance.now();
    }
  }
}

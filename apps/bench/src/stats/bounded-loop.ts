export interface LoopBounds {
  /** Stop starting iterations after this long. */
  durationMs: number;
  /** Stop after this many iterations in all (across workers). */
  maxIterations: number;
}

export interface LoopOutcome {
  iterations: number;
  /** From the first start to the end of the last iteration, ms. */
  elapsedMs: number;
}

/**
 * Runs `concurrency` workers that each call `body` again and again until the time or count bound is reached
 * (bodies carry their own timeouts, so the loop ends shortly after the bound). The first failure stops all workers
 * and is rethrown.
 */
export async function boundedLoop(
  concurrency: number,
  bounds: LoopBounds,
  body: (worker: number, iteration: number) => Promise<void>,
): Promise<LoopOutcome> {
  const start = performance.now();
  const deadline = start + bounds.durationMs;
  let started = 0;
  let failed = false;
  const worker = async (index: number): Promise<void> => {
    while (!failed && started < bounds.maxIterations && performance.now() < deadline) {
      const iteration = started++;
      try {
        await body(index, iteration);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  return { iterations: started, elapsedMs: performance.now() - start };
}

/** Runs `tasks` with at most `concurrency` in flight; returns the results in order. */
export async function mapConcurrent<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < count) {
      const index = next++;
      try {
        results[index] = await task(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Percent of one core the benchmark process itself used since `since` (process.cpuUsage()) over `wallMs`. */
export function clientCpuPercent(since: NodeJS.CpuUsage, wallMs: number): number {
  const used = process.cpuUsage(since);
  return wallMs > 0 ? (used.user + used.system) / 10 / wallMs : 0;
}

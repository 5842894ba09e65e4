import { availableParallelism } from "node:os";

/** bokeh serve's `--num-procs`: 0 means one worker per core; any other count is taken as given. */
export function resolveNumProcs(numProcs: number): number {
  return numProcs === 0 ? availableParallelism() : numProcs;
}

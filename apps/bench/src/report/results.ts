import type { BigResult } from "../scenarios/big.js";
import type { BurstResult } from "../scenarios/burst.js";
import type { ChurnResult } from "../scenarios/churn.js";
import type { HugePatchResult } from "../scenarios/huge-patch.js";
import type { MemoryResult } from "../scenarios/memory.js";
import type { RoundtripResult } from "../scenarios/roundtrip.js";
import type { ScaleResult } from "../scenarios/scale.js";
import type { FailoverResult } from "../scenarios/scale-out.js";
import type { SessionOpenResult } from "../scenarios/session-open.js";
import type { SlowReaderResult } from "../scenarios/slow-reader.js";
import type { StreamResult } from "../scenarios/stream.js";
import type { Row } from "./targets.js";

/** What one server achieved; a scenario left out with --scenarios is absent. */
export interface ServerResults {
  label: string;
  sessionOpenC1?: SessionOpenResult;
  sessionOpenC8?: SessionOpenResult;
  roundtrip?: RoundtripResult;
  stream?: StreamResult;
  memory?: MemoryResult;
  big?: BigResult;
  /** Session open (concurrency 32) with --num-procs 1 and 2; its server CPU figures are the primary's alone. */
  numProcs?: { one: SessionOpenResult; two: SessionOpenResult };
  /** Scale-out (issue 13): session open and roundtrip with the memory store, then the Redis store, same machine. */
  scaleOutMemory?: { open: SessionOpenResult; roundtrip: RoundtripResult };
  scaleOutRedis?: { open: SessionOpenResult; roundtrip: RoundtripResult };
  /** Scale-out: SIGKILL of a session's owner → its state pulled from another node. */
  failover?: FailoverResult;
  slowReader?: SlowReaderResult;
  churn?: ChurnResult;
  burst?: BurstResult;
  hugePatch?: HugePatchResult;
  scale?: ScaleResult;
  /** Load scenarios that failed on this server, with why (the others still ran). */
  failed?: Record<string, string>;
}

interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  /** 1-minute load average when the run started and ended (other work on the machine makes figures noisy). */
  loadAverage: { start: number; end: number };
}

/** The JSON file written at the end of a run. */
export interface BenchResults {
  date: string;
  durationMs: number;
  machine: Machine;
  settings: Record<string, unknown>;
  /** Why bokeh serve did not run, when it did not. */
  bokehServeUnavailable: string | null;
  ours: ServerResults | null;
  bokeh: ServerResults | null;
  rows: Row[];
  protocolBench: string[];
  /** Why the run failed; null when it completed. */
  error: string | null;
}

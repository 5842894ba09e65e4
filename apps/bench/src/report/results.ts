import type { BigResult } from "../scenarios/big.js";
import type { MemoryResult } from "../scenarios/memory.js";
import type { RoundtripResult } from "../scenarios/roundtrip.js";
import type { SessionOpenResult } from "../scenarios/session-open.js";
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

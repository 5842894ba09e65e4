import { Agent } from "node:http";
import type { Target } from "./client/session.js";
import type { ScaleOutHooks } from "./run-scale-out.js";
import type { ServerUnderTest } from "./servers/server-under-test.js";

export interface RunHooks {
  log: (line: string) => void;
  /** Starts our server with --num-procs N, for the procs scenario (bokeh serve has none: it is skipped there). */
  startWithProcs?: (numProcs: number) => Promise<ServerUnderTest>;
  /** What the scale-out scenario starts (our server only: bokeh serve has no shared store). */
  scaleOut?: ScaleOutHooks;
  /** Called in the memory scenario at the baseline (0) and at each level, with the server still holding the sessions. */
  onMemoryLevel?: (server: ServerUnderTest, sessions: number) => Promise<void>;
}

/** Starts a server, runs `body` against it, and stops it whatever happens. */
export async function withServer(
  start: () => Promise<ServerUnderTest>,
  hooks: RunHooks,
  body: (target: Target, server: ServerUnderTest) => Promise<void>,
): Promise<void> {
  const server = await start();
  hooks.log(`${server.label} listening on ${server.httpBase} (pid ${server.pid})`);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  try {
    await body({ server, agent }, server);
  } finally {
    agent.destroy();
    await server.child.stop();
  }
}

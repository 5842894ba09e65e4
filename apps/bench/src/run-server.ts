import { Agent } from "node:http";
import type { Target } from "./client/session.js";
import type { ServerResults } from "./report/results.js";
import { big } from "./scenarios/big.js";
import { memory } from "./scenarios/memory.js";
import { PLAN, type ScenarioName } from "./scenarios/plan.js";
import { roundtrip } from "./scenarios/roundtrip.js";
import { type SessionOpenResult, sessionOpen } from "./scenarios/session-open.js";
import { stream } from "./scenarios/stream.js";
import type { ServerUnderTest } from "./servers/server-under-test.js";
import { REAP_WAIT_MS } from "./servers/settings.js";
import { sleep } from "./stats/bounded-loop.js";

export interface RunHooks {
  log: (line: string) => void;
  /** Starts our server with --num-procs N, for the procs scenario (bokeh serve has none: it is skipped there). */
  startWithProcs?: (numProcs: number) => Promise<ServerUnderTest>;
  /** Called in the memory scenario at the baseline (0) and at each level, with the server still holding the sessions. */
  onMemoryLevel?: (server: ServerUnderTest, sessions: number) => Promise<void>;
}

async function withServer(
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

/**
 * Runs the selected scenarios against one kind of server, filling `results` as they complete (so that a failed
 * run still reports what it measured). Between scenarios it waits until the closed sessions are discarded. Memory
 * runs last on a freshly started server: its baseline is then not inflated by the earlier scenarios, and the
 * discarding of its 1,000 sessions (tens of seconds for bokeh serve) need not be waited for.
 */
export async function runScenarios(
  start: () => Promise<ServerUnderTest>,
  selected: ReadonlySet<ScenarioName>,
  results: ServerResults,
  hooks: RunHooks,
): Promise<void> {
  const { log } = hooks;
  const others: ScenarioName[] = ["open", "roundtrip", "stream", "big"];
  if (others.some((name) => selected.has(name))) {
    await withServer(start, hooks, async (target) => {
      const step = async <T>(name: ScenarioName, title: string, run: () => Promise<T>): Promise<T | undefined> => {
        if (!selected.has(name)) return undefined;
        log(`  ${results.label}: ${title}`);
        const result = await run();
        await sleep(REAP_WAIT_MS);
        return result;
      };
      results.sessionOpenC1 = await step("open", "session open, concurrency 1", () =>
        sessionOpen(target, PLAN.sessionOpenC1),
      );
      results.sessionOpenC8 = await step("open", "session open, concurrency 8", () =>
        sessionOpen(target, PLAN.sessionOpenC8),
      );
      results.roundtrip = await step("roundtrip", "roundtrip, 10 sliders sessions", () =>
        roundtrip(target, PLAN.roundtrip),
      );
      results.stream = await step("stream", "stream, 50 sessions for 10 s", () => stream(target, PLAN.stream));
      results.big = await step("big", "big document, open and pull", () => big(target, PLAN.big));
    });
  }
  const startWithProcs = hooks.startWithProcs;
  if (selected.has("procs") && startWithProcs !== undefined) {
    const rates: SessionOpenResult[] = [];
    for (const procs of [1, 2]) {
      log(`  ${results.label}: session open, concurrency ${PLAN.numProcs.concurrency}, --num-procs ${procs}`);
      await withServer(
        () => startWithProcs(procs),
        hooks,
        async (target) => void rates.push(await sessionOpen(target, PLAN.numProcs)),
      );
    }
    const [one, two] = rates;
    if (one !== undefined && two !== undefined) results.numProcs = { one, two };
  }
  if (selected.has("memory")) {
    await withServer(start, hooks, async (target, server) => {
      log(`  ${results.label}: memory at 100 and 1,000 open sliders sessions (fresh server)`);
      const onLevel = hooks.onMemoryLevel;
      results.memory = await memory(
        target,
        PLAN.memory,
        onLevel === undefined ? undefined : (sessions) => onLevel(server, sessions),
      );
    });
  }
}

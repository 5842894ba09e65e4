import type { ServerResults } from "./report/results.js";
import { runLoadScenarios } from "./run-load.js";
import { runScaleOut } from "./run-scale-out.js";
import { big } from "./scenarios/big.js";
import { memory } from "./scenarios/memory.js";
import { isLoadScenario, type Plan, type ScenarioName } from "./scenarios/plan.js";
import { roundtrip } from "./scenarios/roundtrip.js";
import { type SessionOpenResult, sessionOpen } from "./scenarios/session-open.js";
import { stream } from "./scenarios/stream.js";
import type { ServerUnderTest } from "./servers/server-under-test.js";
import { REAP_WAIT_MS } from "./servers/settings.js";
import { sleep } from "./stats/bounded-loop.js";
import { type RunHooks, withServer } from "./with-server.js";

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
  plan: Plan,
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
        sessionOpen(target, plan.sessionOpenC1),
      );
      results.sessionOpenC8 = await step("open", "session open, concurrency 8", () =>
        sessionOpen(target, plan.sessionOpenC8),
      );
      results.roundtrip = await step("roundtrip", "roundtrip, 10 sliders sessions", () =>
        roundtrip(target, plan.roundtrip),
      );
      results.stream = await step("stream", "stream, 50 sessions for 10 s", () => stream(target, plan.stream));
      results.big = await step("big", "big document, open and pull", () => big(target, plan.big));
    });
  }
  const startWithProcs = hooks.startWithProcs;
  if (selected.has("procs") && startWithProcs !== undefined) {
    const rates: SessionOpenResult[] = [];
    for (const procs of [1, 2]) {
      log(`  ${results.label}: session open, concurrency ${plan.numProcs.concurrency}, --num-procs ${procs}`);
      await withServer(
        () => startWithProcs(procs),
        hooks,
        async (target) => void rates.push(await sessionOpen(target, plan.numProcs)),
      );
    }
    const [one, two] = rates;
    if (one !== undefined && two !== undefined) results.numProcs = { one, two };
  }
  if (selected.has("scaleout") && hooks.scaleOut !== undefined) await runScaleOut(results, hooks, hooks.scaleOut, plan);
  if (selected.has("memory")) {
    await withServer(start, hooks, async (target, server) => {
      log(`  ${results.label}: memory at 100 and 1,000 open sliders sessions (fresh server)`);
      const onLevel = hooks.onMemoryLevel;
      results.memory = await memory(
        target,
        plan.memory,
        onLevel === undefined ? undefined : (sessions) => onLevel(server, sessions),
      );
    });
  }
  await runLoadScenarios(start, [...selected].filter(isLoadScenario), results, hooks, plan);
}

import type { Target } from "./client/session.js";
import type { ServerResults } from "./report/results.js";
import { burst } from "./scenarios/burst.js";
import { churn } from "./scenarios/churn.js";
import { hugePatch } from "./scenarios/huge-patch.js";
import type { LoadScenario, Plan } from "./scenarios/plan.js";
import { scale } from "./scenarios/scale.js";
import { slowReader } from "./scenarios/slow-reader.js";
import type { ServerUnderTest } from "./servers/server-under-test.js";
import { type RunHooks, withServer } from "./with-server.js";

const TITLES: Record<LoadScenario, string> = {
  "slow-reader": "slow reader: a heavy stream the client stops reading",
  churn: "churn: sessions opened and closed, then the reaper, then idle",
  burst: "burst of PATCH-DOCs on one connection while others probe",
  "huge-patch": "one PATCH-DOC with many new models while others probe",
  scale: "scale: many concurrent sliders sessions, each moving its slider periodically",
};

/** Runs one load scenario and stores its figures in `results`. */
async function runOne(name: LoadScenario, target: Target, results: ServerResults, plan: Plan): Promise<void> {
  switch (name) {
    case "slow-reader":
      results.slowReader = await slowReader(target, plan.slowReader);
      return;
    case "churn":
      results.churn = await churn(target, plan.churn);
      return;
    case "burst":
      results.burst = await burst(target, plan.burst);
      return;
    case "huge-patch":
      results.hugePatch = await hugePatch(target, plan.hugePatch);
      return;
    case "scale":
      results.scale = await scale(target, plan.scale);
      return;
  }
}

/**
 * The issue-12 scenarios, each on a freshly started server (their memory figures must not carry what another
 * scenario left). One that fails is recorded in `results.failed` and the others still run: a server that cannot
 * cope with one abuse is a figure of the comparison, not the end of it.
 */
export async function runLoadScenarios(
  start: () => Promise<ServerUnderTest>,
  selected: readonly LoadScenario[],
  results: ServerResults,
  hooks: RunHooks,
  plan: Plan,
): Promise<void> {
  for (const name of selected) {
    hooks.log(`  ${results.label}: ${TITLES[name]} (fresh server)`);
    try {
      await withServer(start, hooks, (target) => runOne(name, target, results, plan));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      hooks.log(`  ${results.label}: ${name} failed: ${why}`);
      results.failed = { ...results.failed, [name]: why };
    }
  }
}

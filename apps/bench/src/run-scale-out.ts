import type { ServerResults } from "./report/results.js";
import type { Plan } from "./scenarios/plan.js";
import { roundtrip } from "./scenarios/roundtrip.js";
import { failover } from "./scenarios/scale-out.js";
import { sessionOpen } from "./scenarios/session-open.js";
import type { ServerUnderTest } from "./servers/server-under-test.js";
import { type RunHooks, withServer } from "./with-server.js";

/** What the scale-out scenario needs started: a Redis, and our server with or without it. */
export interface ScaleOutHooks {
  startRedis(): Promise<{ readonly url: string; stop(): Promise<void> }>;
  /** Our server; with `redis`, a node of that Redis (with `leaseTtl`, the given lease). */
  startOurs(redis?: { url: string; leaseTtl?: number }): Promise<ServerUnderTest>;
}

/** Session open and roundtrip on one server (fresh), as the scale-out comparison runs them. */
async function openAndRoundtrip(start: () => Promise<ServerUnderTest>, hooks: RunHooks, plan: Plan) {
  let measured: ServerResults["scaleOutMemory"];
  await withServer(start, hooks, async (target) => {
    const open = await sessionOpen(target, plan.scaleOut.open);
    measured = { open, roundtrip: await roundtrip(target, plan.scaleOut.roundtrip) };
  });
  if (measured === undefined) throw new Error("scale-out: nothing measured");
  return measured;
}

/**
 * Issue 13's scale-out figures on one machine: session open and roundtrip with the memory store, then with the
 * Redis store (one node of a redis-server the bench starts), then failover between two nodes of that Redis.
 */
export async function runScaleOut(results: ServerResults, hooks: RunHooks, scale: ScaleOutHooks, plan: Plan) {
  const { log } = hooks;
  log(`  ${results.label}: scale-out, session open and roundtrip with the memory store`);
  results.scaleOutMemory = await openAndRoundtrip(() => scale.startOurs(), hooks, plan);
  const redis = await scale.startRedis();
  try {
    log(`  ${results.label}: scale-out, session open and roundtrip with the Redis store`);
    results.scaleOutRedis = await openAndRoundtrip(() => scale.startOurs({ url: redis.url }), hooks, plan);
    const { failover: options } = plan.scaleOut;
    const { leaseTtlMs } = options;
    const lease = leaseTtlMs === undefined ? "default timings" : `lease ${leaseTtlMs} ms`;
    log(`  ${results.label}: scale-out, failover after SIGKILL, ${options.rounds} rounds, ${lease}`);
    const node = leaseTtlMs === undefined ? { url: redis.url } : { url: redis.url, leaseTtl: leaseTtlMs };
    results.failover = await failover(() => scale.startOurs(node), options);
  } finally {
    await redis.stop();
  }
}

// The scale-out scenario at its --quick sizes: real server processes, a real redis-server, a real SIGKILL.
import t from "tap";
import { Children } from "../src/process/children.js";
import type { ServerResults } from "../src/report/results.js";
import { buildRows } from "../src/report/targets.js";
import { runScaleOut } from "../src/run-scale-out.js";
import { QUICK_PLAN } from "../src/scenarios/plan.js";
import { scaleOutServers } from "../src/servers/scale-out-servers.js";

/** session-store-redis's default timings, which the failover rounds run with: liveness key 1 s, session lease 5 s. */
const LIVENESS_TTL_MS = 1000;
const LEASE_TTL_MS = 5000;

t.test("scale-out: Redis vs memory store, and failover after SIGKILL of the owner", async (t) => {
  const children = new Children();
  t.teardown(() => children.stopAll());
  const results: ServerResults = { label: "fastify-bokeh" };
  const lines: string[] = [];
  await runScaleOut(results, { log: (line) => void lines.push(line) }, scaleOutServers(children), QUICK_PLAN);
  const { scaleOutMemory, scaleOutRedis, failover } = results;
  t.ok((scaleOutMemory?.open.sessions ?? 0) > 0, "sessions opened with the memory store");
  t.ok((scaleOutRedis?.open.sessions ?? 0) > 0, "sessions opened with the Redis store");
  t.ok((scaleOutRedis?.roundtrip.rounds ?? 0) > 0, "validated round trips with the Redis store");
  const { rounds } = QUICK_PLAN.scaleOut.failover;
  t.equal(failover?.rounds, rounds, "every failover round brought the session back on the other node");
  t.ok((failover?.latency.p50 ?? 0) > LIVENESS_TTL_MS / 3, "no faster than the dead node's liveness key allows");
  t.ok((failover?.latency.max ?? Infinity) < LEASE_TTL_MS, "sooner than the session's lease: by the liveness key");
  const rows = buildRows(results, null).filter((row) => row.metric.startsWith("scale-out"));
  const targets = rows.filter((row) => row.target !== null);
  t.equal(targets.length, 3, "three figures with targets");
  t.ok(
    targets.every((row) => row.ours !== null && Number.isFinite(row.ours) && row.met !== null),
    "each with its figure",
  );
});

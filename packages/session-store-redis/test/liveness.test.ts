// Failover bound with the default timings: a node's liveness key (renewed by a thread of its own) lets another node
// take a dead node's sessions over long before their leases would expire, and a busy event loop does not lose them.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import t, { type Test } from "tap";
import { DEFAULT_LEASE_TTL_MS, DEFAULT_LIVENESS_TTL_MS, nodeKey, RedisNode } from "../src/index.js";
import { startRedisServer } from "../src/testing/index.js";
import { accessAt, change, quiet } from "./helpers/session-client.js";

const OWNER_PROCESS = fileURLToPath(new URL("./helpers/owner-process.ts", import.meta.url));
/** Slack for a loaded machine on top of the liveness TTL: the claim loop, Redis and the scheduler. */
const MARGIN_MS = 2000;
const access = () => accessAt("/x", "s1");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A node in a child process owning session s1 of /x (see helpers/owner-process.ts), once it says so. */
async function startOwner(t: Test, url: string) {
  const child = spawn(process.execPath, [...process.execArgv, OWNER_PROCESS, url], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  const lines = createInterface({ input: child.stdout });
  const said = (what: string) => new Promise<void>((resolve) => lines.on("line", (line) => line === what && resolve()));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the owner process did not start")), 60_000);
  });
  await Promise.race([said("ready"), timeout]).finally(() => clearTimeout(timer));
  return { child, said, exited };
}

// One Redis, one other node and one owner process (it takes seconds to start on a loaded machine): first stalled,
// then killed.
t.test("the default timings", async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const node = await RedisNode.connect({ url: redis.url, nodeId: "other" }, quiet);
  t.teardown(() => node.close());
  const store = node.store("/x");
  const owner = await startOwner(t, redis.url);

  await t.test("a node whose event loop is busy for longer than the liveness TTL keeps its sessions", async (t) => {
    const blockMs = Math.round(DEFAULT_LIVENESS_TTL_MS * 2.5);
    t.ok(blockMs < DEFAULT_LEASE_TTL_MS * (2 / 3), "shorter than what is left of a lease renewed every third of it");
    let done = false;
    void owner.said("unblocked").then(() => {
      done = true;
    });
    owner.child.stdin.write(`block ${blockMs}\n`);
    const started = performance.now();
    const kinds = new Set<string>();
    let claims = 0;
    while (!done && performance.now() - started < blockMs + 30_000) {
      kinds.add((await store.claim(access())).kind);
      claims += 1;
      await sleep(100);
    }
    t.ok(performance.now() - started >= blockMs, `claims went on for the whole block (${claims} claims)`);
    t.same([...kinds], ["remote"], "no claim took the session from the busy node");
  });

  await t.test("SIGKILL of the owner: another node takes over within the liveness TTL, not the lease", async (t) => {
    const before = await store.claim(access());
    t.same(before.kind === "remote" && before.owner, "127.0.0.1:1111", "while the owner lives, it is relayed to");
    const killed = performance.now();
    owner.child.kill("SIGKILL");
    let placed = before;
    for (let i = 0; i < 400 && placed.kind === "remote"; i++) {
      await sleep(25);
      placed = await store.claim(access());
    }
    const elapsed = performance.now() - killed;
    t.comment(`taken over ${Math.round(elapsed)} ms after SIGKILL`);
    if (placed.kind !== "owned") throw new Error("the session was never taken over");
    t.ok(
      elapsed < DEFAULT_LIVENESS_TTL_MS + MARGIN_MS,
      `within the liveness TTL (${DEFAULT_LIVENESS_TTL_MS} ms) + margin`,
    );
    t.ok(elapsed < DEFAULT_LEASE_TTL_MS, `sooner than the session's lease (${DEFAULT_LEASE_TTL_MS} ms) could expire`);
    t.same(placed.history?.entries, [{ kind: "patch", events: [change(1)], buffers: {} }], "with the owner's log");
    t.equal(await node.redis.exists(nodeKey("fastify-bokeh", "owner")), 0, "the dead node's liveness key had expired");
    await placed.ownership.release(true);
    await owner.exited;
  });
});

import { pullDocReq } from "@fastify-bokeh/protocol";
import { ApplicationContext, OwnershipLostError, systemClock } from "@fastify-bokeh/session-store";
import { Redis } from "ioredis";
import t from "tap";
import { RedisNode, sessionKeys } from "../src/index.js";
import { startRedisServer } from "../src/testing/index.js";
import { lapseAndClaim } from "./helpers/lease-lapse.js";
import { accessAt, button, change, click, client as clientOf, quiet } from "./helpers/session-client.js";

const LEASE_MS = 600;

const access = (sessionId: string) => accessAt("/button?user=alice", sessionId);

function contextOn(node: RedisNode): ApplicationContext {
  return new ApplicationContext({
    application: { path: "/button", app: button },
    store: node.store("/button"),
    namespace: "/button",
    clock: systemClock,
    logger: quiet,
  });
}

/** A client of `context`'s session `id`. */
const client = (context: ApplicationContext, id: string) => clientOf(context, access(id));

const textOf = (context: ApplicationContext, id: string): unknown =>
  context.get(id)?.document.get_model_by_name("out")?.getv("text");
const idsOf = (context: ApplicationContext, id: string): string[] =>
  (context.get(id)?.document.roots ?? []).map((root) => root.id);

t.test("a session survives its node: the next node resumes it with its ids, values and closure state", async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const a = await RedisNode.connect({ url: redis.url, nodeId: "a", leaseTtl: LEASE_MS }, quiet);
  const b = await RedisNode.connect({ url: redis.url, nodeId: "b", leaseTtl: LEASE_MS }, quiet);
  t.teardown(() => b.close());
  await a.advertise({ address: "127.0.0.1", port: 1111 });
  const onA = contextOn(a);
  const onB = contextOn(b);

  const first = await client(onA, "s1");
  await first.send(pullDocReq());
  const buttonId = onA.get("s1")?.document.get_model_by_name("btn")?.id ?? "";
  for (let i = 0; i < 3; i++) await first.send(click(buttonId));
  t.equal(textOf(onA, "s1"), "clicks: 3");

  const placed = await onB.open(access("s1"));
  t.same(placed.kind === "remote" && placed.owner, "127.0.0.1:1111", "while A holds the lease, B relays to A");
  t.same(placed.kind === "remote" && placed.page?.roots.map((r) => r.id), idsOf(onA, "s1"), "with A's page");

  const before = idsOf(onA, "s1");
  await a.close(); // A dies: its leases are no longer renewed
  await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
  const resumed = await onB.open(access("s1"));
  t.equal(resumed.kind, "local", "after the lease expired, B takes the session over");
  t.equal(textOf(onB, "s1"), "clicks: 3", "the click count is back");
  t.same(idsOf(onB, "s1"), before, "with the same model ids");

  const second = await client(onB, "s1");
  await second.send(pullDocReq());
  await second.send(click(buttonId));
  t.equal(textOf(onB, "s1"), "clicks: 4", "the next click counts on from there");
  second.connection.onClose();
  await onB.close();
});

t.test("fencing: a node that lost its lease cannot write for the session any more", async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const a = await RedisNode.connect({ url: redis.url, nodeId: "a", leaseTtl: LEASE_MS }, quiet);
  const b = await RedisNode.connect({ url: redis.url, nodeId: "b", leaseTtl: LEASE_MS }, quiet);
  const raw = new Redis(redis.url);
  t.teardown(async () => {
    raw.disconnect();
    await a.close();
    await b.close();
  });
  const claimedByA = await a.store("/x").claim(access("s2"));
  if (claimedByA.kind !== "owned") throw new Error("A should own a new session");
  let lost = false;
  claimedByA.ownership.onLost(() => {
    lost = true;
  });
  await claimedByA.ownership.append({ kind: "patch", events: [change(1)], buffers: {} });

  // A pauses past its lease, and B claims the session.
  const keys = sessionKeys("fastify-bokeh", "/x", "s2");
  const claimedByB = await lapseAndClaim(raw, keys.lease, () => b.store("/x").claim(access("s2")));
  t.equal(claimedByB.ownership.epoch, claimedByA.ownership.epoch + 1, "the claim moved the fencing epoch on");
  t.same(claimedByB.history?.entries, [{ kind: "patch", events: [change(1)], buffers: {} }], "B has A's log");

  await t.rejects(
    claimedByA.ownership.append({ kind: "patch", events: [change(2)], buffers: {} }),
    OwnershipLostError,
    "A's write is refused",
  );
  t.ok(lost, "and A is told it lost the session");
  t.equal(await raw.xlen(keys.log), 1, "nothing of A's reached the log");
  await claimedByB.ownership.append({ kind: "patch", events: [change(3)], buffers: {} });
  t.equal(await raw.xlen(keys.log), 2, "the new owner writes");
});

t.test("Redis restarted empty: the owner writes its sessions back", async (t) => {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const a = await RedisNode.connect({ url: redis.url, nodeId: "a", leaseTtl: LEASE_MS }, quiet);
  t.teardown(() => a.close());
  const claimed = await a.store("/x").claim(access("s3"));
  if (claimed.kind !== "owned") throw new Error("A should own a new session");
  await claimed.ownership.append({ kind: "patch", events: [change(1)], buffers: {} });
  await redis.restart();
  const raw = new Redis(redis.url);
  t.teardown(() => raw.disconnect());
  const keys = sessionKeys("fastify-bokeh", "/x", "s3");
  let length = 0;
  for (let i = 0; i < 60 && length === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    length = await raw.xlen(keys.log);
  }
  t.equal(length, 1, "the log is back");
  t.equal(await raw.get(keys.epoch), String(claimed.ownership.epoch), "with the owner's epoch");
  t.equal(await raw.get(keys.lease), `a ${claimed.ownership.epoch}`, "and the owner holds the lease again");
});

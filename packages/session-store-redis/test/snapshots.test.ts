import { Button, Div, type Document, TextInput } from "@fastify-bokeh/document";
import { type Message, patchDoc, pullDocReq } from "@fastify-bokeh/protocol";
import { ApplicationContext, systemClock } from "@fastify-bokeh/session-store";
import { Redis } from "ioredis";
import t from "tap";
import { RedisNode, sessionKeys } from "../src/index.js";
import { startRedisServer } from "../src/testing/index.js";
import { lapseAndClaim } from "./helpers/lease-lapse.js";
import { accessAt, button, change, click, client as clientOf, quiet } from "./helpers/session-client.js";

const LEASE_MS = 600;
const EVERY = 5;
/** A serialized document with no roots. */
const emptyDoc = (title: string) => ({ version: "3.9.2", title, config: null, roots: [] });

/** A counter kept in `doc.state` (not in a closure), so the app allows snapshots; plus a text input. */
function counter(doc: Document): void {
  doc.state.allowSnapshots = true;
  const btn = new Button({ label: "Click", name: "btn" });
  const out = new Div({ text: "clicks: 0", name: "out" });
  const input = new TextInput({ value: "", name: "in" });
  btn.on_event("button_click", () => {
    const clicks = (doc.state.get<number>("clicks") ?? 0) + 1;
    doc.state.set("clicks", clicks);
    out.text = `clicks: ${clicks}`;
  });
  doc.add_root(btn);
  doc.add_root(out);
  doc.add_root(input);
}

const access = (sessionId: string) => accessAt("/counter", sessionId);

function contextOn(node: RedisNode, app: (doc: Document) => void): ApplicationContext {
  return new ApplicationContext({
    application: { path: "/counter", app },
    store: node.store("/counter"),
    namespace: "/counter",
    clock: systemClock,
    logger: quiet,
  });
}

const typed = (inputId: string, value: string): Message =>
  patchDoc([{ kind: "ModelChanged", model: { id: inputId }, attr: "value", new: value } as never]);

/** A client of `context`'s session `id`, with the document pulled. */
async function client(context: ApplicationContext, id: string) {
  const opened = await clientOf(context, access(id));
  await opened.send(pullDocReq());
  return opened;
}

const attrOf = (context: ApplicationContext, id: string, name: string, attr: string): unknown =>
  context.get(id)?.document.get_model_by_name(name)?.getv(attr);
const modelIds = (context: ApplicationContext, id: string): string[] =>
  [...(context.get(id)?.document.models.keys() ?? [])].sort();

async function cluster(t: { teardown(fn: () => unknown): void }) {
  const redis = await startRedisServer();
  t.teardown(() => redis.stop());
  const a = await RedisNode.connect({ url: redis.url, nodeId: "a", leaseTtl: LEASE_MS, snapshotEvery: EVERY }, quiet);
  const b = await RedisNode.connect({ url: redis.url, nodeId: "b", leaseTtl: LEASE_MS, snapshotEvery: EVERY }, quiet);
  const raw = new Redis(redis.url);
  t.teardown(async () => {
    raw.disconnect();
    await a.close().catch(() => undefined);
    await b.close();
  });
  return { a, b, raw };
}

t.test("snapshots keep the log short, and a takeover restores the snapshot then the changes since", async (t) => {
  const { a, b, raw } = await cluster(t);
  const onA = contextOn(a, counter);
  const onB = contextOn(b, counter);
  const keys = sessionKeys("fastify-bokeh", "/counter", "s1");
  const first = await client(onA, "s1");
  const doc = onA.get("s1")?.document;
  const buttonId = doc?.get_model_by_name("btn")?.id ?? "";
  const inputId = doc?.get_model_by_name("in")?.id ?? "";
  let longest = 0;
  for (let i = 0; i < 23; i++) {
    await first.send(click(buttonId));
    longest = Math.max(longest, await raw.xlen(keys.log));
  }
  await first.send(typed(inputId, "hello"));
  t.equal(attrOf(onA, "s1", "out", "text"), "clicks: 23");
  t.ok(longest <= EVERY, `the log never held more than ${EVERY} entries (at most ${longest})`);
  t.equal(await raw.xlen(keys.log), 4, "24 changes: a snapshot after the 20th, 4 logged since");
  t.ok(await raw.hexists(keys.record, "snapshot"), "the snapshot is in the record");

  const before = modelIds(onA, "s1");
  await a.close();
  await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
  const resumed = await onB.open(access("s1"));
  t.equal(resumed.kind, "local", "B takes the session over");
  t.equal(attrOf(onB, "s1", "out", "text"), "clicks: 23", "the snapshot's values and the later changes are back");
  t.equal(attrOf(onB, "s1", "in", "value"), "hello", "including a property a client set");
  t.same(modelIds(onB, "s1"), before, "with the same model ids");
  const second = await client(onB, "s1");
  await second.send(click(buttonId));
  t.equal(attrOf(onB, "s1", "out", "text"), "clicks: 24", "the count goes on from doc.state");
  second.connection.onClose();
  await onB.close();
});

t.test("an app that does not allow snapshots keeps its whole log (its closure state needs it)", async (t) => {
  const { a, raw } = await cluster(t);
  const onA = contextOn(a, button);
  const first = await client(onA, "s2");
  const buttonId = onA.get("s2")?.document.get_model_by_name("btn")?.id ?? "";
  for (let i = 0; i < 12; i++) await first.send(click(buttonId));
  const keys = sessionKeys("fastify-bokeh", "/counter", "s2");
  t.equal(await raw.xlen(keys.log), 12, "every change stays logged");
  t.notOk(await raw.hexists(keys.record, "snapshot"), "and no snapshot is written");
  first.connection.onClose();
  await onA.close();
});

t.test("fencing: a node whose epoch is stale cannot write a snapshot", async (t) => {
  const { a, b, raw } = await cluster(t);
  const byA = await a.store("/x").claim(access("s3"));
  if (byA.kind !== "owned") throw new Error("A should own a new session");
  for (let n = 0; n < EVERY; n++) await byA.ownership.append({ kind: "patch", events: [change(n)], buffers: {} });
  const keys = sessionKeys("fastify-bokeh", "/x", "s3");
  const byB = await lapseAndClaim(raw, keys.lease, () => b.store("/x").claim(access("s3")));
  let lost = false;
  byA.ownership.onLost(() => {
    lost = true;
  });
  await byA.ownership.checkpoint(() => ({ doc: emptyDoc("stale") }));
  t.ok(lost, "A learns it lost the session");
  t.notOk(await raw.hexists(keys.record, "snapshot"), "no snapshot was written");
  t.equal(await raw.xlen(keys.log), EVERY, "and the log was not trimmed");

  for (let n = 0; n < EVERY; n++) await byB.ownership.append({ kind: "patch", events: [change(n)], buffers: {} });
  await byB.ownership.checkpoint(() => ({ doc: emptyDoc("current") }));
  t.equal(await raw.xlen(keys.log), 0, "the owner's snapshot trims everything it covers");
  await byB.ownership.release(true);
});

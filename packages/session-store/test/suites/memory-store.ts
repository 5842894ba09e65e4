import t from "tap";
import {
  createSessionStore,
  isUnusedSession,
  MemorySessionStore,
  SessionExistsError,
  type SessionStore,
  type SessionStoreOptions,
} from "../../src/index.js";

t.test("create, get, list, delete", async (t) => {
  const store = new MemorySessionStore<{ owner: string }>();
  t.equal(await store.get("a"), undefined);
  const created = await store.create(
    { id: "a", token: "tok-a", tokenExpiresAt: 300_000, meta: { owner: "me" } },
    1_000,
  );
  t.same(created, {
    id: "a",
    token: "tok-a",
    tokenExpiresAt: 300_000,
    meta: { owner: "me" },
    createdAt: 1_000,
    lastAccessAt: 1_000,
    connectionCount: 0,
  });
  t.equal(await store.get("a"), created);
  t.ok(Object.isFrozen(created), "snapshots cannot be changed by callers");
  await t.rejects(store.create({ id: "a", token: "other" }, 2_000), SessionExistsError);
  await t.rejects(store.create({ id: "a", token: "other" }, 2_000), { code: "SESSION_EXISTS", sessionId: "a" });
  t.equal((await store.get("a"))?.token, "tok-a", "a failed create changes nothing");

  await store.create({ id: "b", token: "tok-b" }, 1_500);
  t.same((await store.list()).map((r) => r.id).sort(), ["a", "b"]);
  t.equal(await store.delete("a"), true);
  t.equal(await store.delete("a"), false);
  t.equal(await store.get("a"), undefined);
  t.same(
    (await store.list()).map((r) => r.id),
    ["b"],
  );
});

t.test("connections and last access", async (t) => {
  const store = new MemorySessionStore();
  const created = await store.create({ id: "s", token: "t" }, 1_000);
  const one = await store.markConnected("s");
  t.equal(one?.connectionCount, 1);
  t.equal(one?.lastAccessAt, 1_000, "connecting does not count as leaving");
  t.equal(created.connectionCount, 0, "earlier snapshots stay as they were");
  t.equal((await store.markConnected("s"))?.connectionCount, 2);
  const left = await store.markDisconnected("s", 5_000);
  t.equal(left?.connectionCount, 1);
  t.equal(left?.lastAccessAt, 5_000);
  t.equal((await store.markDisconnected("s", 6_000))?.connectionCount, 0);
  t.equal((await store.markDisconnected("s", 7_000))?.connectionCount, 0, "never below zero");
  t.equal(await store.markConnected("gone"), undefined);
  t.equal(await store.markDisconnected("gone", 1), undefined);
});

t.test("unused sessions: no connections and idle strictly longer than the lifetime", async (t) => {
  const store = new MemorySessionStore();
  await store.create({ id: "idle", token: "t" }, 0);
  await store.create({ id: "connected", token: "t" }, 0);
  await store.markConnected("connected");
  await store.create({ id: "recent", token: "t" }, 10_000);
  await store.create({ id: "left", token: "t" }, 0);
  await store.markConnected("left");
  await store.markDisconnected("left", 8_000);

  const ids = async (now: number) => (await store.findUnused(now, 15_000)).map((r) => r.id).sort();
  t.same(await ids(15_000), [], "exactly the lifetime is not enough");
  t.same(await ids(15_001), ["idle"]);
  t.same(await ids(23_001), ["idle", "left"]);
  t.same(await ids(25_001), ["idle", "left", "recent"]);
  t.same(await ids(1e9), ["idle", "left", "recent"], "connected sessions are never unused");

  t.equal(await store.deleteIfUnused("connected", 1e9, 15_000), undefined);
  t.equal(await store.deleteIfUnused("recent", 20_000, 15_000), undefined);
  t.equal(await store.deleteIfUnused("missing", 1e9, 15_000), undefined);
  t.equal((await store.deleteIfUnused("idle", 20_000, 15_000))?.id, "idle");
  t.equal(await store.get("idle"), undefined);
  t.equal(await store.deleteIfUnused("idle", 20_000, 15_000), undefined, "claimed only once");

  const record = { id: "x", token: "t", createdAt: 0, lastAccessAt: 0, connectionCount: 0 };
  t.ok(isUnusedSession(record, 101, 100));
  t.notOk(isUnusedSession(record, 100, 100));
  t.notOk(isUnusedSession({ ...record, connectionCount: 1 }, 1e9, 100));
});

t.test("createSessionStore: instance, class or default", async (t) => {
  const options: SessionStoreOptions = { namespace: "/app" };
  t.type(createSessionStore(undefined, options), MemorySessionStore);

  const instance = new MemorySessionStore();
  t.equal(createSessionStore(instance, options), instance);

  const seen: SessionStoreOptions[] = [];
  class RecordingStore extends MemorySessionStore implements SessionStore {
    constructor(storeOptions: SessionStoreOptions) {
      super();
      seen.push(storeOptions);
    }
  }
  t.type(createSessionStore(RecordingStore, options), RecordingStore);
  t.same(seen, [options]);
  t.type(
    createSessionStore(MemorySessionStore, options),
    MemorySessionStore,
    "the memory store is a valid store class",
  );
});

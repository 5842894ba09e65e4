import type { AddressInfo } from "node:net";
import type { SessionContext } from "@fastify-bokeh/document";
import { pullDocReq } from "@fastify-bokeh/protocol";
import { generateSessionId, generateToken, MemorySessionStore } from "@fastify-bokeh/session-store";
import { FakeClock } from "@fastify-bokeh/session-store/testing";
import fastify from "fastify";
import t, { type Test } from "tap";
import { type BokehCoreOptions, bokehApp, bokehCore } from "../../src/index.js";
import { counterApp } from "../helpers/test-app.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

interface Harness {
  clock: FakeClock;
  base: string;
  ws: string;
  created: string[];
  destroyed: string[];
  docDestroyed: string[];
  sessionIds(): string[];
  /** Opens the page and returns its token and session id. */
  page(query?: string): Promise<{ token: string; id: string }>;
  connect(token: string): Promise<TestClient>;
  /** Waits until the server has seen `id`'s connections drop to `count`. */
  connections(id: string, count: number): Promise<void>;
}

async function harness(t: Test, core: BokehCoreOptions = {}): Promise<Harness> {
  const clock = new FakeClock(Date.now());
  const created: string[] = [];
  const destroyed: string[] = [];
  const docDestroyed: string[] = [];
  const server = fastify();
  await server.register(bokehCore, { clock, ...core });
  await server.register(bokehApp, {
    path: "/counter",
    app: (doc) => {
      counterApp(doc);
      doc.on_session_destroyed((context) => void docDestroyed.push(context!.id));
    },
    onSessionCreated: (context: SessionContext) => void created.push(context.id),
    onSessionDestroyed: (context: SessionContext) => void destroyed.push(context.id),
  });
  await server.listen({ port: 0, host: "127.0.0.1" });
  t.teardown(() => server.close());
  const port = (server.server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const runtime = server.bokeh.apps.get("/counter")!;
  return {
    clock,
    base,
    ws: `ws://127.0.0.1:${port}/counter/ws`,
    created,
    destroyed,
    docDestroyed,
    sessionIds: () => runtime.sessionIds,
    async page(query = "") {
      const token = tokenFromPage(await (await fetch(`${base}/counter${query}`)).text());
      const id = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).session_id as string;
      return { token, id };
    },
    async connect(token) {
      const client = await TestClient.open(`ws://127.0.0.1:${port}/counter/ws`, token);
      await client.until((ms) => ms.length >= 1);
      return client;
    },
    async connections(id, count) {
      for (let i = 0; i < 200; i++) {
        if ((await runtime.store.get(id))?.connectionCount === count) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`session ${id} never had ${count} connections`);
    },
  };
}

t.test("keep-alive: every 37 s each websocket is pinged with its own counter", async (t) => {
  const h = await harness(t);
  const pings = new Map<string, string[]>();
  const watch = (name: string, client: TestClient) => {
    pings.set(name, []);
    client.socket.on("ping", (data: Buffer) => pings.get(name)!.push(data.toString()));
  };
  const until = async (name: string, n: number) => {
    for (let i = 0; i < 200 && pings.get(name)!.length < n; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
  };
  const { token } = await h.page();
  const a = await h.connect(token);
  watch("a", a);
  h.clock.advance(36_999);
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.same(pings.get("a"), [], "nothing before 37 s");
  h.clock.advance(1);
  await until("a", 1);
  const b = await h.connect(token);
  watch("b", b);
  h.clock.advance(37_000);
  await until("a", 2);
  await until("b", 1);
  t.same(pings.get("a"), ["0", "1"], "first connection: 0, then 1");
  t.same(pings.get("b"), ["0"], "a later connection starts its own count");
  a.close();
  b.close();
});

t.test("keepAlive: 0 sends no pings", async (t) => {
  const h = await harness(t, { keepAlive: 0 });
  const client = await h.connect((await h.page()).token);
  let pinged = 0;
  client.socket.on("ping", () => pinged++);
  h.clock.advance(10 * 37_000);
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.equal(pinged, 0);
  client.close();
});

t.test("unused sessions: discarded between 15 s and 15 + 17 s after last use, with onSessionDestroyed", async (t) => {
  const h = await harness(t);
  const idle = await h.page();
  t.same(h.created, [idle.id], "onSessionCreated ran for the page's session");
  await h.clock.advanceAsync(16_999);
  t.same(h.sessionIds(), [idle.id], "kept until the first check at 17 s");
  await h.clock.advanceAsync(1);
  t.same(h.sessionIds(), [], "discarded at the 17 s check (idle 17 s > 15 s)");
  t.same(h.destroyed, [idle.id], "onSessionDestroyed ran");
  t.same(h.docDestroyed, [idle.id], "the document's on_session_destroyed callbacks ran");
});

t.test(
  "unused sessions: a connected session is kept; after its last connection leaves, the lifetime counts from then",
  async (t) => {
    const h = await harness(t, { checkUnusedSessions: 1_000, unusedSessionLifetime: 5_000 });
    const { token, id } = await h.page();
    const client = await h.connect(token);
    await h.connections(id, 1);
    await h.clock.advanceAsync(60_000);
    t.same(h.sessionIds(), [id], "connected for a minute, still alive");
    client.close();
    await h.connections(id, 0);
    await h.clock.advanceAsync(5_000);
    t.same(h.sessionIds(), [id], "not yet: idle for exactly the lifetime");
    await h.clock.advanceAsync(1_000);
    t.same(h.sessionIds(), [], "discarded at the next check");
    t.same(h.destroyed, [id]);

    // A reconnect with the same token after the session was discarded gets a fresh one under the same id.
    const again = await h.connect(token);
    const reply = await again.request(pullDocReq());
    t.equal(reply.header.msgtype, "PULL-DOC-REPLY");
    t.same(h.sessionIds(), [id], "recreated from the token");
    again.close();
  },
);

t.test("token expiry: a page's token opens websockets for sessionTokenExpiration seconds", async (t) => {
  const h = await harness(t, { sessionTokenExpiration: 60 });
  const { token } = await h.page();
  h.clock.advance(59_000);
  const inTime = await h.connect(token);
  t.equal(inTime.messages[0]!.header.msgtype, "ACK", "59 s later: accepted");
  inTime.close();
  h.clock.advance(1_000);
  const late = await TestClient.open(h.ws, token);
  t.match(
    await late.waitClosed(),
    { code: 1008, reason: "invalid token: expired" },
    "60 s later: refused, with the reason",
  );
});

t.test("refusal reasons: websocket tokens", async (t) => {
  const key = "a secret key for the tests";
  const h = await harness(t, { signSessions: true, secretKey: key });
  const { token } = await h.page();
  const [payload, signature] = token.split(".");
  const expiresAt = Math.floor(h.clock.now() / 1000) + 300;
  const unsignedId = generateToken({ signed: true, secretKey: key, sessionId: "plainid", expiresAt }).token;
  const cases: Array<[string, string, string]> = [
    ["forged signature", `${payload}.${signature!.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`, "bad-signature"],
    [
      "signed with another key",
      generateToken({
        signed: true,
        secretKey: "another key",
        sessionId: generateSessionId({ signed: true, secretKey: "another key" }),
        expiresAt,
      }).token,
      "bad-signature",
    ],
    ["unsigned token", payload!, "bad-signature"],
    ["signed token around an unsigned session id", unsignedId, "bad-session-id-signature"],
    ["garbage", "not-a-token", "bad-signature"],
  ];
  for (const [what, bad, code] of cases) {
    const client = await TestClient.open(h.ws, bad);
    t.match(await client.waitClosed(), { code: 1008, reason: `invalid token: ${code}` }, what);
  }
  t.equal(h.sessionIds().length, 1, "no session was created for a refused token");

  const unsigned = await harness(t);
  const missing = await TestClient.open(unsigned.ws, Buffer.from('{"session_id": "abc"}').toString("base64url"));
  t.match(await missing.waitClosed(), { code: 1008, reason: "invalid token: missing-expiry" }, "no session_expiry");
  const malformed = await TestClient.open(unsigned.ws, "%%%");
  t.match(await malformed.waitClosed(), { code: 1008, reason: "invalid token: malformed" }, "not base64url JSON");
});

t.test("refusal reasons: page requests", async (t) => {
  const key = "another secret key";
  const h = await harness(t, { signSessions: true, secretKey: key });
  const signedId = generateSessionId({ signed: true, secretKey: key });
  const expiresAt = Math.floor(h.clock.now() / 1000) + 300;
  const get = async (query: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${h.base}/counter${query}`, { headers });
    return `${res.status} ${await res.text()}`;
  };
  t.match(await get("?bokeh-session-id=plainid"), /^403 Invalid token or session ID/, "unsigned session id");
  const forged = generateToken({ signed: true, secretKey: "not the key", sessionId: signedId, expiresAt }).token;
  t.match(
    await get(`?bokeh-token=${forged}`),
    /^403 Invalid token or session ID/,
    "token signed with another key, around a valid id",
  );
  const good = generateToken({ signed: true, secretKey: key, sessionId: signedId, expiresAt }).token;
  t.match(
    await get(`?bokeh-token=${good}&bokeh-session-id=${signedId}`),
    /^403 Both token and session ID were provided/,
  );
  t.match(
    await get(`?bokeh-session-id=${signedId}`, { "Bokeh-Session-Id": signedId }),
    /^403 session ID was provided as an argument and header/,
  );
  t.match(await get(`?bokeh-token=${good}`), /^200 /, "a validly signed token is accepted");
  t.match(
    await get(`?bokeh-session-id=${encodeURIComponent(signedId)}`),
    /^200 /,
    "a validly signed session id is accepted",
  );
  t.same(h.sessionIds(), [signedId], "and both opened the same session");

  const external = await harness(t, { signSessions: true, secretKey: key, generateSessionIds: false });
  t.match(
    await (await fetch(`${external.base}/counter`)).text(),
    /^No bokeh-session-id provided/,
    "external-signed: no id, no session",
  );
  t.equal(
    (await fetch(`${external.base}/counter?bokeh-session-id=${encodeURIComponent(signedId)}`)).status,
    200,
    "external-signed: a signed id is served",
  );
});

t.test("a store instance shared by several apps: each app discards only its own sessions", async (t) => {
  const clock = new FakeClock(Date.now());
  const destroyed: string[] = [];
  const server = fastify();
  await server.register(bokehCore, { clock, sessionStore: new MemorySessionStore() });
  for (const path of ["/a", "/b"]) {
    await server.register(bokehApp, { path, app: counterApp, onSessionDestroyed: () => void destroyed.push(path) });
  }
  await server.listen({ port: 0, host: "127.0.0.1" });
  t.teardown(() => server.close());
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  await (await fetch(`${base}/a`)).text();
  await (await fetch(`${base}/b`)).text();
  await clock.advanceAsync(17_000);
  t.same(destroyed.sort(), ["/a", "/b"], "both sessions were destroyed by their own app, hooks included");
  t.same(
    [...server.bokeh.apps.values()].flatMap((app) => app.sessionIds),
    [],
    "no live session is left behind",
  );
});

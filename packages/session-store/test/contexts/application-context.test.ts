import { Div, type Document, type SessionContext } from "@fastify-bokeh/document";
import { encode, pullDocReq } from "@fastify-bokeh/protocol";
import t from "tap";
import {
  type Application,
  ApplicationContext,
  ContextClosedError,
  generateToken,
  ServerConnection,
  type SessionAccess,
} from "../../src/index.js";
import { FakeClock, MemoryTransport } from "../../src/testing/index.js";
import { recordingLogger, tick } from "../session/helpers.js";

const NOW = 1_700_000_000_000;
const CHECK_MS = 1_000;
const LIFETIME_MS = 3_000;

function setup(application: Partial<Application> = {}) {
  const clock = new FakeClock(NOW);
  const logger = recordingLogger();
  const destroyed: string[] = [];
  const context = new ApplicationContext({
    application: {
      path: "/app",
      app: (doc) => doc.add_root(new Div({ text: "hello", name: "greeting" })),
      onSessionDestroyed: (ctx) => void destroyed.push(ctx.id),
      ...application,
    },
    namespace: "/app",
    clock,
    logger,
    checkUnusedSessions: CHECK_MS,
    unusedSessionLifetime: LIFETIME_MS,
  });
  return { clock, logger, context, destroyed };
}

function access(sessionId: string, url = "/app"): SessionAccess {
  const extraPayload = { arguments: { user: ["alice"] }, headers: { host: "example.org" } };
  return { ...generateToken({ sessionId, expiresAt: NOW / 1000 + 300, signed: false, extraPayload }), url };
}

t.test("concurrent requests for a new session create it once", async (t) => {
  let runs = 0;
  const { context } = setup({
    app: async (doc: Document) => {
      runs++;
      await tick();
      doc.add_root(new Div({ text: "built" }));
    },
  });
  const sessions = await Promise.all([1, 2, 3].map(() => context.getOrCreate(access("s1"))));
  t.equal(runs, 1, "the app ran once");
  t.equal(sessions[1], sessions[0], "every request got the same session");
  t.equal(sessions[2], sessions[0]);
  t.same(context.sessionIds, ["s1"]);
  t.equal((await context.store.list()).length, 1, "one store record");
  t.equal(await context.getOrCreate(access("s1")), sessions[0], "and later requests find it");
  t.equal(runs, 1);
});

t.test("a new session's document: the app's title default, the session context, the hooks", async (t) => {
  const seen: SessionContext[] = [];
  const { context } = setup({
    title: "Fallback title",
    onSessionCreated: (ctx) => void seen.push(ctx),
  });
  const session = await context.getOrCreate(access("s1", "/app?ignored=1"));
  t.equal(session.document.title, "Fallback title");
  t.equal(seen.length, 1, "onSessionCreated ran");
  const ctx = session.document.session_context;
  t.equal(ctx?.id, "s1");
  t.same(ctx?.request.arguments, { user: ["alice"] }, "arguments from the token, not the URL");
  t.same(ctx?.request.headers, { host: "example.org" });
  t.equal(ctx?.destroyed, false);
  await context.destroySession("s1");
  t.equal(ctx?.destroyed, true, "the context reads as destroyed afterwards");
});

t.test("a failing app still opens its session, as far as the app got", async (t) => {
  const { context, logger } = setup({
    app: (doc: Document) => {
      doc.add_root(new Div({ text: "partial" }));
      throw new Error("app bug");
    },
  });
  const session = await context.getOrCreate(access("s1"));
  t.equal(session.document.roots.length, 1);
  t.match(logger.entries, [{ level: "error", message: "application /app failed" }]);
});

t.test("an unused session is reaped; a connected one is kept until it has been unused long enough", async (t) => {
  const { clock, context, destroyed } = setup();
  context.start();
  t.teardown(() => context.close());
  await context.getOrCreate(access("idle"));
  const transport = new MemoryTransport();
  const connection = new ServerConnection(transport, { logger: recordingLogger() });
  await context.connect(connection, access("used"));

  await clock.advanceAsync(LIFETIME_MS + CHECK_MS);
  t.same(context.sessionIds, ["used"], "the idle session is gone, the connected one stays");
  t.same(destroyed, ["idle"], "onSessionDestroyed ran for it");
  t.equal(await context.store.get("idle"), undefined, "and its record left the store");

  connection.onClose();
  await clock.advanceAsync(LIFETIME_MS);
  t.same(context.sessionIds, ["used"], "not yet: unused for exactly the lifetime at most");
  await clock.advanceAsync(2 * CHECK_MS);
  t.same(context.sessionIds, [], "reaped once unused for longer than the lifetime");
  t.same(destroyed, ["idle", "used"]);
});

t.test("closing destroys every session and refuses new ones", async (t) => {
  const { context, destroyed } = setup();
  const transport = new MemoryTransport();
  const connection = new ServerConnection(transport, { logger: recordingLogger() });
  await context.connect(connection, access("s1"));
  for (const frame of encode(pullDocReq())) connection.onFrame(frame);
  await context.close();
  t.same(context.sessionIds, []);
  t.same(destroyed, ["s1"]);
  t.same(await context.store.list(), [], "the store is empty");
  t.same(transport.closed, { code: 1001, reason: "session destroyed" }, "its connection was closed");
  await t.rejects(context.getOrCreate(access("s2")), ContextClosedError);
});

t.test("what the app does while it builds the document is not sent later as a patch", async (t) => {
  const { context } = setup({
    app: async (doc: Document) => {
      const div = new Div({ text: "first" });
      doc.add_root(div);
      await tick();
      div.text = "second";
    },
  });
  const transport = new MemoryTransport();
  const connection = new ServerConnection(transport, { logger: recordingLogger() });
  await context.connect(connection, access("s1"));
  for (const frame of encode(pullDocReq())) connection.onFrame(frame);
  await tick();
  await tick();
  t.same(
    transport.take().map((m) => m.header.msgtype),
    ["ACK", "PULL-DOC-REPLY"],
    "the pull holds the built document; no PATCH-DOC follows",
  );
});

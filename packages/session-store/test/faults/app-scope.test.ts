import { Div, type Document } from "@fastify-bokeh/document";
import t from "tap";
import {
  ApplicationContext,
  type AppScope,
  currentAppScope,
  FAULTS_BEFORE_DISCARD,
  generateToken,
  INTERNAL_ERROR,
  ServerConnection,
  type SessionObserver,
} from "../../src/index.js";
import { FakeClock, MemoryTransport } from "../../src/testing/index.js";
import { recordingLogger } from "../session/helpers.js";

const NOW = 1_700_000_000_000;

/** A context whose app records the scope its code runs in, as seen now and from a timer it starts. */
function setup() {
  const clock = new FakeClock(NOW);
  const logger = recordingLogger();
  const seen: { direct?: AppScope; timer?: Promise<AppScope | undefined> } = {};
  const destroyed: string[] = [];
  const observer: SessionObserver = { sessionDestroyed: (id, reason) => void destroyed.push(`${id} ${reason}`) };
  const context = new ApplicationContext({
    application: {
      path: "/app",
      app: (doc: Document) => {
        seen.direct = currentAppScope();
        seen.timer = new Promise((resolve) => setTimeout(() => resolve(currentAppScope()), 1));
        doc.add_root(new Div({ text: "hello" }));
      },
    },
    namespace: "/app",
    clock,
    logger,
    observer,
  });
  return { context, logger, seen, destroyed };
}

const access = (sessionId: string) => ({
  ...generateToken({ sessionId, expiresAt: NOW / 1000 + 300, signed: false }),
  url: "/app",
});

t.test("app code, and what it starts, runs in its app's and session's scope", async (t) => {
  const { context, seen } = setup();
  t.equal(currentAppScope(), undefined, "outside app code there is none");
  await context.getOrCreate(access("s1"));
  t.match(seen.direct, { app: "/app", sessionId: "s1" });
  t.match(await seen.timer, { app: "/app", sessionId: "s1" }, "a timer the app started carries it");
});

t.test(`a session failing ${FAULTS_BEFORE_DISCARD} times is discarded, its clients told why`, async (t) => {
  const { context, logger, seen, destroyed } = setup();
  const transport = new MemoryTransport();
  const connection = new ServerConnection(transport, { logger: recordingLogger() });
  await context.connect(connection, access("s1"));
  const scope = seen.direct;
  if (scope === undefined) throw new Error("the app ran outside any scope");
  for (let i = 1; i < FAULTS_BEFORE_DISCARD; i++) scope.fault(new Error(`fault ${i}`), "uncaughtException");
  t.same(context.sessionIds, ["s1"], "kept while below the limit");
  scope.fault(new Error("last straw"), "unhandledRejection");
  await new Promise((resolve) => setTimeout(resolve, 10));
  t.same(context.sessionIds, [], "discarded");
  t.same(transport.closed, { code: INTERNAL_ERROR, reason: "application keeps failing" });
  t.same(destroyed, ["s1 failing"]);
  t.equal(await context.store.get("s1"), undefined, "and its record removed");
  const faults = logger.entries.filter((e) => e.details.origin !== undefined);
  t.same(
    faults.map((e) => [e.level, e.message, e.details.sessionId]),
    [
      ["error", "uncaughtException in application /app", "s1"],
      ["error", "uncaughtException in application /app", "s1"],
      ["error", "unhandledRejection in application /app", "s1"],
    ],
  );
  scope.fault(new Error("late"), "uncaughtException");
  t.same(destroyed, ["s1 failing"], "a late fault of a discarded session is only logged");
});

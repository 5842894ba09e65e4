import { Div, type Document } from "@fastify-bokeh/document";
import { encode, type Frame, type Message, patchDoc, pullDocReq, serverInfoReq } from "@fastify-bokeh/protocol";
import t from "tap";
import {
  ApplicationContext,
  ContextClosedError,
  GOING_AWAY,
  generateToken,
  INTERNAL_ERROR,
  ServerConnection,
  type SessionAccess,
} from "../../src/index.js";
import { FakeClock, MemoryTransport } from "../../src/testing/index.js";
import { at } from "../helpers/checked.js";
import { recordingLogger, tick } from "../session/helpers.js";

const NOW = 1_700_000_000_000;

function greeting(doc: Document): void {
  doc.add_root(new Div({ text: "hello", name: "greeting" }));
}

function setup(app: (doc: Document) => void | Promise<void> = greeting) {
  const clock = new FakeClock(NOW);
  const logger = recordingLogger();
  const context = new ApplicationContext({ application: { path: "/app", app }, namespace: "/app", clock, logger });
  const transport = new MemoryTransport();
  const connection = new ServerConnection(transport, { logger, maxMessageBytes: 4096 });
  const minted = generateToken({ sessionId: "session-1", expiresAt: NOW / 1000 + 300, signed: false });
  const access: SessionAccess = { ...minted, url: "/app/ws" };
  return { clock, logger, context, transport, connection, access };
}

const framesOf = (...messages: Message[]): Frame[] => messages.flatMap((message) => encode(message));
const types = (messages: readonly Message[]): string[] => messages.map((m) => m.header.msgtype);

t.test("frames that arrive before the session is ready are handled in order once it is", async (t) => {
  const { context, transport, connection, access } = setup();
  const info = serverInfoReq();
  const pull = pullDocReq();
  const frames = framesOf(info, pull);
  // The second request's last frames arrive after the session is ready: assembly continues across the switch.
  const early = frames.slice(0, 4);
  for (const frame of early) connection.onFrame(frame);
  t.same(transport.messages, [], "nothing is answered before the session is ready");

  await context.connect(connection, access);
  for (const frame of frames.slice(4)) connection.onFrame(frame);
  // Bounded: on a loaded machine the requests may take more than one turn of the event loop (2 ms slices).
  for (let i = 0; i < 100 && transport.messages.length < 3; i++) await tick();
  const received = transport.take();
  t.same(types(received), ["ACK", "SERVER-INFO-REPLY", "PULL-DOC-REPLY"], "ACK first, then the replies in order");
  t.same(
    received.slice(1).map((m) => m.header.reqid),
    [info.header.msgid, pull.header.msgid],
  );
  t.equal(context.get("session-1")?.connectionCount, 1, "the connection joined the session");
  t.equal((await context.store.get("session-1"))?.connectionCount, 1, "and the store counts it");
});

t.test("request errors are answered with ERROR and the connection keeps working", async (t) => {
  const { context, transport, connection, access } = setup();
  await context.connect(connection, access);
  transport.take();

  // Recoverable framing error: the content is not JSON, but the header says where the message ends.
  const broken = pullDocReq();
  const [header = "", metadata = ""] = encode(broken);
  for (const frame of [header, metadata, "{not json"]) connection.onFrame(frame);
  // A request the session refuses: a patch of a model the document does not have.
  const bad = patchDoc([{ kind: "ModelChanged", model: { id: "nope" }, attr: "text", new: "x" }]);
  for (const frame of encode(bad)) connection.onFrame(frame);
  const pull = pullDocReq();
  for (const frame of encode(pull)) connection.onFrame(frame);
  for (let i = 0; i < 20 && transport.messages.length < 3; i++) await tick();

  const received = transport.take();
  t.same(types(received), ["ERROR", "ERROR", "PULL-DOC-REPLY"]);
  t.same(
    received.map((m) => m.header.reqid),
    [broken.header.msgid, bad.header.msgid, pull.header.msgid],
    "each answer names its request",
  );
  t.equal(transport.closed, undefined, "the connection stays open");
});

t.test("a framing error the stream cannot recover from closes the connection with its code", async (t) => {
  const { context, transport, connection, access } = setup();
  await context.connect(connection, access);
  connection.onFrame(new Uint8Array([1, 2, 3]));
  t.equal(transport.closed?.code, 1003, "unsupported data: a binary frame where a header belongs");
  t.match(transport.closed?.reason, /./, "with a reason");
});

t.test("a connection closed while its session is created never joins it", async (t) => {
  let release = (): void => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const { context, transport, connection, access } = setup(async (doc) => {
    await gate;
    greeting(doc);
  });
  connection.onFrame(at(encode(pullDocReq()), 0));
  const connecting = context.connect(connection, access);
  connection.onClose();
  t.ok(connection.closed);
  release();
  await connecting;

  const session = context.get("session-1");
  t.ok(session !== undefined, "the session was still created");
  t.equal(session?.connectionCount, 0, "without the closed connection");
  t.same(transport.messages, [], "no ACK, and the early frame was dropped");
  t.equal((await context.store.get("session-1"))?.connectionCount, 0, "the store never counted it");
});

t.test("leaving: the session and the store forget the connection", async (t) => {
  const { clock, context, connection, access } = setup();
  await context.connect(connection, access);
  clock.advance(5_000);
  connection.onClose();
  await tick();
  t.equal(context.get("session-1")?.connectionCount, 0);
  const record = await context.store.get("session-1");
  t.equal(record?.connectionCount, 0);
  t.equal(record?.lastAccessAt, NOW + 5_000, "last used when the connection left");
});

t.test("a session that cannot be opened closes the connection", async (t) => {
  const closing = setup();
  closing.connection.onError(new ContextClosedError());
  t.same(closing.transport.closed, { code: GOING_AWAY, reason: "server shutting down" });

  const failing = setup();
  failing.connection.onError(new Error("boom"));
  t.same(failing.transport.closed, { code: INTERNAL_ERROR, reason: "session creation failed" });
  t.match(failing.logger.entries, [{ level: "error", message: "session creation failed" }]);

  const closed = setup();
  await closed.context.close();
  await closed.context.connect(closed.connection, closed.access);
  t.same(closed.transport.closed, { code: GOING_AWAY, reason: "server shutting down" }, "a closed context");
});

t.test("a session destroyed before the connection joins it closes the connection", async (t) => {
  const { context, transport, connection, access } = setup();
  const session = await context.getOrCreate(access);
  await session.destroy();
  await context.connect(connection, access);
  t.same(transport.closed, { code: GOING_AWAY, reason: "session destroyed" });
  t.equal(session.connectionCount, 0);
});

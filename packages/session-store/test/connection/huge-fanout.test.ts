// A huge patch relayed to the session's other connection: encoded in time slices, complete, in that connection's
// order of messages, while other sessions are served.
import { Div, type Document, encodeEvent, Serializer } from "@fastify-bokeh/document";
import {
  encode,
  type Frame,
  type Message,
  patchDoc,
  pullDocReq,
  serverInfoReq,
  stringifyJson,
} from "@fastify-bokeh/protocol";
import t from "tap";
import { ApplicationContext, generateToken, ServerConnection, type SessionAccess } from "../../src/index.js";
import { FakeClock, MemoryTransport } from "../../src/testing/index.js";
import { recordingLogger, tick } from "../session/helpers.js";

const NOW = 1_700_000_000_000;
/** New models in the huge patch: far above what is encoded at once. */
const MODELS = 100_000;

/** Notes, in one log shared by every transport, each message it is sent. */
class LoggedTransport extends MemoryTransport {
  constructor(
    private readonly name: string,
    private readonly log: string[],
  ) {
    super();
  }

  override send(frames: readonly Frame[]): void {
    const before = this.messages.length;
    super.send(frames);
    for (const message of this.messages.slice(before)) this.log.push(`${this.name} ${message.header.msgtype}`);
  }
}

async function setup() {
  const clock = new FakeClock(NOW);
  const logger = recordingLogger();
  const app = (doc: Document): void => doc.add_root(new Div({ text: "hello", name: "greeting" }));
  const context = new ApplicationContext({ application: { path: "/app", app }, namespace: "/app", clock, logger });
  const log: string[] = [];
  const open = async (name: string, sessionId: string) => {
    const transport = new LoggedTransport(name, log);
    const connection = new ServerConnection(transport, { logger });
    const minted = generateToken({ sessionId, expiresAt: NOW / 1000 + 300, signed: false });
    const access: SessionAccess = { ...minted, url: "/app/ws" };
    await context.connect(connection, access);
    send(connection, pullDocReq());
    await received(transport, 2);
    return { transport, connection };
  };
  const sender = await open("sender", "session-1");
  const sibling = await open("sibling", "session-1");
  const other = await open("other", "session-2");
  const session = context.get("session-1");
  const div = session?.document.roots[0];
  if (!(div instanceof Div)) throw new Error("the app's Div is missing");
  log.length = 0;
  return { log, sender, sibling, other, div };
}

const send = (connection: ServerConnection, message: Message): void => {
  for (const frame of encode(message)) connection.onFrame(frame);
};

/** Waits (bounded) until `transport` has received `count` messages. */
async function received(transport: MemoryTransport, count: number): Promise<Message[]> {
  const deadline = Date.now() + 120_000;
  while (transport.messages.length < count && Date.now() < deadline) await tick();
  return transport.messages.slice(0, count);
}

/** Waits (bounded) until `done()`; false when it never was. */
async function until(done: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (!done() && Date.now() < deadline) await tick();
  return done();
}

function hugePatch(divId: string): Message {
  const models = Array.from({ length: MODELS }, (_, i) => ({
    type: "object",
    name: "Range1d",
    id: `huge${i}`,
    attributes: { start: i, end: i + 1 },
  }));
  return patchDoc([{ kind: "ModelChanged", model: { id: divId }, attr: "tags", new: models }]);
}

const smallPatch = (divId: string): Message =>
  patchDoc([{ kind: "ModelChanged", model: { id: divId }, attr: "text", new: "after" }]);

t.test("the other connection gets the huge patch whole, in order, while other sessions are served", async (t) => {
  const { log, sender, sibling, other, div } = await setup();
  const knownBefore = new Set(sibling.connection.known);
  send(sender.connection, hugePatch(div.id));
  send(sender.connection, smallPatch(div.id));

  // While the sibling's PATCH-DOC is being encoded (its models become known to it one by one, nothing sent yet):
  // a round trip of another session, and a request of the sibling itself that needs no lock.
  const encoding = await until(() => sibling.connection.known.size > knownBefore.size);
  t.ok(encoding, "the sibling's PATCH-DOC is being encoded");
  t.equal(sibling.transport.messages.length, 2, "and not sent yet");
  t.ok(sibling.connection.known.size < knownBefore.size + MODELS, "nor encoded to its end");
  send(other.connection, pullDocReq());
  send(sibling.connection, serverInfoReq());

  const [, , huge, reply, small] = await received(sibling.transport, 5);
  await received(sender.transport, 4);
  await received(other.transport, 3);
  t.ok(
    log.indexOf("other PULL-DOC-REPLY") < log.indexOf("sibling PATCH-DOC"),
    "another session's round trip completed before the huge PATCH-DOC was sent",
  );
  t.same(
    log.filter((entry) => entry.startsWith("sibling")),
    ["sibling PATCH-DOC", "sibling SERVER-INFO-REPLY", "sibling PATCH-DOC"],
    "the sibling got the huge patch, then its reply (asked for meanwhile), then the small patch sent after it",
  );
  t.equal(reply?.header.msgtype, "SERVER-INFO-REPLY");
  t.equal(sibling.connection.known.size, knownBefore.size + MODELS, "the sibling knows every new model");
  const oneShot = new Serializer({ known: new Set(knownBefore), bufferPrefix: "c" });
  const event = { kind: "ModelChanged", model: div, attr: "tags", value: div.tags, setter: null } as const;
  const expected = patchDoc([encodeEvent(event, oneShot)]).content;
  t.equal(div.tags.length, MODELS, "the document holds the new models");
  t.ok(stringifyJson(huge?.content) === stringifyJson(expected), "the huge PATCH-DOC is the one-shot encoding");
  t.same(small?.content, smallPatch(div.id).content, "the small PATCH-DOC came after it");
});

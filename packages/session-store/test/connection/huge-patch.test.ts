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
/** New models in the big patch: ~4 MiB of JSON, read and applied in many slices. */
const MODELS = 50_000;

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

function setup() {
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
    return { transport, connection };
  };
  return { context, log, open };
}

const send = (connection: ServerConnection, message: Message): void => {
  for (const frame of encode(message)) connection.onFrame(frame);
};

/** Waits (bounded) until `done()`; false when it never was. */
async function until(done: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (!done() && Date.now() < deadline) await tick();
  return done();
}

/** Waits (bounded) until `transport` has received `count` messages. */
async function received(transport: MemoryTransport, count: number): Promise<Message[]> {
  const deadline = Date.now() + 60_000;
  while (transport.messages.length < count && Date.now() < deadline) await tick();
  return transport.messages.slice(0, count);
}

function bigPatch(divId: string): Message {
  const models = Array.from({ length: MODELS }, (_, i) => ({
    type: "object",
    name: "Range1d",
    id: `huge${i}`,
    attributes: { start: i, end: i + 1 },
  }));
  return patchDoc([{ kind: "ModelChanged", model: { id: divId }, attr: "tags", new: models }]);
}

const tagsIn = (reply: Message | undefined): number => {
  const content = (reply?.content ?? {}) as { doc?: { roots?: { attributes?: { tags?: unknown[] } }[] } };
  return content.doc?.roots?.[0]?.attributes?.tags?.length ?? -1;
};

t.test("other sessions are answered while a huge patch is applied; its own session waits for it", async (t) => {
  const { context, log, open } = setup();
  const sender = await open("sender", "session-1");
  const sibling = await open("sibling", "session-1");
  const other = await open("other", "session-2");
  for (const peer of [sender, sibling, other]) send(peer.connection, pullDocReq());
  const [, pulled] = await received(sender.transport, 2);
  await received(sibling.transport, 2);
  await received(other.transport, 2);
  const divId = ((pulled?.content ?? {}) as { doc?: { roots: { id: string }[] } }).doc?.roots[0]?.id ?? "";
  log.length = 0;

  const patch = bigPatch(divId);
  send(sender.connection, patch);
  // Once the patch is being applied (its session is locked, after its JSON was read in slices), a request of
  // another session and one of the patched session's other connection.
  const session = context.get("session-1");
  for (let i = 0; i < 100_000 && session?.busy !== true; i++) await tick();
  t.ok(session?.busy, "the patch is being applied");
  send(other.connection, pullDocReq());
  send(sibling.connection, pullDocReq());
  const [, , ok] = await received(sender.transport, 3);
  const siblingMessages = await received(sibling.transport, 4);
  await received(other.transport, 3);

  t.equal(ok?.header.msgtype, "OK", "the huge patch was applied");
  t.equal(ok?.header.reqid, patch.header.msgid);
  t.ok(
    log.indexOf("other PULL-DOC-REPLY") < log.indexOf("sender OK"),
    `another session's reply came before the huge patch's OK (${log.join(", ")})`,
  );
  t.same(
    log.filter((entry) => entry.startsWith("sibling")),
    ["sibling PATCH-DOC", "sibling PULL-DOC-REPLY"],
    "the patched session's other connection got the patch, then its reply",
  );
  t.ok(log.indexOf("sibling PULL-DOC-REPLY") > log.indexOf("sender OK"), "after the huge patch was applied");
  t.equal(tagsIn(siblingMessages[3]), MODELS, "and saw every new model, not part of them");
  const untouched = context.get("session-2")?.document.models.size ?? 0;
  t.equal(context.get("session-1")?.document.models.size, untouched + MODELS, "the models are in the document");
});

const smallPatch = (divId: string): Message =>
  patchDoc([{ kind: "ModelChanged", model: { id: divId }, attr: "text", new: "after" }]);

t.test("the other connection gets the huge patch whole, in order, while other sessions are served", async (t) => {
  const { context, log, open } = setup();
  const sender = await open("sender", "session-1");
  const sibling = await open("sibling", "session-1");
  const other = await open("other", "session-2");
  for (const peer of [sender, sibling, other]) send(peer.connection, pullDocReq());
  for (const peer of [sender, sibling, other]) await received(peer.transport, 2);
  const div = context.get("session-1")?.document.roots[0];
  if (!(div instanceof Div)) throw new Error("the app's Div is missing");
  log.length = 0;
  const knownBefore = new Set(sibling.connection.known);
  send(sender.connection, bigPatch(div.id));
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

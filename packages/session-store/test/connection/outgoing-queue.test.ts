import { ok } from "@fastify-bokeh/protocol";
import t from "tap";
import { ServerConnection, TRY_AGAIN_LATER } from "../../src/index.js";
import { FakeClock, MemoryTransport } from "../../src/testing/index.js";
import { recordingLogger } from "../session/helpers.js";

const LIMITS = { highWaterMark: 1000, maxBacklogBytes: 5000, slowClientTimeout: 3000 };

function setup() {
  const clock = new FakeClock(0);
  const transport = new MemoryTransport();
  const connection = new ServerConnection(transport, { logger: recordingLogger(), flow: LIMITS, clock });
  return { clock, transport, connection };
}

const ids = (transport: MemoryTransport): string[] => transport.take().map((m) => m.header.msgid);

t.test("above the high-water mark messages are held, then sent in order once the client has read", async (t) => {
  const { clock, transport, connection } = setup();
  const first = ok("r");
  connection.send(first);
  transport.buffered = 1000;
  const held = [ok("r"), ok("r"), ok("r")];
  for (const message of held) connection.send(message);
  t.same(ids(transport), [first.header.msgid], "only what went before the mark was sent");
  t.ok(connection.behind);
  clock.advance(50);
  t.same(ids(transport), [], "still held while the client does not read");
  transport.buffered = 0;
  clock.advance(10);
  t.same(
    ids(transport),
    held.map((m) => m.header.msgid),
    "all held messages, in order",
  );
  t.notOk(connection.behind, "caught up");
  t.equal(clock.pendingTimers, 0, "no more watching");
});

t.test("a client behind for longer than the timeout is closed with 1013 and its backlog dropped", async (t) => {
  const { clock, transport, connection } = setup();
  transport.buffered = 1000;
  connection.send(ok("r"));
  clock.advance(2990);
  t.equal(transport.closed, undefined, "within the timeout");
  clock.advance(20);
  t.equal(transport.closed?.code, TRY_AGAIN_LATER);
  t.match(transport.closed?.reason, /^client too slow: behind for \d+ ms$/);
  transport.buffered = 0;
  clock.advance(100);
  t.same(transport.take(), [], "nothing held is sent after giving up");
  t.equal(clock.pendingTimers, 0);
});

t.test("a backlog above its limit closes the client at once; one big message alone does not", async (t) => {
  const { clock, transport, connection } = setup();
  connection.send(ok("r"));
  transport.buffered = 100_000; // as if that message were far larger than the backlog limit, still being written
  clock.advance(100);
  t.equal(transport.closed, undefined, "a big message being written is no backlog");
  connection.send(ok("r"));
  t.equal(transport.closed, undefined, "within the backlog");
  for (let i = 0; i < 1000 && transport.closed === undefined; i++) connection.send(ok("r"));
  t.equal(transport.closed?.code, TRY_AGAIN_LATER);
  t.match(transport.closed?.reason, /^client too slow: \d+ bytes held back$/);
});

t.test("closing the connection stops the watching", async (t) => {
  const { clock, transport, connection } = setup();
  transport.buffered = 2000;
  connection.send(ok("r"));
  connection.close(1000, "bye");
  t.equal(clock.pendingTimers, 0);
  t.same(transport.closed, { code: 1000, reason: "bye" });
});

import { FakeClock } from "@fastify-bokeh/session-store/testing";
import pino from "pino";
import t from "tap";
import { KeepAlive } from "../../src/core/keep-alive.js";

class FakeSocket {
  readonly pings: string[] = [];
  ping(payload: string): void {
    this.pings.push(payload);
  }
}

const PERIOD = 37_000;
const logger = pino({ enabled: false });

function setup(count: number) {
  const clock = new FakeClock(0);
  const sockets = new Map<FakeSocket, null>();
  for (let i = 0; i < count; i++) sockets.set(new FakeSocket(), null);
  const keepAlive = new KeepAlive(clock, PERIOD, sockets, logger);
  const pinged = () => [...sockets.keys()].filter((socket) => socket.pings.length > 0).length;
  const all = () => [...sockets.keys()];
  return { clock, sockets, keepAlive, pinged, all };
}

t.test("one socket is pinged at the period, with its own counter", async (t) => {
  const { clock, keepAlive, all } = setup(1);
  keepAlive.start();
  t.teardown(() => keepAlive.stop());
  clock.advance(PERIOD - 1);
  t.same(all()[0]?.pings, [], "nothing before the period");
  clock.advance(1);
  t.same(all()[0]?.pings, ["0"]);
  clock.advance(PERIOD);
  t.same(all()[0]?.pings, ["0", "1"]);
});

t.test("many sockets: a round is spread over the first half of the period, each pinged once", async (t) => {
  const { clock, keepAlive, pinged, all } = setup(1000);
  keepAlive.start();
  t.teardown(() => keepAlive.stop());
  clock.advance(PERIOD);
  const atOnce = pinged();
  t.ok(atOnce > 0 && atOnce <= 128, `the period starts with one slice (${atOnce} of 1000)`);
  clock.advance(PERIOD / 4);
  t.ok(pinged() > atOnce && pinged() < 1000, `a quarter of the period later, part way (${pinged()})`);
  clock.advance(PERIOD / 4);
  t.equal(pinged(), 1000, "all pinged by half the period");
  t.ok(
    all().every((socket) => socket.pings.join() === "0"),
    "each once, with 0",
  );
  clock.advance(PERIOD);
  t.ok(
    all().every((socket) => socket.pings.join() === "0,1"),
    "the next round pings each again with its next counter",
  );
});

t.test("a socket that closes mid-round is skipped; stop() ends a round", async (t) => {
  const { clock, sockets, keepAlive, all } = setup(1000);
  keepAlive.start();
  clock.advance(PERIOD);
  const last = all().at(-1);
  if (last === undefined) throw new Error("no sockets");
  sockets.delete(last);
  clock.advance(PERIOD / 2);
  t.same(last.pings, [], "the closed socket was not pinged");
  clock.advance(PERIOD / 2 + PERIOD / 4);
  keepAlive.stop();
  const counts = all().map((socket) => socket.pings.length);
  t.ok(counts.includes(1) && counts.includes(2), "the round stopped part way");
  clock.advance(2 * PERIOD);
  t.same(
    all().map((socket) => socket.pings.length),
    counts,
    "no pings after stop()",
  );
  t.equal(clock.pendingTimers, 0, "no timers left");
});

t.test("a period of 0 sends no pings", async (t) => {
  const clock = new FakeClock(0);
  const socket = new FakeSocket();
  const keepAlive = new KeepAlive(clock, 0, new Map([[socket, null]]), logger);
  keepAlive.start();
  clock.advance(PERIOD);
  t.same(socket.pings, []);
  t.equal(clock.pendingTimers, 0);
});

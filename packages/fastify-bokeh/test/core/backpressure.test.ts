import type { AddressInfo } from "node:net";
import { ColumnDataSource, type Document } from "@fastify-bokeh/document";
import { type Message, pullDocReq } from "@fastify-bokeh/protocol";
import fastify, { type FastifyInstance } from "fastify";
import t from "tap";
import type { WebSocket } from "ws";
import { type BokehCoreOptions, bokehApp, bokehCore } from "../../src/index.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

const ROLLOVER = 20_000;

/** A fast, heavy stream: 5000 consecutive integers into `x` every 10 ms. */
function streamApp(doc: Document): void {
  const source = new ColumnDataSource({ data: { x: [] }, name: "source" });
  let k = 0;
  doc.add_periodic_callback(() => {
    source.stream({ x: Array.from({ length: 5000 }, (_, i) => k + i) }, ROLLOVER);
    k += 5000;
  }, 10);
  doc.add_root(source);
}

async function startStreaming(core: BokehCoreOptions): Promise<{ server: FastifyInstance; base: string }> {
  const server = fastify();
  await server.register(bokehCore, { keepAlive: 0, ...core });
  await server.register(bokehApp, { path: "/stream", app: streamApp });
  await server.listen({ port: 0, host: "127.0.0.1" });
  return { server, base: `127.0.0.1:${(server.server.address() as AddressInfo).port}` };
}

/** A client with its own session, that has pulled the document (so it is sent the stream). */
async function openClient(base: string): Promise<TestClient> {
  const token = tokenFromPage(await (await fetch(`http://${base}/stream`)).text());
  const client = await TestClient.open(`ws://${base}/stream/ws`, token);
  await client.request(pullDocReq());
  return client;
}

/** The server side of the open websockets. */
const serverSockets = (server: FastifyInstance): WebSocket[] => [...server.websocketServer.clients];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A column of a serialized ColumnDataSource `data` (a Bokeh map, or a plain object). */
function column(data: unknown, name: string): number[] {
  const entries = (data as { type?: string; entries?: [string, unknown][] }).entries;
  const value =
    entries !== undefined ? entries.find(([key]) => key === name)?.[1] : (data as Record<string, unknown>)[name];
  if (!Array.isArray(value)) throw new Error(`column ${name} is not a list`);
  return value as number[];
}

/** The `x` column a client holds after the pull reply `pulled` and the PATCH-DOCs that came after it. */
function replay(messages: readonly Message[], pulled: Message): number[] {
  const doc = (pulled.content as { doc: { roots: { attributes: { data: unknown } }[] } }).doc;
  let xs = column(doc.roots[0]?.attributes.data, "x");
  for (const message of messages.slice(messages.indexOf(pulled) + 1)) {
    if (message.header.msgtype !== "PATCH-DOC") continue;
    for (const event of (message.content as { events: { kind: string; data: unknown }[] }).events) {
      if (event.kind !== "ColumnsStreamed") continue;
      xs = [...xs, ...column(event.data, "x")].slice(-ROLLOVER);
    }
  }
  return xs;
}

t.test(
  "a client that stops reading is closed with 1013 past the limit; the server's buffer stays bounded",
  async (t) => {
    const highWaterMark = 64 * 1024;
    const { server, base } = await startStreaming({
      websocketHighWaterMark: highWaterMark,
      websocketMaxBacklog: 8 * 1024 * 1024,
      websocketSlowClientTimeout: 1000,
    });
    t.teardown(() => server.close());
    const slow = await openClient(base);
    const normal = await openClient(base);
    const arrivals: number[] = [];
    normal.socket.on("message", () => arrivals.push(Date.now()));
    slow.socket.pause();

    let maxBuffered = 0;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && serverSockets(server).every((s) => s.readyState === s.OPEN)) {
      for (const socket of serverSockets(server)) maxBuffered = Math.max(maxBuffered, socket.bufferedAmount);
      await sleep(20);
    }
    const given = serverSockets(server).filter((s) => s.readyState !== s.OPEN);
    t.equal(given.length, 1, "the server gave up on one client");
    t.ok(maxBuffered >= highWaterMark, `the slow client's buffer reached the mark (${maxBuffered} bytes)`);
    // At most one message (5000 numbers, ~40 KB of JSON) beyond the mark is ever buffered.
    t.ok(maxBuffered < highWaterMark + 256 * 1024, `the buffer stayed bounded (${maxBuffered} bytes)`);

    const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] ?? at));
    t.ok(arrivals.length > 20, `the normal client kept receiving (${arrivals.length} messages)`);
    t.ok(Math.max(...gaps) < 500, `with no long gap (longest ${Math.max(...gaps)} ms)`);
    t.equal(normal.closed, undefined, "the normal client stays connected");

    slow.socket.resume();
    const closed = await slow.waitClosed(10_000);
    t.equal(closed.code, 1013, "try again later");
    t.match(closed.reason, /^client too slow: /);
    normal.close();
  },
);

t.test("a client that pauses, then reads again, ends with the server's document", async (t) => {
  const highWaterMark = 16 * 1024;
  const { server, base } = await startStreaming({
    websocketHighWaterMark: highWaterMark,
    websocketMaxBacklog: 256 * 1024 * 1024,
    websocketSlowClientTimeout: 60_000,
  });
  t.teardown(() => server.close());
  const client = await openClient(base);
  client.socket.pause();
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && serverSockets(server).every((s) => s.bufferedAmount < highWaterMark)) await sleep(20);
  t.ok(
    serverSockets(server).some((s) => s.bufferedAmount >= highWaterMark),
    "the server fell behind (messages are being held back)",
  );
  await sleep(500);
  client.socket.resume();

  const reply = await client.request(pullDocReq());
  t.equal(client.closed, undefined, "still connected");
  const first = client.messages.find((m) => m.header.msgtype === "PULL-DOC-REPLY");
  if (first === undefined) throw new Error("no first pull reply");
  const before = client.messages.slice(0, client.messages.indexOf(reply));
  const replayed = replay(before, first);
  const expected = column(
    (reply.content as { doc: { roots: { attributes: { data: unknown } }[] } }).doc.roots[0]?.attributes.data,
    "x",
  );
  t.ok(expected.length > 0, "the stream ran");
  t.same(replayed, expected, "the streamed points, replayed, give the server's column");
  t.ok(
    replayed.every((x, i) => i === 0 || x === (replayed[i - 1] ?? 0) + 1),
    "consecutive: nothing lost or reordered",
  );
  client.close();
});

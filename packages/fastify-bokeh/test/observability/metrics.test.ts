import type { AddressInfo } from "node:net";
import type { Document } from "@fastify-bokeh/document";
import { encode, type Message, patchDoc, pullDocReq } from "@fastify-bokeh/protocol";
import fastify, { type FastifyInstance } from "fastify";
import t from "tap";
import { type BokehCoreOptions, bokehApp, bokehCore } from "../../src/index.js";
import { parsePrometheusText } from "../helpers/prometheus-text.js";
import { counterApp } from "../helpers/test-app.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

/** The counter app plus one timeout callback per session, so the callback histogram has something to count. */
function timedApp(doc: Document): void {
  counterApp(doc);
  doc.add_timeout_callback(() => undefined, 0);
}

interface Server {
  app: FastifyInstance;
  base: string;
}

async function serve(core: BokehCoreOptions): Promise<Server> {
  const app = fastify();
  await app.register(bokehCore, core);
  await app.register(bokehApp, { path: "/timed", app: timedApp });
  await app.listen({ port: 0, host: "127.0.0.1" });
  return { app, base: `127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

async function scrape(server: Server, path = "/metrics"): Promise<Map<string, number>> {
  const response = await fetch(`http://${server.base}${path}`);
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  return parsePrometheusText(await response.text());
}

const wireBytes = (message: Message): number =>
  encode(message).reduce((sum, f) => sum + (typeof f === "string" ? Buffer.byteLength(f) : f.byteLength), 0);

/** Opens a session, pulls the document and sets the counter's value once; returns the client and the bytes sent. */
async function oneSession(server: Server): Promise<{ client: TestClient; patchBytes: number; pullBytes: number }> {
  const token = tokenFromPage(await (await fetch(`http://${server.base}/timed`)).text());
  const client = await TestClient.open(`ws://${server.base}/timed/ws`, token);
  const pull = pullDocReq();
  const reply = await client.request(pull);
  const root = (reply.content as { doc: { roots: Array<{ id: string }> } }).doc.roots[0]!;
  const patch = patchDoc([{ kind: "ModelChanged", model: { id: root.id }, attr: "value", new: 5 }]);
  await client.request(patch);
  // The app's reply to the change: the server's PATCH-DOC setting the counter's text.
  await client.until((ms) => ms.some((m) => m.header.msgtype === "PATCH-DOC"));
  return { client, patchBytes: wireBytes(patch), pullBytes: wireBytes(pull) };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

t.test("metrics are off by default", async (t) => {
  const server = await serve({});
  t.teardown(() => server.app.close());
  t.equal((await fetch(`http://${server.base}/metrics`)).status, 404);
});

t.test("the metrics option is validated", async (t) => {
  for (const metrics of ["yes", { path: "metrics" }, { route: "/m" }]) {
    const app = fastify();
    await t.rejects(
      async () => {
        await app.register(bokehCore, { metrics } as unknown as BokehCoreOptions);
        await app.ready();
      },
      { code: "FST_BOKEH_INVALID_OPTION" },
      JSON.stringify(metrics),
    );
    await app.close();
  }
});

t.test("after two sessions and their messages, /metrics counts them exactly", async (t) => {
  const server = await serve({ metrics: true });
  const other = await serve({ metrics: { path: "/internal/metrics" } });
  t.teardown(async () => {
    await server.app.close();
    await other.app.close();
  });
  const a = await oneSession(server);
  const b = await oneSession(server);
  b.client.close();
  await until(
    async () => (await scrape(server)).get('bokeh_websocket_connections{app="/timed"}') === 1,
    "the closed websocket to be counted",
  );
  const m = await scrape(server);
  const app = 'app="/timed"';
  t.equal(m.get(`bokeh_sessions_created_total{${app}}`), 2);
  t.equal(m.get(`bokeh_sessions{${app}}`), 2, "both sessions live until they are reaped");
  t.equal(m.get(`bokeh_websocket_connections_total{${app}}`), 2);
  t.equal(m.get(`bokeh_messages_received_total{${app},msgtype="PULL-DOC-REQ"}`), 2);
  t.equal(m.get(`bokeh_messages_received_total{${app},msgtype="PATCH-DOC"}`), 2);
  t.equal(m.get(`bokeh_message_bytes_received_total{${app},msgtype="PATCH-DOC"}`), a.patchBytes + b.patchBytes);
  t.equal(m.get(`bokeh_message_bytes_received_total{${app},msgtype="PULL-DOC-REQ"}`), a.pullBytes + b.pullBytes);
  for (const sent of ["ACK", "PULL-DOC-REPLY", "OK", "PATCH-DOC"]) {
    t.equal(m.get(`bokeh_messages_sent_total{${app},msgtype="${sent}"}`), 2, `${sent} sent once per session`);
    const received = (a.client.bytesReceived.get(sent) ?? 0) + (b.client.bytesReceived.get(sent) ?? 0);
    t.ok(received > 0);
    t.equal(m.get(`bokeh_message_bytes_sent_total{${app},msgtype="${sent}"}`), received, `${sent}: the bytes sent`);
  }
  t.same(
    [...new Set([...a.client.bytesReceived.keys(), ...b.client.bytesReceived.keys()])].sort(),
    ["ACK", "OK", "PATCH-DOC", "PULL-DOC-REPLY"],
    "nothing else was sent",
  );
  t.equal(m.get(`bokeh_callback_duration_seconds_count{${app},kind="timeout",outcome="ok"}`), 2);
  t.ok(m.has("process_resident_memory_bytes"), "memory, from prom-client's default metrics");
  t.ok(m.has("nodejs_eventloop_lag_seconds"), "event-loop lag");
  a.client.close();

  const others = await scrape(other, "/internal/metrics");
  t.equal(others.get(`bokeh_sessions_created_total{${app}}`), undefined, "the other server has its own registry");
  t.equal((await fetch(`http://${other.base}/metrics`)).status, 404, "served at the configured path only");
});

t.test("sessions destroyed at shutdown are counted with their reason", async (t) => {
  const server = await serve({ metrics: true });
  const { client } = await oneSession(server);
  const metrics = server.app.bokeh.metrics;
  if (metrics === undefined) throw new Error("metrics are on");
  await server.app.close();
  await client.waitClosed();
  const m = parsePrometheusText(await metrics.registry.metrics());
  t.equal(m.get('bokeh_sessions_destroyed_total{app="/timed",reason="shutdown"}'), 1);
  t.equal(m.get('bokeh_sessions{app="/timed"}'), 0);
  t.equal(m.get('bokeh_websocket_connections{app="/timed"}'), 0);
});

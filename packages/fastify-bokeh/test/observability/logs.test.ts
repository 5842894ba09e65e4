import type { AddressInfo } from "node:net";
import type { Document } from "@fastify-bokeh/document";
import { pullDocReq } from "@fastify-bokeh/protocol";
import fastify from "fastify";
import t from "tap";
import { bokehApp, bokehCore } from "../../src/index.js";
import { counterApp } from "../helpers/test-app.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

interface LogLine {
  level: number;
  msg: string;
  app?: string;
  sessionId?: string;
  code?: number;
  reason?: string;
  count?: number;
  err?: { message: string };
}

const DEBUG = 20;
const INFO = 30;
const ERROR = 50;

/** An app whose first callback fails: the error is logged with the app and session. */
function failingCallbackApp(doc: Document): void {
  counterApp(doc);
  doc.add_next_tick_callback(() => {
    throw new Error("callback broke");
  });
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

t.test("bokeh's events are logged through Fastify's logger, with the app and session", async (t) => {
  const lines: LogLine[] = [];
  const stream = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
  const app = fastify({ logger: { level: "debug", stream } });
  await app.register(bokehCore, { checkUnusedSessions: 100, unusedSessionLifetime: 1000 });
  await app.register(bokehApp, { path: "/failing", app: failingCallbackApp });
  await app.listen({ port: 0, host: "127.0.0.1" });
  t.teardown(() => app.close());
  const base = `127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const token = tokenFromPage(await (await fetch(`http://${base}/failing`)).text());
  const client = await TestClient.open(`ws://${base}/failing/ws`, token);
  await client.request(pullDocReq());
  client.close();
  await until(() => lines.some((l) => l.msg === "WebSocket connection closed"), "the close to be logged");
  await until(() => lines.some((l) => l.msg === "session destroyed"), "the session to be reaped");

  const find = (msg: string) => lines.filter((l) => l.msg === msg);
  const [opened] = find("WebSocket connection opened");
  t.match(opened, { level: INFO, app: "/failing" });
  const [closed] = find("WebSocket connection closed");
  t.match(closed, { level: INFO, app: "/failing", code: 1000, reason: "" }, "closing logs the code and reason");
  const [created] = find("session created");
  t.match(created, { level: DEBUG, app: "/failing" });
  const sessionId = created?.sessionId;
  t.type(sessionId, "string");
  t.match(find("next_tick callback failed"), [
    { level: ERROR, app: "/failing", sessionId, err: { message: "callback broke" } },
  ]);
  t.match(find("Scheduling unused sessions to discard"), [{ level: DEBUG, app: "/failing", count: 1 }]);
  t.match(find("Discarding unused session"), [{ level: DEBUG, app: "/failing", sessionId }]);
  t.match(find("Discarded unused sessions"), [{ level: DEBUG, app: "/failing", count: 1 }]);
  t.match(find("session destroyed"), [{ level: DEBUG, app: "/failing", sessionId, reason: "unused" }]);
  // The page creates the session; the websocket then connects to it.
  const order = ["session created", "WebSocket connection opened", "WebSocket connection closed", "session destroyed"];
  t.same(
    lines.map((l) => l.msg).filter((m) => order.includes(m)),
    order,
    "in the order they happened",
  );
});

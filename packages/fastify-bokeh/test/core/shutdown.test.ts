import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { SessionContext } from "@fastify-bokeh/document";
import { pullDocReq } from "@fastify-bokeh/protocol";
import fastify from "fastify";
import t from "tap";
import { bokehApp, bokehCore } from "../../src/index.js";
import { counterApp } from "../helpers/test-app.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

t.test(
  "fastify.close() destroys every session with its hooks and closes websockets with 1001 (going away)",
  async (t) => {
    const events: string[] = [];
    const server = fastify();
    await server.register(bokehCore, { onServerUnloaded: () => void events.push("server unloaded") });
    await server.register(bokehApp, {
      path: "/counter",
      app: (doc) => {
        counterApp(doc);
        doc.on_session_destroyed((context) => void events.push(`doc callback ${context!.id}`));
      },
      onSessionDestroyed: (context: SessionContext) => void events.push(`hook ${context.id}`),
    });
    await server.listen({ port: 0, host: "127.0.0.1" });
    const host = `127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const token = tokenFromPage(await (await fetch(`http://${host}/counter`)).text());
    await (await fetch(`http://${host}/counter`)).text();
    const clients = [
      await TestClient.open(`ws://${host}/counter/ws`, token),
      await TestClient.open(`ws://${host}/counter/ws`, token),
    ];
    for (const client of clients) await client.request(pullDocReq());
    const ids = server.bokeh.apps.get("/counter")!.sessionIds;
    t.equal(ids.length, 2, "a connected session and a page-only one");

    await server.close();
    for (const client of clients)
      t.same(await client.waitClosed(), { code: 1001, reason: "server shutting down" }, "going away");
    for (const id of ids) {
      t.ok(events.includes(`doc callback ${id}`), "the document's on_session_destroyed ran");
      t.ok(events.includes(`hook ${id}`), "onSessionDestroyed ran");
    }
    t.equal(events.at(-1), "server unloaded", "onServerUnloaded runs last");
    t.same(server.bokeh.apps.get("/counter")!.sessionIds, []);
    t.same(await server.bokeh.apps.get("/counter")!.store.list(), [], "the store is empty");
  },
);

t.test("after fastify.close() no timer keeps the process alive", async (t) => {
  // A real process: it serves a session with periodic and timeout callbacks (and keep-alive and cleanup timers),
  // closes, and must then exit by itself.
  const script = fileURLToPath(new URL("../fixtures/close-then-idle.ts", import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = await new Promise<number | null | "hung">((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve("hung");
    }, 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  t.equal(exited, 0, "the process exited by itself after close");
  const report = JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as {
    closed?: unknown;
    destroyed?: number;
    timers?: string[];
  };
  t.same(report.closed, { code: 1001, reason: "server shutting down" });
  t.equal(report.destroyed, 1, "the session was destroyed");
  t.same(report.timers, [], "no active timers right after close");
});

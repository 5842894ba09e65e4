import fastify from "fastify";
import { bokehAdmin, bokehApp, bokehCore } from "fastify-bokeh";
import type { Page } from "playwright-core";
import t from "tap";
import { stream } from "../src/apps/stream.js";
import { openApp, useServerAndBrowser } from "./helpers/browser.js";

const fx = useServerAndBrowser(t, async () => {
  const server = fastify();
  await server.register(bokehCore, { metrics: true });
  await server.register(bokehApp, { path: "/stream", app: stream });
  await server.register(bokehAdmin, { refresh: 200 });
  return server;
});

interface AdminState {
  summary: string;
  sessions: { app: string[]; connections: number[]; idle: number[] };
  callbacks: { app: string[]; kind: string[]; count: number[] };
  renderedRows: number;
}

/** The admin document as BokehJS holds it, and how many table rows it drew. */
function adminState(page: Page): Promise<AdminState> {
  return page.evaluate(() => {
    // BokehJS renders each view in a shadow root.
    const countInShadows = (root: Document | ShadowRoot, selector: string): number =>
      root.querySelectorAll(selector).length +
      Array.from(root.querySelectorAll("*")).reduce(
        (sum, el) => sum + (el.shadowRoot === null ? 0 : countInShadows(el.shadowRoot, selector)),
        0,
      );
    type Model = { text?: string; data?: Record<string, unknown[]> };
    const doc = (globalThis as unknown as { Bokeh: { documents: { get_model_by_name(n: string): Model | null }[] } })
      .Bokeh.documents[0];
    const data = (name: string) => doc?.get_model_by_name(name)?.data ?? {};
    return {
      summary: doc?.get_model_by_name("summary")?.text ?? "",
      sessions: data("sessions") as AdminState["sessions"],
      callbacks: data("callbacks") as AdminState["callbacks"],
      renderedRows: countInShadows(document, ".slick-row"),
    };
  });
}

t.test("the admin page lists the live sessions and the callback timings, refreshed", async (t) => {
  const app = await openApp(fx, "/stream");
  const admin = await openApp(fx, "/admin");
  await admin.page.waitForFunction(
    () => {
      type Model = { data?: Record<string, unknown[]> };
      const doc = (globalThis as unknown as { Bokeh: { documents: { get_model_by_name(n: string): Model | null }[] } })
        .Bokeh.documents[0];
      const counts = doc?.get_model_by_name("callbacks")?.data?.count ?? [];
      return counts.some((c) => typeof c === "number" && c >= 3);
    },
    undefined,
    { timeout: 20_000 },
  );
  const state = await adminState(admin.page);
  t.match(state.summary, /<b>1<\/b> live sessions\. Memory: RSS [\d.]+ MiB/, "one session besides the admin's own");
  t.same(state.sessions.app, ["/stream"]);
  t.same(state.sessions.connections, [1], "the browser is connected to it");
  t.same(state.callbacks.app, ["/stream"]);
  t.same(state.callbacks.kind, ["periodic"]);
  t.equal(state.renderedRows, 2, "each table drew its one row");

  // Live updates: the open admin page follows a second session, then its browser leaving, without a reload.
  let loads = 0;
  admin.page.on("load", () => loads++);
  const second = await openApp(fx, "/stream");
  await admin.page.waitForFunction(
    () => {
      type Model = { data?: Record<string, unknown[]> };
      const doc = (globalThis as unknown as { Bokeh: { documents: { get_model_by_name(n: string): Model | null }[] } })
        .Bokeh.documents[0];
      const connections = doc?.get_model_by_name("sessions")?.data?.connections ?? [];
      return connections.length === 2 && connections.every((count) => count === 1);
    },
    undefined,
    { timeout: 20_000 },
  );
  const two = await adminState(admin.page);
  t.match(two.summary, /<b>2<\/b> live sessions\./);
  t.same(two.sessions.app, ["/stream", "/stream"]);
  t.same(two.sessions.connections, [1, 1]);
  t.same(two.sessions.idle, [0, 0], "both in use");
  t.equal(two.renderedRows, 3, "the sessions table drew its second row");
  t.same(second.problems, []);
  await second.page.close();
  await admin.page.waitForFunction(
    () => {
      type Model = { data?: Record<string, number[]> };
      const doc = (globalThis as unknown as { Bokeh: { documents: { get_model_by_name(n: string): Model | null }[] } })
        .Bokeh.documents[0];
      const idle = doc?.get_model_by_name("sessions")?.data?.idle ?? [];
      return idle.some((seconds) => seconds > 0);
    },
    undefined,
    { timeout: 20_000 },
  );
  const left = await adminState(admin.page);
  t.same([...left.sessions.connections].sort(), [0, 1], "the closed page's session has no connection left");
  t.equal(left.sessions.idle.filter((seconds) => seconds > 0).length, 1, "and its idle time counts up");
  t.equal(loads, 0, "the admin page was updated in place, never reloaded");
  t.same(app.problems, []);
  t.same(admin.problems, []);
});

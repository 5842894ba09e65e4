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
  sessions: { app: string[]; connections: number[] };
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
  t.same(app.problems, []);
  t.same(admin.problems, []);
});

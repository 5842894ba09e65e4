import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { bokehServerOf } from "fastify-bokeh";
import type { Page } from "playwright-core";
import t from "tap";
import { buildDemoServer } from "../src/server.js";
import { openPage, useServerAndBrowser, waitForBokeh } from "./helpers/browser.js";

const fx = useServerAndBrowser(t, () => buildDemoServer());

interface SlidersState {
  freq: number;
  title: string;
  xIsBinary: boolean;
  x: number[];
  y: number[];
}

/** The /sliders document as BokehJS holds it in the page. */
function state(page: Page): Promise<SlidersState> {
  return page.evaluate(() => {
    type Model = {
      value?: unknown;
      text?: unknown;
      title?: { text: string };
      data?: Record<string, ArrayLike<number>>;
    };
    const doc = (globalThis as unknown as { Bokeh: { documents: { get_model_by_name(n: string): Model | null }[] } })
      .Bokeh.documents[0]!;
    const data = doc.get_model_by_name("source")!.data!;
    return {
      freq: doc.get_model_by_name("freq")!.value as number,
      title: doc.get_model_by_name("plot")!.title!.text,
      xIsBinary: data.x instanceof Float64Array,
      x: Array.from(data.x!),
      y: Array.from(data.y!),
    };
  });
}

/** Waits until the page's freq is `freq` and y = sin(freq·x) (amp is 1 throughout these tests). */
async function waitForWave(page: Page, freq: number): Promise<void> {
  await page.waitForFunction(
    (f) => {
      type Model = { value?: unknown; data?: Record<string, ArrayLike<number>> };
      const doc = (globalThis as unknown as { Bokeh: { documents: { get_model_by_name(n: string): Model | null }[] } })
        .Bokeh.documents[0]!;
      const { x, y } = doc.get_model_by_name("source")!.data as { x: ArrayLike<number>; y: ArrayLike<number> };
      const value = doc.get_model_by_name("freq")!.value as number;
      return (
        Math.abs(value - f) < 1e-9 &&
        Math.abs(y[50]! - Math.sin(f * x[50]!)) < 1e-12 &&
        Math.abs(y[199]! - Math.sin(f * x[199]!)) < 1e-12
      );
    },
    freq,
    { timeout: 20_000 },
  );
}

/** Moves the freq slider one step (0.1) right, as a user would with the keyboard. */
async function stepFreq(page: Page): Promise<void> {
  await page.locator(".noUi-handle").nth(0).focus();
  await page.keyboard.press("ArrowRight");
}

const sessionsOf = (path: string): string[] => bokehServerOf(fx.server)!.apps.get(path)!.sessionIds;

t.test("two browser pages on one session see each other's changes", async (t) => {
  const before = new Set(sessionsOf("/sliders"));
  const a = await openPage(fx.browser, `${fx.base}/sliders`);
  await waitForBokeh(a.page);
  const [id] = sessionsOf("/sliders").filter((s) => !before.has(s));
  t.ok(id, "the first page opened a session");
  const b = await openPage(fx.browser, `${fx.base}/sliders?bokeh-session-id=${encodeURIComponent(id!)}`);
  await waitForBokeh(b.page);
  t.same(
    sessionsOf("/sliders").filter((s) => !before.has(s)),
    [id],
    "the second page joined it instead of making another",
  );

  await stepFreq(a.page);
  await waitForWave(a.page, 1.1);
  await waitForWave(b.page, 1.1);
  const [sa, sb] = [await state(a.page), await state(b.page)];
  t.equal(sb.freq, sa.freq, "a's slider moved b's slider");
  t.same(sb.y, sa.y, "b holds the data the server computed for a's change");
  t.ok(Math.abs(sb.y[50]! - Math.sin(1.1 * sb.x[50]!)) < 1e-12, "y = sin(1.1·x)");

  const title = b.page.locator("input[type=text]").first();
  await title.fill("shared title");
  await title.press("Enter");
  await a.page.waitForFunction(
    () => {
      const doc = (
        globalThis as unknown as {
          Bokeh: { documents: { get_model_by_name(n: string): { title: { text: string } } | null }[] };
        }
      ).Bokeh.documents[0]!;
      return doc.get_model_by_name("plot")!.title.text === "shared title";
    },
    undefined,
    { timeout: 20_000 },
  );
  t.equal((await state(a.page)).title, "shared title", "b's text input changed a's plot title");
  t.same(a.problems, [], "no console errors in a");
  t.same(b.problems, [], "no console errors in b");
  await a.page.close();
  await b.page.close();
});

/** A TCP relay in front of a server, whose connections the test can cut, as a network failure would. */
interface Relay {
  port: number;
  /** Websocket upgrades seen so far. */
  upgrades: number;
  cutAll(): void;
  close(): Promise<void>;
}

async function relay(target: number): Promise<Relay> {
  const open = new Set<Socket>();
  const state = { upgrades: 0 };
  const proxy = createServer((client) => {
    const upstream = connect(target, "127.0.0.1");
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => undefined);
    }
    client.once("data", (head: Buffer) => {
      if (/^GET \S+\/ws /.test(head.toString("latin1"))) state.upgrades++;
    });
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    get upgrades() {
      return state.upgrades;
    },
    cutAll: () => {
      for (const socket of open) socket.destroy();
    },
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => proxy.close(() => resolve()));
    },
  };
}

t.test(
  "reconnect: the connection drops, BokehJS reconnects and the document is intact (binary column included)",
  async (t) => {
    // The browser talks to the demo through a relay; cutting the relay's connections is the network failing.
    const demo = await buildDemoServer({ allowWebsocketOrigin: ["127.0.0.1:*"] });
    await demo.listen({ port: 0, host: "127.0.0.1" });
    const link = await relay((demo.server.address() as AddressInfo).port);
    t.teardown(async () => {
      await link.close();
      await demo.close();
    });
    const sessions = () => bokehServerOf(demo)!.apps.get("/sliders")!.sessionIds;
    const { page, problems } = await openPage(fx.browser, `http://127.0.0.1:${link.port}/sliders`);
    await waitForBokeh(page);
    const [id] = sessions();
    await stepFreq(page);
    await waitForWave(page, 1.1);
    const original = await state(page);
    t.equal(original.xIsBinary, true, "x arrived as a binary Float64Array column");
    t.equal(link.upgrades, 1, "one websocket so far");

    // BokehJS replaces every model when it re-pulls, so the old source object tells the re-pull apart.
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        Bokeh: { documents: { get_model_by_name(n: string): unknown }[] };
        sourceBeforeDrop?: unknown;
      };
      g.sourceBeforeDrop = g.Bokeh.documents[0]!.get_model_by_name("source");
    });
    link.cutAll();
    for (let i = 0; i < 300 && link.upgrades < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    t.equal(link.upgrades, 2, "BokehJS opened a new websocket");

    await page.waitForFunction(
      () => {
        const g = globalThis as unknown as {
          Bokeh: { documents: { get_model_by_name(n: string): unknown }[] };
          sourceBeforeDrop?: unknown;
        };
        const source = g.Bokeh.documents[0]!.get_model_by_name("source");
        return source !== null && source !== g.sourceBeforeDrop;
      },
      undefined,
      { timeout: 20_000 },
    );
    await waitForBokeh(page);
    const repulled = await state(page);
    t.equal(repulled.xIsBinary, true, "x is a Float64Array in the re-pulled document");
    t.same(repulled.x, original.x, "x is intact");
    t.same(repulled.y, original.y, "y is intact");
    t.ok(Math.abs(repulled.freq - 1.1) < 1e-9, "so is the slider the user had moved");
    t.equal(repulled.title, original.title);

    // And the session keeps working over the new connection.
    await stepFreq(page);
    await waitForWave(page, 1.2);
    t.same(sessions(), [id], "it re-attached to the same live session");
    t.same(problems, [], "no console errors");
    await page.close();
  },
);

t.test("under a prefix, pages load BokehJS from {prefix}/static and talk over {prefix}/sliders/ws", async (t) => {
  const prefixed = await buildDemoServer({ prefix: "/demo" });
  await prefixed.listen({ port: 0, host: "127.0.0.1" });
  t.teardown(() => prefixed.close());
  const origin = `http://127.0.0.1:${(prefixed.server.address() as AddressInfo).port}`;
  const requested: string[] = [];
  const { page, problems } = await openPage(fx.browser, "about:blank");
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  page.on("websocket", (socket) => requested.push(new URL(socket.url()).pathname));
  await page.goto(`${origin}/demo/sliders`);
  await waitForBokeh(page);
  await stepFreq(page);
  await waitForWave(page, 1.1);
  t.ok(requested.includes("/demo/static/js/bokeh.min.js"), "BokehJS came from /demo/static");
  t.ok(requested.includes("/demo/sliders/ws"), "the websocket is /demo/sliders/ws");
  t.same(
    problems.filter((p) => !/favicon|404/.test(p)),
    [],
    "no console errors",
  );
  await page.close();
});

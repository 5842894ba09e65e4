import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import type { Test } from "tap";

/** Debian's Chromium; tests never download a browser. */
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export interface BrowserHandle {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with the flags that work on this machine (no background networking), and a fresh profile. */
async function launchBrowser(): Promise<BrowserHandle> {
  const profile = mkdtempSync(join(tmpdir(), "fastify-bokeh-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface PageWatch {
  page: Page;
  /** Console errors, page errors and BokehJS warnings seen so far. */
  problems: string[];
}

/** Opens a page that records console errors, uncaught errors and BokehJS's version-mismatch warning. */
export async function openPage(handle: BrowserHandle, url: string): Promise<PageWatch> {
  const page = await handle.context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    const text = msg.text();
    if (msg.type() === "error" || /version mismatch/i.test(text)) problems.push(`${msg.type()}: ${text}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(url);
  return { page, problems };
}

/** Waits until BokehJS has a document with roots and every root view has rendered. */
export async function waitForBokeh(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as {
        Bokeh?: { documents?: { roots(): unknown[] }[]; index?: Record<string, { is_idle?: boolean }> };
      };
      const doc = w.Bokeh?.documents?.[0];
      if (doc === undefined || doc.roots().length === 0) return false;
      const views = Object.values(w.Bokeh?.index ?? {});
      return views.length > 0 && views.every((v) => v.is_idle !== false);
    },
    undefined,
    { timeout },
  );
}

/** A rectangle in page (CSS pixel) coordinates, as the mouse uses them. */
export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The page box of the plot's data area (frame) and the page positions of some data points, read from BokehJS. */
async function plotGeometry(
  page: Page,
  plotName: string,
  points: readonly (readonly [number, number])[],
): Promise<{ frame: PageBox; points: { x: number; y: number }[] }> {
  return page.evaluate(
    ([name, dataPoints]) => {
      interface PlotView {
        canvas_view: { el: { getBoundingClientRect(): { left: number; top: number } } };
        frame: {
          bbox: { left: number; top: number; width: number; height: number };
          x_scale: { compute(v: number): number };
          y_scale: { compute(v: number): number };
        };
      }
      const bokeh = (
        globalThis as unknown as {
          Bokeh: {
            documents: { get_model_by_name(n: string): unknown }[];
            index: { find_one(model: unknown): PlotView | null };
          };
        }
      ).Bokeh;
      const view = bokeh.index.find_one(bokeh.documents[0]?.get_model_by_name(name));
      if (view === null) throw new Error(`no view for the plot '${name}'`);
      const canvas = view.canvas_view.el.getBoundingClientRect();
      const { left, top, width, height } = view.frame.bbox;
      return {
        frame: { x: canvas.left + left, y: canvas.top + top, width, height },
        points: dataPoints.map(([dx, dy]) => ({
          x: canvas.left + view.frame.x_scale.compute(dx),
          y: canvas.top + view.frame.y_scale.compute(dy),
        })),
      };
    },
    [plotName, points] as const,
  );
}

/** Where the data area (frame) of the plot named `plotName` is on the page. */
export async function plotFrame(page: Page, plotName: string): Promise<PageBox> {
  return (await plotGeometry(page, plotName, [])).frame;
}

/** The page position of the data point (x, y) in the plot named `plotName`. */
export async function dataToPage(
  page: Page,
  plotName: string,
  x: number,
  y: number,
): Promise<{ x: number; y: number }> {
  const [point] = (await plotGeometry(page, plotName, [[x, y]])).points;
  if (point === undefined) throw new Error(`no page position for (${x}, ${y}) in the plot '${plotName}'`);
  return point;
}

/** A server on 127.0.0.1 (free port) and a browser, shared by the tests of one file. */
export interface ServerAndBrowser {
  server: FastifyInstance;
  /** `http://127.0.0.1:<port>` */
  base: string;
  browser: BrowserHandle;
}

/** Starts the server `build` makes and a browser before the tests of `t`, and stops both after them. */
export function useServerAndBrowser(t: Test, build: () => Promise<FastifyInstance>): ServerAndBrowser {
  const fx = {} as ServerAndBrowser;
  t.before(async () => {
    fx.server = await build();
    await fx.server.listen({ port: 0, host: "127.0.0.1" });
    fx.base = `http://127.0.0.1:${(fx.server.server.address() as AddressInfo).port}`;
    fx.browser = await launchBrowser();
  });
  t.teardown(async () => {
    await fx.browser?.close();
    await fx.server?.close();
  });
  return fx;
}

/** Opens the app at `path` of the shared server in a page of its own and waits until BokehJS has rendered it. */
export async function openApp(fx: ServerAndBrowser, path: string): Promise<PageWatch> {
  const watch = await openPage(fx.browser, `${fx.base}${path}`);
  await waitForBokeh(watch.page);
  return watch;
}

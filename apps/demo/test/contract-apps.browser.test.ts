import t from "tap";
import { buildDemoServer } from "../src/server.js";
import { openPage, useServerAndBrowser, waitForBokeh } from "./helpers/browser.js";

const fx = useServerAndBrowser(t, () => buildDemoServer());

interface BokehWindow {
  Bokeh: {
    documents: {
      roots(): unknown[];
      get_model_by_name(n: string): { data: Record<string, ArrayLike<number>> } | null;
    }[];
  };
}

t.test("/sliders renders, and moving freq makes the browser's source amp·sin(freq·x) from the server", async (t) => {
  const { page, problems } = await openPage(fx.browser, `${fx.base}/sliders`);
  await waitForBokeh(page);
  t.ok((await page.locator("canvas").count()) > 0, "the plot has a canvas");
  t.equal(await page.title(), "sliders");
  const handle = page.locator(".noUi-handle").nth(0);
  await handle.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(
    () => {
      const doc = (window as unknown as BokehWindow).Bokeh.documents[0]!;
      const freq = (doc.get_model_by_name("freq") as unknown as { value: number }).value;
      const { x, y } = doc.get_model_by_name("source")!.data as { x: ArrayLike<number>; y: ArrayLike<number> };
      return Math.abs(freq - 1.2) < 1e-9 && Math.abs(y[50]! - Math.sin(1.2 * x[50]!)) < 1e-12;
    },
    undefined,
    { timeout: 15_000 },
  );
  const length = await page.evaluate(
    () => (window as unknown as BokehWindow).Bokeh.documents[0]!.get_model_by_name("source")!.data.y!.length,
  );
  t.equal(length, 200, "y has 200 points");
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test("/button: a real click shows 'clicks: 1'", async (t) => {
  const { page, problems } = await openPage(fx.browser, `${fx.base}/button`);
  await waitForBokeh(page);
  await page.getByRole("button", { name: "Click" }).click();
  await page.getByText("clicks: 1").waitFor({ timeout: 15_000 });
  const text = await page.evaluate(
    () =>
      (
        window as unknown as { Bokeh: { documents: { get_model_by_name(n: string): { text: string } | null }[] } }
      ).Bokeh.documents[0]!.get_model_by_name("out")!.text,
  );
  t.equal(text, "clicks: 1", "the browser's Div holds the text the server set");
  await page.locator("select").selectOption("b");
  await page.getByText("choice: b").waitFor({ timeout: 15_000 });
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test("/stream grows the browser's source and stops at the rollover", async (t) => {
  const { page, problems } = await openPage(fx.browser, `${fx.base}/stream?period=20&n=10&rollover=100`);
  await waitForBokeh(page);
  const length = () =>
    (window as unknown as BokehWindow).Bokeh.documents[0]!.get_model_by_name("source")!.data.x!.length;
  await page.waitForFunction(
    (n) => (window as unknown as BokehWindow).Bokeh.documents[0]!.get_model_by_name("source")!.data.x!.length >= n,
    30,
    { timeout: 15_000 },
  );
  const early = await page.evaluate(length);
  t.ok(early >= 30 && early <= 100, `growing (${early})`);
  await page.waitForTimeout(600);
  t.equal(await page.evaluate(length), 100, "held at the rollover");
  const [first, last] = await page.evaluate(() => {
    const x = (window as unknown as BokehWindow).Bokeh.documents[0]!.get_model_by_name("source")!.data.x!;
    return [x[0], x[x.length - 1]];
  });
  t.equal(last! - first!, 99, "the last 100 consecutive x values");
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test("/big renders a million binary points", async (t) => {
  const { page, problems } = await openPage(fx.browser, `${fx.base}/big`);
  await waitForBokeh(page, 60_000);
  const n = await page.evaluate(
    () => (window as unknown as BokehWindow).Bokeh.documents[0]!.get_model_by_name("source")!.data.y!.length,
  );
  t.equal(n, 1_000_000);
  const y = await page.evaluate(
    () => (window as unknown as BokehWindow).Bokeh.documents[0]!.get_model_by_name("source")!.data.y![123456],
  );
  t.equal(y, Math.sin(123456 / 1000));
  t.ok((await page.locator("canvas").count()) > 0);
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test("the index links every contract app", async (t) => {
  const res = await fetch(`${fx.base}/`);
  const html = await res.text();
  for (const path of ["/sliders", "/button", "/stream", "/big"]) t.match(html, `href="${path}"`);
});

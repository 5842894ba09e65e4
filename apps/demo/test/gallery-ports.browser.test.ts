import t from "tap";
import { clusterColumns } from "../src/gallery/data/clustering.js";
import { FIRST_YEAR, gapminderCountries, gapminderYear } from "../src/gallery/data/gapminder.js";
import { clubNetwork, describeSelection, edgeColors, springLayout } from "../src/gallery/data/network.js";
import { BIN_HZ, BINS, CHUNK } from "../src/gallery/data/spectrum.js";
import { statsText, stockColumns, stockPrices } from "../src/gallery/data/stocks.js";
import { COLUMNS } from "../src/gallery/spectrogram.js";
import { nix } from "../src/gallery/stocks.js";
import { buildDemoServer } from "../src/server.js";
import { dataToPage, openApp, type PageWatch, plotFrame, useServerAndBrowser } from "./helpers/browser.js";
import { prop, propWhen, WAIT } from "./helpers/model-props.js";

// The gallery apps ported from Bokeh's server examples, each driven by a real interaction in Chromium.
const fx = useServerAndBrowser(t, () => buildDemoServer());

const open = (path: string): Promise<PageWatch> => openApp(fx, path);

const close = (a: ArrayLike<number>, b: ArrayLike<number>, eps = 1e-9): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - b[i]!) <= eps);

t.test("/gallery/gapminder: the year slider and the Play button redraw the years from the server", async (t) => {
  const { page, problems } = await open("/gallery/gapminder");
  const countries = gapminderCountries();
  await page.locator(".noUi-handle").first().focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await propWhen<string>(page, "year_label", "text", (text) => text === String(FIRST_YEAR + 3));
  t.ok(
    close(await prop<number[]>(page, "source", "data.life"), gapminderYear(countries, FIRST_YEAR + 3).life as number[]),
    "the scatter shows the life expectancies of the slider's year",
  );

  await page.getByRole("button", { name: "► Play" }).click();
  await propWhen<string>(page, "play", "label", (label) => label === "❚❚ Pause");
  await propWhen<string>(page, "year_label", "text", (text) => Number(text) >= FIRST_YEAR + 6);
  await page.getByRole("button", { name: "❚❚ Pause" }).click();
  await propWhen<string>(page, "play", "label", (label) => label === "► Play");
  const year = Number(await prop<string>(page, "year_label", "text"));
  await page.waitForTimeout(600);
  t.equal(Number(await prop<string>(page, "year_label", "text")), year, "paused: the periodic callback was removed");
  t.equal(await prop(page, "year", "value"), year, "the server moved the browser's slider along");
  t.ok(
    close(await prop<number[]>(page, "source", "data.fertility"), gapminderYear(countries, year).fertility as number[]),
    `the scatter shows ${year}`,
  );
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test("/gallery/stocks: choosing a ticker recomputes the pair, the Select options and the statistics", async (t) => {
  const { page, problems } = await open("/gallery/stocks");
  t.equal(await prop(page, "corr", "title.text"), "ACME returns vs. BOLT returns");
  await page.locator("select").nth(1).selectOption("DYNA");
  await propWhen<string>(page, "corr", "title.text", (text) => text === "ACME returns vs. DYNA returns");
  const expected = stockColumns(stockPrices(), "ACME", "DYNA");
  t.ok(close(await prop<number[]>(page, "source", "data.t2"), expected.t2!), "ticker 2's prices");
  t.ok(close(await prop<number[]>(page, "source", "data.t2_returns"), expected.t2_returns!), "and returns");
  t.same(await prop(page, "ticker1", "options"), nix("DYNA"), "ticker 1 no longer offers DYNA");
  t.equal(await prop(page, "stats", "text"), statsText(expected, "ACME", "DYNA"), "the statistics of the new pair");

  // A box drawn over the upper right of the correlation scatter selects some days; the server describes those.
  const frame = await plotFrame(page, "corr");
  await page.mouse.move(frame.x + frame.width * 0.5, frame.y + frame.height * 0.05);
  await page.mouse.down();
  await page.mouse.move(frame.x + frame.width * 0.95, frame.y + frame.height * 0.5, { steps: 8 });
  await page.mouse.up();
  const indices = await propWhen<number[]>(page, "source", "selected.indices", (i) => i.length > 0);
  t.ok(indices.length < expected.date!.length, `${indices.length} days selected`);
  const selected = Object.fromEntries(
    Object.entries(expected).map(([key, values]) => [key, [...indices].sort((a, b) => a - b).map((i) => values[i]!)]),
  );
  const statsOfSelection = statsText(selected, "ACME", "DYNA");
  await propWhen<string>(page, "stats", "text", (text) => text === statsOfSelection);
  t.equal(await prop(page, "stats", "text"), statsOfSelection, "the statistics are those of the selected days");
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test("/gallery/clustering: dataset, cluster count and algorithm are recomputed on the server", async (t) => {
  const { page, problems } = await open("/gallery/clustering");
  await page.locator("select").nth(1).selectOption("Blobs");
  await propWhen<string>(page, "plot", "title.text", (text) => text === "KMeans on Blobs");
  await page.locator(".noUi-handle").nth(1).focus();
  await page.keyboard.press("ArrowRight");
  const kmeans = clusterColumns("KMeans", "Blobs", 500, 3);
  const colors = await propWhen<string[]>(page, "source", "data.color", (c) => c.join() === kmeans.color.join());
  t.equal(new Set(colors).size, 3, "three clusters of blobs");
  t.ok(close(await prop<number[]>(page, "source", "data.x"), kmeans.x), "the blobs' points");

  await page.locator("select").nth(0).selectOption("DBSCAN");
  await propWhen<string>(page, "plot", "title.text", (text) => text === "DBSCAN on Blobs");
  const dbscan = clusterColumns("DBSCAN", "Blobs", 500, 3);
  t.same(await prop(page, "source", "data.color"), dbscan.color, "DBSCAN's clusters and noise");
  t.equal(await prop(page, "clusters", "disabled"), true, "the cluster count is DBSCAN's own");
  t.same(problems, [], "no console errors");
  await page.close();
});

/** The frequency of the strongest bin in the newest column of the waterfall image. */
const newestPeak = (image: number[]): number => {
  let best = 0;
  const at = (bin: number): number => image[bin * COLUMNS + COLUMNS - 1]!;
  for (let bin = 1; bin < BINS; bin++) if (at(bin) > at(best)) best = bin;
  return best * BIN_HZ;
};

t.test(
  "/gallery/spectrogram: a periodic callback streams and patches; the frequency slider moves the peak",
  async (t) => {
    const { page, problems } = await open("/gallery/spectrogram");
    await propWhen<number[]>(page, "peaks", "data.tick", (ticks) => ticks.length >= 5);
    t.ok(Math.abs((await prop<number[]>(page, "peaks", "data.peak")).at(-1)! - 300) <= BIN_HZ, "the tone is at 300 Hz");
    t.equal((await prop<number[]>(page, "signal", "data.y")).length, CHUNK, "the signal chunk was replaced");

    await page.locator(".noUi-handle").first().focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    await propWhen<number>(page, "freq", "value", (value) => value === 500);
    const peaks = await propWhen<number[]>(page, "peaks", "data.peak", (p) => Math.abs(p.at(-1)! - 500) <= BIN_HZ);
    t.ok(peaks.length <= 200, "the peak stream rolls over at 200");
    const image = await propWhen<number[]>(
      page,
      "waterfall",
      "data.image.0",
      (im) => Math.abs(newestPeak(im) - 500) <= BIN_HZ,
    );
    t.equal(image.length, BINS * COLUMNS, "the patched image keeps its shape");
    t.same(problems, [], "no console errors");
    await page.close();
  },
);

t.test("/gallery/graph: tapping a node makes the server highlight its edges and name its neighbours", async (t) => {
  const { page, problems } = await open("/gallery/graph");
  const network = clubNetwork();
  const layout = springLayout(network);
  // The node farthest from any other, so that the tap cannot hit a neighbour.
  const spacing = layout.map(([x, y], i) =>
    Math.min(...layout.filter((_, j) => j !== i).map(([u, v]) => Math.hypot(x - u, y - v))),
  );
  const node = spacing.indexOf(Math.max(...spacing));
  const point = await dataToPage(page, "plot", layout[node]![0], layout[node]![1]);
  await page.mouse.click(point.x, point.y);
  await propWhen<string>(page, "info", "text", (text) => text === describeSelection(network, [node]), WAIT.timeout);
  t.same(await prop(page, "nodes", "selected.indices"), [node], "BokehJS selected the tapped node");
  t.same(await prop(page, "edges", "data.color"), edgeColors(network, [node]), "its edges are highlighted");
  t.same(problems, [], "no console errors");
  await page.close();
});

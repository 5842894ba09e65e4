import { readFile } from "node:fs/promises";
import t from "tap";
import { cars } from "../src/gallery/data/cars.js";
import { employees } from "../src/gallery/data/employees.js";
import { histogram } from "../src/gallery/data/histogram.js";
import { MPAA, movies } from "../src/gallery/data/movies.js";
import { smooth } from "../src/gallery/data/weather.js";
import { CSV_COLUMNS, salaryFilter } from "../src/gallery/export-csv.js";
import { AXES, type MovieCriteria, movieFilter } from "../src/gallery/movies.js";
import { wave } from "../src/gallery/sliders.js";
import { cityYear } from "../src/gallery/weather.js";
import { buildDemoServer, DEMO_APPS } from "../src/server.js";
import { dataToPage, openApp, type PageWatch, plotFrame, useServerAndBrowser } from "./helpers/browser.js";
import { prop, propWhen, WAIT } from "./helpers/model-props.js";

// One server and one browser for every gallery test; each test opens its own page (its own session).
const fx = useServerAndBrowser(t, () => buildDemoServer());

const open = (path: string): Promise<PageWatch> => openApp(fx, path);

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const close = (a: ArrayLike<number>, b: ArrayLike<number>, eps = 1e-9): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - b[i]!) <= eps);

t.test("/gallery/sliders: a phase slider key press and a typed title come back from the server", async (t) => {
  const { page, problems } = await open("/gallery/sliders");
  // Sliders, in page order: offset, amplitude, phase, frequency.
  await page.locator(".noUi-handle").nth(2).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  const expected = Array.from(wave({ amplitude: 1, frequency: 1, phase: 0.2, offset: 0 }));
  await propWhen<number[]>(page, "source", "data.y", (y) => close(y, expected, 1e-12));
  t.equal(await prop(page, "phase", "value"), 0.2, "the browser's phase slider is at 0.2");
  t.ok(
    close(await prop<number[]>(page, "source", "data.y"), expected, 1e-12),
    "the source's y is sin(x + 0.2), computed on the server",
  );

  await page.locator("input[type=text]").fill("damped wave");
  await page.keyboard.press("Enter");
  await propWhen<string>(page, "plot", "title.text", (text) => text === "damped wave");
  t.equal(await prop(page, "plot", "title.text"), "damped wave", "the plot's title was set by the server");
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test("/gallery/ohlc: switching the update rate replaces the periodic callback", async (t) => {
  const { page, problems } = await open("/gallery/ohlc");
  t.ok((await prop<number[]>(page, "source", "data.time")).length >= 60, "the page starts with the history bars");
  const lastTime = async (): Promise<number> => (await prop<number[]>(page, "source", "data.time")).at(-1)!;
  const bars = (from: number, to: number): number => Math.round((to - from) / 60_000);

  await page.locator("select").selectOption({ label: "1000 ms" });
  await page.getByText("updating every 1000 ms").waitFor(WAIT);
  const slowStart = await lastTime();
  await page.waitForTimeout(2_000);
  const slowBars = bars(slowStart, await lastTime());
  // At one bar a second, 2 s hold 2 bars (3 with one sent just before the switch); a 250 ms callback left running adds 8 more.
  t.ok(slowBars <= 3, `at 1000 ms, ${slowBars} bars in 2 s`);

  await page.locator("select").selectOption({ label: "50 ms" });
  await page.getByText("updating every 50 ms").waitFor(WAIT);
  const fastStart = await lastTime();
  await propWhen<number[]>(page, "source", "data.time", (time) => bars(fastStart, time.at(-1)!) >= 15, 10_000);
  const fastBars = bars(fastStart, await lastTime());
  t.ok(fastBars >= 15, `at 50 ms the stream runs again, faster than at 1000 ms (${fastBars} bars)`);
  const time = await prop<number[]>(page, "source", "data.time");
  t.ok(time.length <= 300, "rollover keeps at most 300 bars");
  t.ok(
    time.every((v, i) => i === 0 || v - time[i - 1]! === 60_000),
    "one bar per simulated minute, none duplicated or lost",
  );
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test(
  "/gallery/crossfilter: choosing the x column and the colour column rebuilds the plot on the server",
  async (t) => {
    const { page, problems } = await open("/gallery/crossfilter");
    // The plot is replaced at every choice: reach it through the layout, the second child.
    t.equal(await prop(page, "layout", "children.1.title.text"), "mpg vs. hp");
    // Selects, in page order: x, y, size, colour.
    await page.locator("select").nth(0).selectOption("weight");
    await propWhen<string>(page, "layout", "children.1.title.text", (text) => text === "weight vs. hp");
    t.equal(await prop(page, "layout", "children.1.below.0.axis_label"), "weight", "the new plot's x axis");
    const data = "children.1.renderers.0.data_source.data";
    t.same(
      await prop(page, "layout", `${data}.x`),
      cars().map((car) => car.weight),
      "x holds the weight column",
    );

    await page.locator("select").nth(3).selectOption("hp");
    const colors = await propWhen<string[]>(page, "layout", `${data}.color`, (c) => new Set(c).size > 1);
    t.equal(new Set(colors).size, 5, "hp's quintiles get five colours");
    t.same(problems, [], "no console errors");
    await page.close();
  },
);

t.test("/gallery/movies: typing a director's name filters the table and the scatter on the server", async (t) => {
  const { page, problems } = await open("/gallery/movies");
  const shownBefore = (await prop<string[]>(page, "source", "data.director")).length;
  const name = (await prop<string[]>(page, "source", "data.director"))[0]!.split(" ")[1]!;
  await page.getByPlaceholder("a director's name").click();
  await page.keyboard.type(name);
  const directors = await propWhen<string[]>(
    page,
    "source",
    "data.director",
    (d) => d.length > 0 && d.every((v) => v.includes(name)),
  );
  t.ok(directors.length < shownBefore, `${directors.length} of ${shownBefore} movies are by a '${name}'`);

  const criteria: MovieCriteria = {
    minReviews: await prop(page, "reviews", "value"),
    years: await prop(page, "years", "value"),
    minOscars: await prop(page, "oscars", "value"),
    minBoxOffice: await prop(page, "box_office", "value"),
    genres: await prop(page, "genres", "value"),
    mpaa: (await prop<number[]>(page, "mpaa", "active")).map((i) => MPAA[i]!),
    director: name,
    cast: "",
  };
  const expected = movies().filter(movieFilter(criteria));
  t.same(
    await prop(page, "source", "data.title"),
    expected.map((m) => m.title),
    "exactly the movies the filter keeps",
  );
  t.same(
    await prop(page, "source", "data.x"),
    expected.map((m) => m[AXES["Tomato Meter"]!]),
    "x is the Tomato Meter",
  );
  t.match(await prop<string>(page, "count", "text"), `<b>${expected.length}</b> of 1200`);
  await page.locator(".slick-row").first().getByText(expected[0]!.title).waitFor(WAIT);
  t.match(
    await page.locator(".slick-row").first().textContent(),
    expected[0]!.title,
    "the DataTable's first row is the first filtered movie",
  );
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test("/gallery/selection-histogram: a mouse box-select makes the server histogram the selection", async (t) => {
  const { page, problems } = await open("/gallery/selection-histogram");
  const frame = await plotFrame(page, "scatter");
  await page.mouse.move(frame.x + frame.width * 0.05, frame.y + frame.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(frame.x + frame.width * 0.5, frame.y + frame.height * 0.95, { steps: 8 });
  await page.mouse.up();

  const indices = await propWhen<number[]>(page, "source", "selected.indices", (i) => i.length > 0);
  const status = await propWhen<string>(page, "status", "text", (text) => text.startsWith(`${indices.length} of 900`));
  t.equal(status, `${indices.length} of 900 points selected`);
  const x = await prop<number[]>(page, "source", "data.x");
  const y = await prop<number[]>(page, "source", "data.y");
  for (const [axis, values, name] of [
    ["x", x, "hselected"],
    ["y", y, "vselected"],
  ] as const) {
    const start = await prop<number[]>(page, name, "data.start");
    const end = await prop<number[]>(page, name, "data.end");
    const counts = await prop<number[]>(page, name, "data.count");
    t.same(
      counts,
      histogram(
        indices.map((i) => values[i]!),
        [...start, end.at(-1)!],
      ),
      `the ${axis} histogram of the selected points`,
    );
    t.equal(
      counts.reduce((a, b) => a + b, 0),
      indices.length,
    );
  }
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test("/gallery/weather: the city and distribution Selects switch the dataset on the server", async (t) => {
  const { page, problems } = await open("/gallery/weather");
  await page.locator("select").nth(0).selectOption("Highgate");
  await propWhen<string>(page, "plot", "title.text", (text) => text === "Weather data for Highgate (synthetic)");
  const year = cityYear("Highgate")!;
  t.same(await prop(page, "source", "data.actual_max"), year.actual_max, "Highgate's data");

  await page.locator("select").nth(1).selectOption("Smoothed");
  const smoothed = smooth(year.record_min);
  await propWhen<number[]>(page, "source", "data.record_min", (v) => close(v, smoothed));
  t.ok(close(await prop<number[]>(page, "source", "data.record_min"), smoothed), "the smoothed record minima");
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test("/gallery/export-csv: the slider filters on the server and the button downloads those rows", async (t) => {
  const { page, problems } = await open("/gallery/export-csv");
  const before = (await prop<string[]>(page, "source", "data.name")).length;
  // The upper handle of the salary range, five steps of 1,000 down.
  await page.locator(".noUi-handle").nth(1).focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  const range = await propWhen<[number, number]>(page, "salary", "value", (v) => v[1] === 145_000);
  const expected = salaryFilter(employees(), range);
  await propWhen<string[]>(page, "source", "data.name", (names) => names.length === expected.length);
  t.ok(expected.length < before, `${expected.length} rows now, ${before} before`);
  t.same(
    await prop(page, "source", "data.salary"),
    expected.map((e) => e.salary),
    "the server's filtered salaries",
  );

  const [download] = await Promise.all([
    page.waitForEvent("download", WAIT),
    page.getByRole("button", { name: "Download CSV" }).click(),
  ]);
  t.equal(download.suggestedFilename(), "salaries.csv");
  const csv = await readFile(await download.path(), "utf8");
  const lines = [CSV_COLUMNS.join(","), ...expected.map((e) => CSV_COLUMNS.map((c) => String(e[c])).join(","))];
  t.equal(csv, `${lines.join("\n")}\n`, "the CSV holds exactly the filtered rows");
  t.same(problems, [], "no console errors");
  await page.close();
});

t.test(
  "/gallery/event-log: taps, selections, wheel, pans and key presses reach the server and are logged",
  async (t) => {
    const { page, problems } = await open("/gallery/event-log");
    const logHas = (pattern: RegExp) => propWhen<string>(page, "log", "text", (text) => pattern.test(text));

    // Tapping a data point: a tap event, the tap tool's selection geometry, and the new selection indices.
    const [px, py] = [
      (await prop<number[]>(page, "source", "data.x"))[0]!,
      (await prop<number[]>(page, "source", "data.y"))[0]!,
    ];
    const point = await dataToPage(page, "plot", px, py);
    await page.mouse.click(point.x, point.y);
    const tap = /tap: x=(-?\d+\.\d\d), y=(-?\d+\.\d\d)/.exec(await logHas(/tap: x=/))!;
    t.ok(
      Math.abs(Number(tap[1]) - px) < 1.5 && Math.abs(Number(tap[2]) - py) < 1.5,
      `tap logged at (${tap[1]}, ${tap[2]}), near (${px.toFixed(2)}, ${py.toFixed(2)})`,
    );
    t.match(await logHas(/selectiongeometry: point/), /selectiongeometry: point/, "the tap's selection geometry");
    t.match(
      await logHas(/selection: \d+ indices \[0[\],]/),
      /selection: \d+ indices \[0[\],]/,
      "the tapped point's index",
    );

    const frame = await plotFrame(page, "plot");
    await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
    await page.mouse.wheel(0, -200);
    t.match(await logHas(/wheel: delta=/), /wheel: delta=-?\d/, "a wheel event");

    await page.mouse.move(frame.x + frame.width * 0.3, frame.y + frame.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(frame.x + frame.width * 0.6, frame.y + frame.height * 0.6, { steps: 6 });
    await page.mouse.up();
    await logHas(/panstart: x=/);
    const pans = Number(/panend: (\d+) pan events/.exec(await logHas(/panend: \d+ pan events/))![1]);
    t.ok(pans > 0, `a pan gesture of ${pans} pan events`);

    await page.locator("input[type=text]").click();
    await page.keyboard.type("hey");
    const keys = await logHas(/key press: value_input = &quot;hey&quot;/);
    t.ok(
      ["h", "he", "hey"].every((v) => keys.includes(`value_input = &quot;${v}&quot;`)),
      "every key press",
    );
    await page.keyboard.press("Enter");
    t.match(await logHas(/value_submit: &quot;hey&quot;/), /value_submit: &quot;hey&quot;/, "then the submitted value");
    t.same(problems, [], "no console errors");
    await page.close();
  },
);

t.test("the index lists every gallery app with its description", async (t) => {
  const html = await (await fetch(`${fx.base}/`)).text();
  const gallery = DEMO_APPS.filter((app) => app.path.startsWith("/gallery/"));
  t.equal(gallery.length, 13);
  for (const app of gallery) {
    t.match(html, `href="${app.path}"`);
    t.match(html, escapeHtml(app.description), `${app.path} has its description`);
  }
});

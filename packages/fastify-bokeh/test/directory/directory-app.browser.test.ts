// Functions passed to page.evaluate run in the browser.
/// <reference lib="dom" />
import { fileURLToPath } from "node:url";
import t from "tap";
import { chromiumFor, modelValues, outputMatch, waitForModel } from "../helpers/chromium.js";
import { run } from "../helpers/run-cli.js";

const dashboard = fileURLToPath(new URL("../fixtures/directory-apps/dashboard", import.meta.url));

t.test("a directory app: Jinja template, static file, theme and app hooks, rendered in Chromium", async (t) => {
  const running = run([
    "serve",
    dashboard,
    "--port",
    "0",
    "--address",
    "127.0.0.1",
    "--unused-session-lifetime",
    "300",
    "--check-unused-sessions",
    "200",
  ]);
  t.teardown(() => running.child.kill("SIGKILL"));
  const [, url] = await outputMatch(running, /Bokeh app running at: (http:\/\/\S+\/dashboard)\b/);
  t.match(running.output(), /hook: server loaded \(1 apps\)/, "on_server_loaded ran before the first request");

  const css = await fetch(`${url}/static/style.css`);
  t.equal(css.status, 200, "static/ is served at <app>/static/");
  t.match(css.headers.get("content-type"), /^text\/css/);
  t.match(await css.text(), /#heading/);

  const context = await chromiumFor(t);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${url}?who=${encodeURIComponent("<b>Ann</b>")}`);
  await waitForModel(page, "chart");

  t.equal(await page.title(), "Dashboard", "the template's title block default: the document title");
  t.equal(await page.textContent("#heading"), "Sales v1", "doc.template_variables reach the template");
  t.equal(await page.textContent("#hooks"), "server loaded 1, sessions created 1", "on_session_created ran first");
  t.equal(await page.textContent("#who"), "for <b>Ann</b>", "the template's | e filter escapes");
  t.equal(
    await page.$eval("#heading", (el) => getComputedStyle(el).color),
    "rgb(1, 2, 3)",
    "the template's stylesheet from static/ applies",
  );
  const placed = await page.evaluate(() => {
    type View = { model: { name: string | null }; el: Element };
    const views = Object.values((window as unknown as { Bokeh: { index: Record<string, View> } }).Bokeh.index);
    const rendersIn = (name: string, selector: string) =>
      views.some((view) => view.model.name === name && document.querySelector(selector)?.contains(view.el) === true);
    return { chart: rendersIn("chart", ".chart-box"), side: rendersIn("side", "aside") };
  });
  t.same(placed, { chart: true, side: true }, "embed(roots.chart) and embed(roots[1]) place the roots");
  t.same(
    await modelValues(page, "chart", ["background_fill_color", "title.text_color", "title.text"]),
    ["#123456", "#654321", "Sales v1"],
    "theme.yaml's values, as BokehJS received them",
  );
  t.same(errors, [], "no page errors");

  const [, sessionId] = await outputMatch(running, /hook: session created (\S+)/);
  await page.close();
  await outputMatch(running, new RegExp(`hook: session destroyed ${sessionId}`));
  t.pass("on_session_destroyed ran once the page was gone");
  running.child.kill("SIGTERM");
  t.equal(await running.exited, 0);
  t.match(running.output(), /hook: server unloaded/, "on_server_unloaded ran at shutdown");
});

// Functions passed to page.evaluate run in the browser.
/// <reference lib="dom" />
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import t, { type Test } from "tap";
import { chromiumFor, modelValues, outputMatch, waitForModel } from "../helpers/chromium.js";
import { run } from "../helpers/run-cli.js";

const fixture = fileURLToPath(new URL("../fixtures/directory-apps/dashboard", import.meta.url));
const packageModules = fileURLToPath(new URL("../../node_modules", import.meta.url));

/** A copy of the dashboard app to edit, in a project of its own that resolves packages as this one does. */
function editableCopy(t: Test): string {
  const project = mkdtempSync(join(tmpdir(), "fastify-bokeh-dev-"));
  t.teardown(() => rmSync(project, { recursive: true, force: true }));
  writeFileSync(join(project, "package.json"), '{ "type": "module" }\n');
  symlinkSync(packageModules, join(project, "node_modules"), "dir");
  cpSync(fixture, join(project, "dashboard"), { recursive: true });
  return join(project, "dashboard");
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(file, text.replace(from, to));
}

/** Waits until the page (reloaded by itself) shows `heading` in the template and in the chart's title. */
async function waitForHeading(page: Page, heading: string): Promise<void> {
  await page.waitForFunction(
    (text) => {
      type Bokeh = { documents: { get_model_by_name(n: string): { title?: { text?: string } } | null }[] };
      const chart = (window as unknown as { Bokeh?: Bokeh }).Bokeh?.documents[0]?.get_model_by_name("chart");
      return document.querySelector("#heading")?.textContent === text && chart?.title?.text === text;
    },
    heading,
    { timeout: 30_000 },
  );
}

t.test("--dev: editing an app's files reloads the app, and the open page reloads itself", async (t) => {
  const dir = editableCopy(t);
  const running = run(["serve", dir, "--port", "0", "--address", "127.0.0.1", "--dev"]);
  t.teardown(() => running.child.kill("SIGKILL"));
  const [, url] = await outputMatch(running, /Bokeh app running at: (http:\/\/\S+\/dashboard)\b/);
  const context = await chromiumFor(t);
  const page = await context.newPage();
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto(url ?? "");
  await waitForModel(page, "chart");
  t.same(await modelValues(page, "chart", ["title.text"]), ["Sales v1"]);

  edit(join(dir, "heading.js"), "Sales v1", "Sales v2");
  await waitForHeading(page, "Sales v2");
  t.pass("a change in a module main.js imports: the page reloaded with a session of the new code");
  t.equal(loads, 2, "the page reloaded itself once");

  edit(join(dir, "templates", "index.html"), "<h1", '<p id="edited">template edited</p>\n<h1');
  await page.waitForSelector("#edited", { timeout: 30_000 });
  t.pass("a template change reloads the page too");

  const beforeBreak = loads;
  edit(join(dir, "main.js"), "export default", "export default export default");
  await outputMatch(running, /reloading the app failed/);
  await new Promise((resolve) => setTimeout(resolve, 500));
  t.equal(loads, beforeBreak, "a broken edit is logged and open pages stay as they are");
  const fresh = await fetch(url ?? "").then((res) => res.text());
  t.match(fresh, /Sales v2/, "new sessions keep running the last code that loaded");

  edit(join(dir, "main.js"), "export default export default", "export default");
  edit(join(dir, "heading.js"), "Sales v2", "Sales v3");
  await waitForHeading(page, "Sales v3");
  t.pass("once fixed, the app reloads again");
  running.child.kill("SIGTERM");
  t.equal(await running.exited, 0, "the server with its open reload stream shuts down cleanly");
});

/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import t from "tap";
import { bundleHtml } from "../../src/embed/bundle.js";
import { BOKEHJS_COMPONENTS, INLINE, resourceScripts } from "../../src/embed/resources.js";
import { autoload_static, components, file_html, json_item } from "../../src/embed/standalone.js";
import { ColumnDataSource } from "../../src/models/index.js";
import { CASES, type CaseName, caseDocument } from "./fixtures.js";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** What BokehJS made of a page: its documents, roots, and the canvases and widgets its views rendered. */
interface Rendered {
  documents: number;
  roots: number;
  canvases: number;
  sliders: number;
  title: string;
}

// Counts elements across the shadow roots BokehJS renders into.
const inspect = (): Rendered => {
  const count = (root: Document | ShadowRoot, selector: string): number => {
    let n = root.querySelectorAll(selector).length;
    for (const el of root.querySelectorAll("*")) if (el.shadowRoot !== null) n += count(el.shadowRoot, selector);
    return n;
  };
  const bokeh = (window as unknown as { Bokeh: { documents: { roots(): unknown[] }[] } }).Bokeh;
  return {
    documents: bokeh.documents.length,
    roots: bokeh.documents.reduce((n, doc) => n + doc.roots().length, 0),
    canvases: count(document, "canvas"),
    sliders: count(document, ".noUi-handle"),
    title: document.title,
  };
};

/** Waits until BokehJS has a document with roots and every view has finished rendering. */
async function rendered(page: Page): Promise<Rendered> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as {
        Bokeh?: { documents: { roots(): unknown[] }[]; index: Record<string, { is_idle?: boolean }> };
      };
      const views = Object.values(w.Bokeh?.index ?? {});
      return (w.Bokeh?.documents.length ?? 0) > 0 && views.length > 0 && views.every((v) => v.is_idle !== false);
    },
    undefined,
    { timeout: 30_000 },
  );
  return page.evaluate(inspect);
}

const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-embed-"));
const profile = mkdtempSync(join(tmpdir(), "fastify-bokeh-chromium-"));
let context: BrowserContext;

t.before(async () => {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    offline: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
});
t.teardown(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a file of the temporary directory, recording console errors and uncaught errors. */
async function open(name: string, html: string): Promise<{ page: Page; problems: string[] }> {
  writeFileSync(join(dir, name), html);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || /version mismatch/i.test(msg.text())) problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(pathToFileURL(join(dir, name)).href);
  return { page, problems };
}

const EXPECTED: Record<CaseName, Pick<Rendered, "roots" | "sliders">> = {
  glyphs: { roots: 1, sliders: 0 },
  widgets: { roots: 1, sliders: 1 },
  typed: { roots: 1, sliders: 0 },
};

for (const name of Object.keys(CASES) as CaseName[]) {
  t.test(`file_html of the ${name} document renders from a file, with no server and no network`, async (t) => {
    const { page, problems } = await open(`${name}.html`, file_html(caseDocument(name), INLINE));
    const result = await rendered(page);
    t.same(problems, []);
    t.match(result, { documents: 1, ...EXPECTED[name], title: `${name} & <doc>` });
    t.ok(result.canvases > 0, "the plot drew on a canvas");
    await page.close();
  });
}

t.test("typed arrays arrive in BokehJS as typed arrays with their values", async (t) => {
  const doc = caseDocument("typed");
  const source = [...doc.models.values()].find((m): m is ColumnDataSource => m instanceof ColumnDataSource);
  t.ok(source);
  const { page, problems } = await open("typed-data.html", file_html(doc, INLINE));
  await rendered(page);
  const columns = await page.evaluate((id) => {
    type Source = { get_column(name: string): ArrayLike<number> };
    const bokeh = (window as unknown as { Bokeh: { documents: { get_model_by_id(id: string): Source }[] } }).Bokeh;
    const model = bokeh.documents[0]!.get_model_by_id(id);
    return ["x", "y"].map((c) => ({
      type: Object.prototype.toString.call(model.get_column(c)),
      values: Array.from(model.get_column(c)),
    }));
  }, source!.id);
  t.same(columns, [
    { type: "[object Float64Array]", values: [0.5, 1.5, 2.5] },
    { type: "[object Int32Array]", values: [3, 1, 2] },
  ]);
  t.same(problems, []);
  await page.close();
});

const bokehHead = (): string => bundleHtml(resourceScripts(INLINE, BOKEHJS_COMPONENTS));

t.test("json_item renders with Bokeh.embed.embed_item into the target div", async (t) => {
  const item = json_item(CASES.widgets(), "placed-here");
  const html = `<!DOCTYPE html><html><head>${bokehHead()}</head><body>
<div id="placed-here"></div>
<script type="application/json" id="item">${JSON.stringify(item).replace(/</g, "\\u003c")}</script>
<script>Bokeh.embed.embed_item(JSON.parse(document.getElementById("item").textContent));</script>
</body></html>`;
  const { page, problems } = await open("json-item.html", html);
  const result = await rendered(page);
  t.same(problems, []);
  t.match(result, { documents: 1, roots: 1, sliders: 1 });
  t.ok(
    await page.evaluate(() => document.getElementById("placed-here")!.children.length > 0),
    "rendered in the target",
  );
  await page.close();
});

t.test("components: a script and divs placed in a page of one's own", async (t) => {
  const [script, divs] = components({ first: CASES.glyphs(), second: CASES.typed() });
  const html = `<!DOCTYPE html><html><head>${bokehHead()}</head><body>
<h1>Two plots</h1><section id="a">${divs.first}</section><section id="b">${divs.second}</section>
${script}
</body></html>`;
  const { page, problems } = await open("components.html", html);
  const result = await rendered(page);
  t.same(problems, []);
  t.match(result, { documents: 1, roots: 2 });
  const placed = await page.evaluate(() =>
    ["a", "b"].map((id) => document.getElementById(id)!.querySelectorAll(":scope > div > *").length),
  );
  t.ok(
    placed.every((n) => n > 0),
    `each root renders into its own div (${placed})`,
  );
  await page.close();
});

t.test("autoload_static: the script loads BokehJS and renders where its tag is", async (t) => {
  const [js, tag] = autoload_static(CASES.glyphs(), INLINE, "plot.js");
  writeFileSync(join(dir, "plot.js"), js);
  const { page, problems } = await open(
    "autoload.html",
    `<!DOCTYPE html><html><body><p>before</p>${tag}<p>after</p></body></html>`,
  );
  const result = await rendered(page);
  t.same(problems, []);
  t.match(result, { documents: 1, roots: 1 });
  t.ok(result.canvases > 0);
  t.equal(
    await page.evaluate(() => document.querySelector("p + div + p") !== null),
    true,
    "rendered between the paragraphs",
  );
  await page.close();
});

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { Document } from "../../src/document/document.js";
import { componentsFor } from "../../src/embed/bundle.js";
import { resourceScripts } from "../../src/embed/resources.js";
import { autoload_static, components, file_html, json_item } from "../../src/embed/standalone.js";
import { save } from "../../src/io/save.js";
import { DataTable, Div, Label, Slider } from "../../src/models/index.js";
import { figure } from "../../src/plotting/figure.js";
import { CASES, caseDocument, pageParts } from "./fixtures.js";

const scriptSrcs = (html: string): string[] => [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1] ?? "");

t.test("file_html loads from the CDN only the bundles the models need", async (t) => {
  t.same(scriptSrcs(file_html(CASES.glyphs(), "cdn")), ["https://cdn.bokeh.org/bokeh/release/bokeh-3.9.2.min.js"]);
  t.same(scriptSrcs(file_html(CASES.widgets(), { mode: "cdn" })), [
    "https://cdn.bokeh.org/bokeh/release/bokeh-3.9.2.min.js",
    "https://cdn.bokeh.org/bokeh/release/bokeh-widgets-3.9.2.min.js",
  ]);
  t.match(file_html(CASES.glyphs()), /<script>\nBokeh\.set_log_level\("info"\);\n<\/script>/, "CDN by default");
});

t.test("componentsFor picks widgets, tables, WebGL and MathJax from the models", async (t) => {
  t.same(componentsFor([new Slider({ start: 0, end: 1, value: 0 })]), ["bokeh", "bokeh-widgets"]);
  t.same(componentsFor([new DataTable()]), ["bokeh", "bokeh-widgets", "bokeh-tables"]);
  t.same(componentsFor([figure({ output_backend: "webgl" })]), ["bokeh", "bokeh-gl"]);
  t.same(componentsFor([new Label({ text: "$$x^2$$" })]), ["bokeh", "bokeh-mathjax"]);
  t.same(componentsFor([new Div({ text: "$$x^2$$", disable_math: true })]), ["bokeh", "bokeh-widgets"]);
  t.same(componentsFor(null).length, 5, "no models known: everything");
});

t.test("server and URL resources point at bundle files", async (t) => {
  t.same(resourceScripts({ mode: "server", root_url: "http://h:5006" }, ["bokeh", "bokeh-gl"]).js_files, [
    "http://h:5006/static/js/bokeh.min.js",
    "http://h:5006/static/js/bokeh-gl.min.js",
  ]);
  t.same(resourceScripts({ mode: "url", root_url: "js/", log_level: "warn" }, ["bokeh"]), {
    js_files: ["js/bokeh.min.js"],
    js_raw: ['Bokeh.set_log_level("warn");'],
  });
  const inline = resourceScripts({ mode: "inline" }, ["bokeh"]);
  t.same(inline.js_files, []);
  t.match(inline.js_raw[0], /^\/\* BEGIN bokeh\.min\.js \*\/\n/);
  t.notMatch(inline.js_raw[0], /<\/script/i, "nothing in the bundle closes the script element");
  t.throws(() => resourceScripts({ mode: "inline", js_dir: "/nonexistent" }, ["bokeh"]));
});

t.test("file_html: title, one div per root, and the document JSON safe inside the page", async (t) => {
  const doc = caseDocument("glyphs");
  doc.add_root(new Div({ text: "</script><b>&amp;</b>" }));
  const html = file_html(doc, "cdn");
  const parts = pageParts(html);
  t.equal(parts.title, "glyphs &amp; &lt;doc&gt;");
  t.equal((html.match(/data-root-id=/g) ?? []).length, 2);
  t.equal((html.match(/<\/script>/g) ?? []).length, 5, "only the page's own script elements close");
  const [only] = Object.values(parts.docs) as { title: string; roots: { attributes: { text?: string } }[] }[];
  t.equal(only?.title, "glyphs & <doc>");
  t.equal(only?.roots[1]?.attributes.text, "</script><b>&amp;</b>");
  t.equal(pageParts(file_html(doc, "cdn", "Mine")).title, "Mine");
  t.throws(() => file_html(new Document()), /no roots/);
});

t.test("file_html of some roots of a document outputs just those, without moving them", async (t) => {
  const doc = caseDocument("glyphs");
  const other = CASES.typed();
  doc.add_root(other);
  const parts = pageParts(file_html([other], "cdn"));
  const [json] = Object.values(parts.docs) as { title: string; roots: { id: string }[] }[];
  t.same(
    json?.roots.map((root) => root.id),
    [other.id],
  );
  t.equal(json?.title, "Bokeh Application", "the stand-in document's title, as Python's");
  t.equal(other.document, doc);
});

t.test("a model without a document joins a new one, as in Python", async (t) => {
  const model = CASES.glyphs();
  json_item(model);
  t.type(model.document, Document);
  t.same((model.document as Document).roots, [model]);
});

t.test("json_item", async (t) => {
  const model = caseDocument("widgets").roots[0]!;
  const item = json_item(model);
  t.match(item, { target_id: null, root_id: model.id, version: "3.9.2", doc: { title: "", version: "3.9.2" } });
  t.equal((model.document as Document).title, "widgets & <doc>", "the document keeps its title");
  t.equal(json_item(model, "here").target_id, "here");
});

t.test("components returns divs in the shape the models came in", async (t) => {
  const [script, div] = components(CASES.glyphs());
  t.match(script, /^<script>\n/);
  t.match(div, /^<div id="[a-f][0-9a-f-]+" data-root-id="p\d+" style="display: contents;"><\/div>$/);
  const [, list] = components([CASES.glyphs(), CASES.typed()]);
  t.equal(list.length, 2);
  const [bare, named] = components({ a: CASES.glyphs(), b: CASES.typed() }, { wrap_script: false });
  t.same(Object.keys(named), ["a", "b"]);
  t.notMatch(bare, /<script/);
  t.match(bare, /Bokeh\.embed\.embed_items\(docs_json, render_items\)/);
});

t.test("autoload_static: the tag's id is where the root renders", async (t) => {
  const model = CASES.glyphs();
  const [js, tag] = autoload_static(model, "cdn", "static/plot.js");
  const id = /id="([^"]+)"/.exec(tag)?.[1];
  t.match(tag, /^<script src="static\/plot\.js" id="[a-f][0-9a-f-]+"><\/script>$/);
  t.match(js, new RegExp(`"roots":\\{"${model.id}":"${id}"\\}`));
  t.match(js, /https:\/\/cdn\.bokeh\.org\/bokeh\/release\/bokeh-mathjax-3\.9\.2\.min\.js/, "every bundle");
});

t.test("save writes file_html's page", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-save-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "plot.html");
  t.equal(
    await save(caseDocument("glyphs"), file, { title: "Saved", resources: { mode: "url", root_url: "js/" } }),
    file,
  );
  const html = readFileSync(file, "utf8");
  t.equal(pageParts(html).title, "Saved");
  t.same(scriptSrcs(html), ["js/bokeh.min.js"]);
});

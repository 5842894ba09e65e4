import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import t from "tap";
import {
  BOKEHJS_BUNDLES,
  BOKEHJS_STATIC_DIR,
  bokehJsScriptUrls,
  bokehJsVersion,
  bundleHash,
  bundlePath,
  staticUrlRoot,
} from "../../src/resources/bokehjs.js";
import { readReference } from "../page/fixtures/reference.js";

const sha512 = (file: string) => createHash("sha512").update(readFileSync(file)).digest("hex");

t.test("version comes from the installed package", async (t) => {
  t.equal(bokehJsVersion(), "3.9.2");
});

t.test("bundles are listed in load order and exist", async (t) => {
  t.same([...BOKEHJS_BUNDLES], ["bokeh", "bokeh-gl", "bokeh-widgets", "bokeh-tables", "bokeh-mathjax"]);
  for (const bundle of BOKEHJS_BUNDLES) {
    t.equal(bundleHash(bundle), sha512(join(BOKEHJS_STATIC_DIR, bundlePath(bundle))), `hash of ${bundle}`);
    t.match(bundleHash(bundle), /^[0-9a-f]{128}$/);
  }
});

t.test("hashes equal the ones bokeh serve 3.9.2 put in its page", async (t) => {
  const recorded = readReference("app-page.html");
  const srcs = [...recorded.matchAll(/<script src="([^"]+)"><\/script>/g)].map((m) => m[1]);
  t.same(bokehJsScriptUrls("/"), srcs);
});

t.test("URL roots", async (t) => {
  t.equal(staticUrlRoot(""), "/");
  t.equal(staticUrlRoot("/"), "/");
  t.equal(staticUrlRoot("/pfx"), "/pfx/");
  t.equal(staticUrlRoot("/pfx/"), "/pfx/");
  t.equal(staticUrlRoot("", "http://127.0.0.1:39107/app"), "http://127.0.0.1:39107/");
  t.equal(staticUrlRoot("/pfx", "https://example.com/pfx/app?x=1"), "https://example.com/pfx/");
  for (const junk of ["/app", "", "javascript:alert(1)", "not a url"]) {
    t.equal(staticUrlRoot("/pfx", junk), "/pfx/", `falls back for ${JSON.stringify(junk)}`);
  }

  const relative = bokehJsScriptUrls("/pfx/");
  t.equal(relative[0], `/pfx/static/js/bokeh.min.js?v=${bundleHash("bokeh")}`);
  t.same(bokehJsScriptUrls("/pfx"), relative, "trailing slash is optional");
  const absolute = bokehJsScriptUrls("http://h:5006/");
  t.equal(absolute[4], `http://h:5006/static/js/bokeh-mathjax.min.js?v=${bundleHash("bokeh-mathjax")}`);
});

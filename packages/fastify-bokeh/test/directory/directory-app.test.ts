import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Document } from "@fastify-bokeh/document";
import fastify from "fastify";
import t from "tap";
import { loadServeApps } from "../../src/cli/serve-apps.js";
import { bokehApp, bokehCore, parseServeArgs, ServeArgsError } from "../../src/index.js";

const apps = fileURLToPath(new URL("../fixtures/directory-apps/", import.meta.url));

t.test("a template that does not extend base gets bokeh_js, plot_div, plot_script, roots and macros", async (t) => {
  const loaded = await loadServeApps({ files: ["plain-page"] }, apps);
  const [app] = loaded.apps;
  t.equal(app?.path, "/plain-page", "served at /<directory name>");
  const server = fastify();
  t.teardown(() => server.close());
  await server.register(bokehCore);
  await server.register(loaded.plugin);
  for (const options of loaded.apps) await server.register(bokehApp, options);
  const html = (await server.inject("/plain-page")).body;
  t.match(html, "<title>Plain &amp; simple</title>", "title, escaped by | e");
  t.match(
    html,
    /<head><title>[^<]*<\/title><script src="\/static\/js\/bokeh\.min\.js\?v=/,
    "bokeh_js; bokeh_css is empty",
  );
  t.match(html, '<p id="motto">from the module</p>', "the module's templateVariables");
  const divs = /<section id="all">(.*?)<\/section>/s.exec(html)?.[1] ?? "";
  const ids = [...divs.matchAll(/data-root-id="(p\d+)"/g)].map((m) => m[1]);
  t.equal(ids.length, 2, "plot_div has every root");
  t.match(html, new RegExp(`<section id="second"><div id="[^"]+" data-root-id="${ids[1]}"`), "macros' embed, by name");
  t.match(html, "<li>first</li><li>second</li>", "roots iterate with their names");
  t.match(html, /Bokeh\.embed\.embed_items/, "plot_script");
});

t.test("theme.json is applied to the document before the app code runs", async (t) => {
  const { apps: loaded } = await loadServeApps({ files: ["json-theme"] }, apps);
  const doc = new Document();
  await loaded[0]?.app(doc);
  t.equal(doc.get_model_by_name("themed")?.getv("text"), "from theme.json");
});

t.test("main.ts and app_hooks.ts make a directory app as main.js and app_hooks.js do", async (t) => {
  const loaded = await loadServeApps({ files: ["ts-app"] }, apps);
  const [options] = loaded.apps;
  t.equal(options?.path, "/ts-app");
  const doc = new Document();
  await options?.app(doc);
  t.equal(doc.get_model_by_name("typed")?.getv("text"), "from main.ts", "main.ts builds the document");
  const server = fastify();
  t.teardown(() => server.close());
  await server.register(bokehCore);
  await server.register(loaded.plugin);
  for (const app of loaded.apps) await server.register(bokehApp, app);
  await server.ready();
  const html = (await server.inject("/ts-app")).body;
  t.match(html, "<title>Typed directory app</title>", "main.ts's exports");
  const token = /"token":\s*"([^"]+)"/.exec(html)?.[1] ?? "";
  const sessionId = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString()).session_id as string;
  const { tsAppHooks } = globalThis as { tsAppHooks?: { calls: string[] } };
  t.same(tsAppHooks?.calls, ["server loaded", `session created ${sessionId}`], "app_hooks.ts's hooks ran");
});

t.test("directory apps that cannot be served say why", async (t) => {
  const empty = mkdtempSync(join(tmpdir(), "fastify-bokeh-empty-app-"));
  t.teardown(() => rmSync(empty, { recursive: true, force: true }));
  await t.rejects(loadServeApps({ files: [empty] }), {
    name: "ServeArgsError",
    message: /needs a main\.ts, main\.mts, main\.js/,
  });
  await t.rejects(loadServeApps({ files: ["bad-theme"] }, apps), {
    name: "ServeArgsError",
    message: /theme\.yaml: 'attrs\.Plot' must be a mapping/,
  });
  await t.rejects(loadServeApps({ files: ["two-hook-names"] }, apps), {
    name: "ServeArgsError",
    message: /export either onSessionCreated or on_session_created, not both/,
  });
  await t.rejects(
    loadServeApps({ files: ["nowhere"] }, apps),
    new ServeArgsError("nowhere: no such file or directory"),
  );
});

t.test("--dev takes optional files to watch, as bokeh serve's", async (t) => {
  t.same(parseServeArgs(["app.js", "--dev"]).dev, [], "--dev alone");
  t.same(parseServeArgs(["app.js", "--dev", "data.csv", "style.css"]).dev, ["data.csv", "style.css"]);
  t.same(parseServeArgs(["--dev", "app.js", "--port", "1"]).files, [], "as in bokeh, files after --dev are watched");
  t.notOk("dev" in parseServeArgs(["app.js"]), "absent without the flag");
});

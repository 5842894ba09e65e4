import t from "tap";
import { type AppPageRoot, type AppPageTemplateVariables, renderAppPage } from "../../src/page/app-page.js";
import { newElementId } from "../../src/page/element-id.js";
import { bokehJsScriptUrls } from "../../src/resources/bokehjs.js";
import { attr, decodeHtml, FakeBrowser, scriptTags } from "./fixtures/browser-sim.js";
import { readReference } from "./fixtures/reference.js";

const TOKEN = "eyJzZXNzaW9uX2lkIjogImpHN21VSDlkek5pMXRRQlhvejl1RFU5Z1FsS1hwSXVXTWRsMjk5VlZ2TTFJIn0";
const HOSTILE = `</script><script>alert(1)</script><!-- "'&\u2028\u2029`;

/** Tag names in document order: the page's skeleton, independent of ids, token and whitespace. */
function skeleton(html: string): string[] {
  const withoutScriptBodies = html.replace(/(<script[^>]*>)[\s\S]*?(<\/script>)/g, "$1$2");
  return [...withoutScriptBodies.matchAll(/<(\/?[a-zA-Z!][^\s>]*)/g)].map((m) => (m[1] ?? "").toLowerCase());
}

function divs(html: string): Array<{ id: string | undefined; rootId: string | undefined; style: string | undefined }> {
  return [...html.matchAll(/<div([^>]*)><\/div>/g)].map((m) => ({
    id: attr(m[1] ?? "", "id"),
    rootId: attr(m[1] ?? "", "data-root-id"),
    style: attr(m[1] ?? "", "style"),
  }));
}

/** Runs the page's scripts against a fake BokehJS and returns the single embed_items call. */
function embedCall(html: string): { docsJson: unknown; renderItems: unknown; extra: unknown[]; logLevels: unknown[] } {
  const browser = new FakeBrowser();
  browser.defineBokeh();
  browser.runPage(html);
  if (browser.calls.embeds.length !== 1)
    throw new Error(`expected one embed_items call, got ${browser.calls.embeds.length}`);
  const [docsJson, renderItems, ...extra] = browser.calls.embeds[0]!;
  return { docsJson, renderItems, extra, logLevels: browser.calls.logLevels };
}

function page(roots: AppPageRoot[], title = "Transcript app", token = TOKEN): string {
  return renderAppPage({ title, token, roots, scriptUrls: bokehJsScriptUrls("/") });
}

t.test("same structure as the page bokeh serve 3.9.2 sent", async (t) => {
  const reference = readReference("app-page.html");
  const refDivs = divs(reference);
  t.equal(refDivs.length, 1, "the recorded page has one root");
  // Model ids depend on how many models the recorded server had made: our page gets the recorded root's id.
  const rootId = refDivs[0]?.rootId ?? "";
  t.match(rootId, /^p\d+$/, "bokeh serve's root id");
  const ours = page([{ id: rootId, elementId: newElementId() }]);

  // Our one addition: an inline icon, so browsers request no /favicon.ico (which 404s under a prefix).
  t.same(
    skeleton(ours).filter((tag) => tag !== "link"),
    skeleton(reference),
    "same elements in the same order",
  );
  t.match(ours, /<link rel="icon" href="data:image\/svg\+xml,[^"]+">/, "an inline icon");
  t.match(ours, /^<!DOCTYPE html>\n<html lang="en">/);
  t.match(ours, /<meta charset="utf-8">\s*<title>Transcript app<\/title>/);
  const style = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)?.[1]?.replace(/\s+/g, " ").trim();
  t.equal(style(ours), style(reference), "same full-height style");

  const srcs = (html: string) => scriptTags(html).flatMap((s) => attr(s.attrs, "src") ?? []);
  t.same(srcs(ours), srcs(reference), "same bundle URLs, in order");

  t.equal(divs(ours).length, 1);
  t.equal(divs(ours)[0]!.rootId, refDivs[0]!.rootId);
  t.equal(divs(ours)[0]!.style, "display: contents;");

  const theirs = embedCall(reference);
  const mine = embedCall(ours);
  t.same(mine.logLevels, theirs.logLevels, 'Bokeh.set_log_level("info")');
  t.equal(typeof mine.docsJson, "string", "docs_json is passed as text");
  t.same(JSON.parse(String(mine.docsJson)), JSON.parse(String(theirs.docsJson)), "docs_json is {}");
  t.same(mine.extra, theirs.extra, "two arguments only");
  const theirItems = theirs.renderItems as Array<Record<string, unknown>>;
  const myItems = mine.renderItems as Array<Record<string, unknown>>;
  t.same(Object.keys(myItems[0]!), Object.keys(theirItems[0]!), "same render item fields, same order");
  t.equal(theirItems[0]!.use_for_title, true);
  t.same({ ...myItems[0], roots: undefined }, { ...theirItems[0], roots: undefined, token: TOKEN });
});

t.test("roots: every div's id is the element BokehJS renders that root into, in document order", async (t) => {
  const roots = [
    { id: "p1001", elementId: newElementId() },
    { id: "10", elementId: newElementId() },
    { id: "p0002", elementId: newElementId() },
  ];
  const html = page(roots);
  t.same(
    divs(html).map((d) => [d.rootId, d.id]),
    roots.map((r) => [r.id, r.elementId]),
  );
  const { renderItems } = embedCall(html);
  t.same(renderItems, [
    {
      token: TOKEN,
      roots: Object.fromEntries(roots.map((r) => [r.id, r.elementId])),
      root_ids: ["p1001", "10", "p0002"],
      use_for_title: true,
    },
  ]);
  const [item] = renderItems as Array<{ roots: Record<string, string>; root_ids: string[] }>;
  for (const id of item!.root_ids) t.ok(html.includes(`<div id="${item!.roots[id]}" data-root-id="${id}"`), id);
  // The JSON script must come after the divs so that the embed script finds them all.
  t.ok(html.lastIndexOf("<div ") < html.indexOf('<script type="application/json"'));
});

t.test("a document without roots still embeds the session", async (t) => {
  const html = page([]);
  t.equal(divs(html).length, 0);
  t.same(embedCall(html).renderItems, [{ token: TOKEN, roots: {}, root_ids: [], use_for_title: true }]);
});

t.test("a hostile title cannot break out", async (t) => {
  const html = page([{ id: "p1", elementId: "a1" }], HOSTILE);
  t.equal(scriptTags(html).length, 8, "5 bundles + log level + JSON + embed; nothing injected");
  t.notMatch(html, /alert\(1\)<\/script>/);
  t.match(
    html,
    "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &quot;&#39;&amp;\u2028\u2029</title>",
  );
  t.same(skeleton(html), skeleton(page([{ id: "p1", elementId: "a1" }])));
});

t.test("hostile token, root ids and element ids survive intact and inert", async (t) => {
  const roots = [{ id: `p"><img src=x onerror=alert(1)>${HOSTILE}`, elementId: `e"${HOSTILE}` }];
  const token = `${HOSTILE}\\"'\``;
  const html = renderAppPage({ title: "t", token, roots, scriptUrls: [`/static/js/bokeh.min.js?v=1&x="><script>`] });
  t.equal(scriptTags(html).length, 4, "1 bundle + log level + JSON + embed; nothing injected");
  t.notMatch(html, /<img/);
  t.same(
    divs(html).map((d) => [decodeHtml(d.id ?? ""), decodeHtml(d.rootId ?? "")]),
    [[roots[0]!.elementId, roots[0]!.id]],
    "attributes decode to the original ids",
  );
  t.equal(attr(scriptTags(html)[0]!.attrs, "src"), "/static/js/bokeh.min.js?v=1&amp;x=&quot;&gt;&lt;script&gt;");
  for (const tag of scriptTags(html).slice(1)) {
    t.notMatch(tag.text, /[\u2028\u2029]/, "no raw line separators in scripts");
  }
  const { renderItems } = embedCall(html);
  t.same(renderItems, [
    { token, roots: { [roots[0]!.id]: roots[0]!.elementId }, root_ids: [roots[0]!.id], use_for_title: true },
  ]);
});

t.test("log level", async (t) => {
  const html = renderAppPage({ title: "t", token: TOKEN, roots: [], scriptUrls: [], logLevel: "debug" });
  t.same(embedCall(html).logLevels, ["debug"]);
  const hostile = renderAppPage({ title: "t", token: TOKEN, roots: [], scriptUrls: [], logLevel: HOSTILE });
  t.same(embedCall(hostile).logLevels, [HOSTILE]);
});

t.test("element ids are fresh, CSS-safe UUIDs", async (t) => {
  const ids = new Set(Array.from({ length: 200 }, () => newElementId()));
  t.equal(ids.size, 200);
  for (const id of ids) t.match(id, /^[a-f][0-9a-f]{7}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const jsonIds = [page([]), page([])].map((html) => attr(scriptTags(html)[6]!.attrs, "id"));
  t.not(jsonIds[0], jsonIds[1], "the JSON script id differs per page");
});

t.test("templates", async (t) => {
  const roots = [
    { id: "p1", elementId: newElementId(), name: "plot" },
    { id: "p2", elementId: newElementId(), name: "controls" },
  ];
  let seen: AppPageTemplateVariables | undefined;
  const html = renderAppPage({
    title: "A <b>title</b>",
    token: TOKEN,
    roots,
    scriptUrls: bokehJsScriptUrls("/"),
    templateVariables: { heading: "Hello", items: [1, 2] },
    template: (vars) => {
      seen = vars;
      const byName = (name: string) => vars.roots.find((r) => r.name === name)?.div ?? "";
      return `<!DOCTYPE html><html><head><title>${vars.titleHtml}</title>${vars.bokehJs}</head><body>
<h1>${String(vars.templateVariables.heading)}</h1>
<main>${byName("controls")}<pre>
  ${byName("plot")}</pre></main>
${vars.plotScript}</body></html>`;
    },
  });
  t.ok(seen);
  t.equal(seen?.title, "A <b>title</b>");
  t.equal(seen?.titleHtml, "A &lt;b&gt;title&lt;/b&gt;");
  t.same(seen?.templateVariables, { heading: "Hello", items: [1, 2] });
  t.same(seen?.docs, [
    {
      token: TOKEN,
      roots: { p1: roots[0]!.elementId, p2: roots[1]!.elementId },
      root_ids: ["p1", "p2"],
      use_for_title: true,
    },
  ]);
  t.match(html, "<h1>Hello</h1>");
  t.equal(scriptTags(html).length, 8);
  t.same(embedCall(html).renderItems, seen?.docs, "the template's page embeds the same session");
  t.ok(html.indexOf(roots[1]!.elementId) < html.indexOf(roots[0]!.elementId), "roots placed where the template says");
});

t.test("templates can extend the default page", async (t) => {
  const roots = [{ id: "p1", elementId: newElementId() }];
  const html = renderAppPage({
    title: "t",
    token: TOKEN,
    roots,
    scriptUrls: bokehJsScriptUrls("/"),
    template: ({ base, roots }) =>
      base({
        preamble: '<link rel="stylesheet" href="/app.css">',
        postamble: "<style>.x{}</style>",
        contents: `<header>Gallery</header>\n<pre>  keep\n    this</pre>\n${roots[0]!.div}`,
      }),
  });
  const plain = page(roots, "t");
  t.ok(html.indexOf('<link rel="stylesheet"') < html.indexOf("<style>"), "preamble before the resources");
  t.ok(html.indexOf("<style>.x{}</style>") > html.lastIndexOf("<script src="), "postamble after the resources");
  t.ok(html.indexOf("<style>.x{}</style>") < html.indexOf("</head>"));
  t.match(html, "<pre>  keep\n    this</pre>", "blocks are inserted verbatim");
  t.ok(
    html.indexOf("<header>") > html.indexOf("<body>") &&
      html.indexOf("<header>") < html.indexOf('<script type="application/json"'),
  );
  t.same(embedCall(html).renderItems, embedCall(plain).renderItems);
  t.equal(
    renderAppPage({ title: "t", token: TOKEN, roots, scriptUrls: [], template: ({ base }) => base() }).replace(
      /[0-9a-f-]{36}/g,
      "",
    ),
    renderAppPage({ title: "t", token: TOKEN, roots, scriptUrls: [] }).replace(/[0-9a-f-]{36}/g, ""),
    "base() is the default page",
  );
});

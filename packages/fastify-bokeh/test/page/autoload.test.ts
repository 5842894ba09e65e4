import t from "tap";
import { type AutoloadOptions, renderAutoloadJs } from "../../src/page/autoload.js";
import { bokehJsScriptUrls, staticUrlRoot } from "../../src/resources/bokehjs.js";
import { FakeBrowser } from "./fixtures/browser-sim.js";
import { readReference } from "./fixtures/reference.js";

const TOKEN = "eyJzZXNzaW9uX2lkIjogIjVOc1o0ejlXTzV1NmJjUlFqaTYwOHAzRE84VUdhcWxRS05OSXV5bDRPQ2JDIn0";
const ABSOLUTE = "http://127.0.0.1:39107/app";

function options(overrides: Partial<AutoloadOptions> = {}): AutoloadOptions {
  return {
    token: TOKEN,
    elementId: "bk-root-elem",
    appPath: "/app",
    absoluteUrl: ABSOLUTE,
    scriptUrls: bokehJsScriptUrls(staticUrlRoot("", ABSOLUTE)),
    ...overrides,
  };
}

/** A page holding the element autoload.js replaces. */
function hostPage(elementId = "bk-root-elem"): FakeBrowser {
  const browser = new FakeBrowser();
  browser.elements.set(elementId, { textContent: "" });
  return browser;
}

const expectedEmbed = (elementId = "bk-root-elem") => [
  "{}",
  [{ token: TOKEN, elementid: elementId, use_for_title: false }],
  "/app",
  ABSOLUTE,
];

t.test("contains the token, element id, app path and absolute bundle URLs", async (t) => {
  const js = renderAutoloadJs(options());
  t.match(js, TOKEN);
  t.match(js, '"bk-root-elem"');
  t.match(js, '"/app"');
  for (const url of bokehJsScriptUrls("http://127.0.0.1:39107/")) t.ok(js.includes(JSON.stringify(url)), url);
  t.notMatch(js, /"\/static\//, "no root-relative bundle URL");
});

t.test("loads the bundles in order, without async, then embeds", async (t) => {
  const browser = hostPage();
  browser.run(renderAutoloadJs(options()));
  t.same(
    browser.injected.map((s) => [s.src, s.async]),
    bokehJsScriptUrls("http://127.0.0.1:39107/").map((url) => [url, false]),
  );
  t.same(browser.calls.embeds, [], "nothing happens before the bundles have loaded");
  t.same(browser.warnings, []);
  browser.defineBokeh();
  browser.loadInjected();
  t.same(browser.calls.logLevels, ["info"]);
  t.same(browser.calls.embeds, [expectedEmbed()]);
  t.equal(browser.window._bokeh_is_loading, 0);
});

t.test("asks BokehJS for the same as bokeh serve 3.9.2's autoload.js", async (t) => {
  const reference = readReference("autoload.js");
  const token = /"token":"([^"]+)"/.exec(reference)?.[1] ?? "";
  // The recording asked for the absolute URL of the server it ran on (a port of its own).
  const absoluteUrl = /embed_items\(docs_json, render_items, "\/app", "([^"]+)"\)/.exec(reference)?.[1] ?? "";
  t.match(absoluteUrl, /^http:\/\/127\.0\.0\.1:\d+\/app$/, "the recorded absolute URL");
  const theirs = hostPage();
  theirs.run(reference);
  const ours = hostPage();
  ours.run(
    renderAutoloadJs(options({ token, absoluteUrl, scriptUrls: bokehJsScriptUrls(staticUrlRoot("", absoluteUrl)) })),
  );
  t.same(
    ours.injected.map((s) => [s.src, s.async]),
    theirs.injected.map((s) => [s.src, s.async]),
    "same scripts injected",
  );
  for (const browser of [theirs, ours]) {
    browser.defineBokeh();
    browser.loadInjected();
  }
  t.same(ours.calls, theirs.calls, "same set_log_level and embed_items calls");
});

t.test("a second autoload while BokehJS loads waits for it instead of loading it again", async (t) => {
  const browser = hostPage();
  browser.elements.set("second", { textContent: "" });
  browser.run(renderAutoloadJs(options()));
  browser.run(renderAutoloadJs(options({ elementId: "second" })));
  t.equal(browser.injected.length, 5, "bundles injected once");
  browser.defineBokeh();
  browser.loadInjected();
  t.same(browser.calls.embeds, [expectedEmbed(), expectedEmbed("second")]);

  browser.elements.set("third", { textContent: "" });
  browser.run(renderAutoloadJs(options({ elementId: "third" })));
  t.equal(browser.injected.length, 0, "already loaded: nothing injected");
  t.same(browser.calls.embeds[2], expectedEmbed("third"), "embedded at once");
});

t.test("resources=none injects nothing and uses the page's BokehJS", async (t) => {
  const js = renderAutoloadJs(options({ scriptUrls: null }));
  t.notMatch(js, /static\/js/);
  const browser = hostPage();
  browser.defineBokeh();
  browser.run(js);
  t.equal(browser.injected.length, 0);
  t.same(browser.calls.embeds, [expectedEmbed()]);
});

t.test("resources=none waits for BokehJS the page is still loading", async (t) => {
  const browser = hostPage();
  browser.run(renderAutoloadJs(options({ scriptUrls: null })));
  t.same(browser.calls.embeds, []);
  await new Promise((resolve) => setTimeout(resolve, 30));
  browser.defineBokeh();
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.same(browser.calls.embeds, [expectedEmbed()]);
});

t.test("without absolute URL, the embed call has the app path only", async (t) => {
  const browser = hostPage();
  browser.defineBokeh();
  browser.run(renderAutoloadJs(options({ absoluteUrl: undefined, scriptUrls: null, appPath: "/" })));
  t.same(browser.calls.embeds, [["{}", [{ token: TOKEN, elementid: "bk-root-elem", use_for_title: false }], "/"]]);
});

t.test("warns when the element is missing", async (t) => {
  const browser = new FakeBrowser();
  browser.defineBokeh();
  browser.run(renderAutoloadJs(options({ scriptUrls: null })));
  t.equal(browser.warnings.length, 1);
  t.match(String(browser.warnings[0]?.[0]), /bk-root-elem/);
});

t.test("hostile values stay data", async (t) => {
  const hostile = `</script>"'\\\u2028\u2029${"`"}\${alert(1)}`;
  const js = renderAutoloadJs(
    options({ token: hostile, elementId: hostile, appPath: hostile, absoluteUrl: hostile, logLevel: hostile }),
  );
  t.notMatch(js, /<\/script>/i);
  t.notMatch(js, /[\u2028\u2029]/);
  const browser = hostPage(hostile);
  browser.defineBokeh();
  browser.window._bokeh_is_loading = 0;
  browser.run(js);
  t.same(browser.calls.logLevels, [hostile]);
  t.same(browser.calls.embeds, [
    ["{}", [{ token: hostile, elementid: hostile, use_for_title: false }], hostile, hostile],
  ]);
  t.same(browser.warnings, []);
});

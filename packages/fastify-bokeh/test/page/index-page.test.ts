import t from "tap";
import { renderIndexPage } from "../../src/page/index-page.js";
import { decodeHtml } from "./fixtures/browser-sim.js";

function links(html: string): Array<[string, string]> {
  return [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [
    decodeHtml(m[1] ?? ""),
    decodeHtml(m[2] ?? ""),
  ]);
}

t.test("lists a link per application: href {prefix}{app}, text without the leading slash", async (t) => {
  const html = renderIndexPage({ prefix: "/pfx", apps: ["/app", "/other/sub"] });
  t.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
  t.same(links(html), [
    ["/pfx/app", "app"],
    ["/pfx/other/sub", "other/sub"],
  ]);
  t.same(
    links(renderIndexPage({ prefix: "", apps: ["/b", "/a"] })),
    [
      ["/b", "b"],
      ["/a", "a"],
    ],
    "given order is kept",
  );
});

t.test("descriptions", async (t) => {
  const html = renderIndexPage({
    prefix: "",
    apps: [{ path: "/sliders", description: "Sine wave with <b>sliders</b>" }, { path: "/plain" }, "/str"],
  });
  t.same(links(html), [
    ["/sliders", "sliders"],
    ["/plain", "plain"],
    ["/str", "str"],
  ]);
  t.match(html, "Sine wave with &lt;b&gt;sliders&lt;/b&gt;");
  t.equal(html.match(/class="description"/g)?.length, 1, "only where given");
});

t.test("an application at the root, no applications, a title", async (t) => {
  t.same(links(renderIndexPage({ prefix: "", apps: [""] })), [["/", "/"]]);
  t.same(links(renderIndexPage({ prefix: "/pfx", apps: ["/"] })), [["/pfx/", "/"]]);
  const empty = renderIndexPage({ prefix: "", apps: [] });
  t.same(links(empty), []);
  t.match(empty, "<ul>");
  const titled = renderIndexPage({ prefix: "", apps: [], title: "Demo <gallery>" });
  t.match(titled, "<title>Demo &lt;gallery&gt;</title>");
  t.match(titled, "<h1>Demo &lt;gallery&gt;</h1>");
});

t.test("hostile paths and descriptions are escaped", async (t) => {
  const path = `/"><script>alert(1)</script>`;
  const html = renderIndexPage({ prefix: "", apps: [{ path, description: "</li><script>x</script>" }] });
  t.notMatch(html, /<script/);
  t.same(links(html), [[path, path.slice(1)]]);
});

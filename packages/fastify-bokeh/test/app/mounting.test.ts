import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import { pullDocReq } from "@fastify-bokeh/protocol";
import fastify, { type FastifyInstance } from "fastify";
import t, { type Test } from "tap";
import { bokehApp, bokehCore } from "../../src/index.js";
import { counterApp } from "../helpers/test-app.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

async function listen(t: Test, server: FastifyInstance): Promise<string> {
  await server.listen({ port: 0, host: "127.0.0.1" });
  t.teardown(() => server.close());
  return `127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}

/** Opens `pagePath`, then its websocket, and returns the document title the session pulls. */
async function pullTitle(host: string, pagePath: string): Promise<string> {
  const token = tokenFromPage(await (await fetch(`http://${host}${pagePath}`)).text());
  const client = await TestClient.open(`ws://${host}${pagePath.replace(/\?.*$/, "").replace(/\/$/, "")}/ws`, token, {
    Origin: `http://${host}`,
  });
  await client.until((ms) => ms.length >= 1);
  const reply = await client.request(pullDocReq());
  client.close();
  return (reply.content as { doc: { title: string } }).doc.title;
}

/** The status of a GET, with the body read so the connection is free when the server closes. */
async function status(url: string): Promise<number> {
  const res = await fetch(url);
  await res.arrayBuffer();
  return res.status;
}

const scriptSrcs = (html: string): string[] =>
  [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));

const titled = (title: string) => (doc: Parameters<typeof counterApp>[0]) => {
  counterApp(doc);
  doc.title = title;
};

t.test("several apps on one instance, each with its own sessions, listed by the index", async (t) => {
  const server = fastify();
  await server.register(bokehCore);
  await server.register(bokehApp, { path: "/one", app: titled("one"), description: "the first app" });
  await server.register(bokehApp, { path: "/two", app: titled("two") });
  const host = await listen(t, server);
  t.equal(await pullTitle(host, "/one"), "one");
  t.equal(await pullTitle(host, "/two"), "two");
  t.equal(server.bokeh.apps.get("/one")!.sessionIds.length, 1);
  t.equal(server.bokeh.apps.get("/two")!.sessionIds.length, 1);
  const index = await (await fetch(`http://${host}/`)).text();
  t.match(index, /<a href="\/one">one<\/a> <span class="description">the first app<\/span>/);
  t.match(index, /<a href="\/two">two<\/a>/);
  const metadata = await (await fetch(`http://${host}/two/metadata`)).json();
  t.same(metadata, { url: "/two", data: {} });
});

t.test("under a Fastify prefix: pages load BokehJS from {prefix}/static and open {prefix}{app}/ws", async (t) => {
  const server = fastify();
  await server.register(
    async (scope) => {
      await scope.register(bokehCore);
      await scope.register(bokehApp, { path: "/one", app: titled("one") });
      await scope.register(bokehApp, { path: "/two", app: titled("two") });
    },
    { prefix: "/pfx" },
  );
  const host = await listen(t, server);
  const html = await (await fetch(`http://${host}/pfx/one`)).text();
  const srcs = scriptSrcs(html);
  t.equal(srcs.length, 5);
  for (const src of srcs) t.match(src, /^\/pfx\/static\/js\/bokeh[a-z-]*\.min\.js\?v=[0-9a-f]{128}$/);
  t.equal(await status(`http://${host}${srcs[0]}`), 200, "the bundle is served there");
  t.equal(await status(`http://${host}/static/js/bokeh.min.js`), 404, "and not outside the prefix");
  t.equal(await pullTitle(host, "/pfx/two"), "two", "the websocket lives under the prefix");
  const index = await (await fetch(`http://${host}/pfx/`)).text();
  t.match(index, /href="\/pfx\/one"/);
  t.match(index, /href="\/pfx\/two"/);
  t.equal(await status(`http://${host}/one`), 404);
});

t.test("Fastify's prefix register option on bokehApp mounts the app, its BokehJS files and index there", async (t) => {
  const server = fastify();
  await server.register(bokehApp, { path: "/top", app: titled("top") });
  await server.register(bokehApp, { path: "/inner", app: titled("inner"), prefix: "/dash" });
  const host = await listen(t, server);
  const srcs = scriptSrcs(await (await fetch(`http://${host}/dash/inner`)).text());
  t.match(srcs[0], /^\/dash\/static\/js\/bokeh\.min\.js\?v=/);
  t.equal(await status(`http://${host}${srcs[0]}`), 200);
  t.equal(await pullTitle(host, "/dash/inner"), "inner");
  t.equal(await pullTitle(host, "/top"), "top");
  const dash = await fetch(`http://${host}/dash`, { redirect: "manual" });
  await dash.arrayBuffer();
  t.equal(dash.status, 302, "/dash has one app: its root redirects there, as bokeh serve's does");
  t.equal(dash.headers.get("location"), "/dash/inner");
  t.notMatch(await (await fetch(`http://${host}/`)).text(), /dash/, "the root index lists only the root prefix's apps");
});

t.test("coexists with the user's own routes and @fastify/static", async (t) => {
  const assets = mkdtempSync(join(tmpdir(), "fastify-bokeh-assets-"));
  writeFileSync(join(assets, "logo.txt"), "our logo");
  const server = fastify();
  // The user's own @fastify/static, decorating reply.sendFile, and their own "/" page.
  await server.register(fastifyStatic, { root: assets, prefix: "/assets/" });
  server.get("/", async () => "our home page");
  server.get("/about", async (_request, reply) => reply.sendFile("logo.txt"));
  await server.register(bokehCore);
  await server.register(bokehApp, { path: "/app", app: titled("app") });
  server.get("/api/ping", async () => ({ pong: true }));
  const host = await listen(t, server);
  t.equal(await (await fetch(`http://${host}/`)).text(), "our home page", "the user's / wins over the index");
  t.equal(await (await fetch(`http://${host}/assets/logo.txt`)).text(), "our logo");
  t.equal(await (await fetch(`http://${host}/about`)).text(), "our logo", "reply.sendFile still works");
  t.same(await (await fetch(`http://${host}/api/ping`)).json(), { pong: true });
  t.equal(await pullTitle(host, "/app"), "app");
  t.equal(await status(`http://${host}/static/js/bokeh.min.js`), 200);
});

t.test("index: false turns the index off; an app at / replaces it", async (t) => {
  const noIndex = fastify();
  await noIndex.register(bokehCore, { index: false });
  await noIndex.register(bokehApp, { path: "/app", app: counterApp });
  const host = await listen(t, noIndex);
  t.equal(await status(`http://${host}/`), 404);
  t.equal(await status(`http://${host}/app`), 200);

  const rooted = fastify();
  await rooted.register(bokehApp, { path: "/", app: titled("root") });
  await rooted.register(bokehApp, { path: "/other", app: titled("other") });
  const rootHost = await listen(t, rooted);
  t.equal(await pullTitle(rootHost, "/"), "root", "the root app's page and /ws");
  t.equal(await pullTitle(rootHost, "/other"), "other");
});

t.test("an app's static folder and metadata", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-app-static-"));
  writeFileSync(join(dir, "style.css"), "body { color: red }");
  let calls = 0;
  const server = fastify();
  await server.register(bokehApp, {
    path: "/app",
    app: counterApp,
    staticDir: dir,
    metadata: () => ({ calls: ++calls }),
  });
  const host = await listen(t, server);
  t.equal(await (await fetch(`http://${host}/app/static/style.css`)).text(), "body { color: red }");
  t.same(await (await fetch(`http://${host}/app/metadata`)).json(), { url: "/app", data: { calls: 1 } });
  t.same(
    await (await fetch(`http://${host}/app/metadata`)).json(),
    { url: "/app", data: { calls: 2 } },
    "a function is called per request",
  );
});

t.test("a HEAD request does not create a session", async (t) => {
  const server = fastify();
  await server.register(bokehApp, { path: "/app", app: counterApp });
  const host = await listen(t, server);
  const head = await fetch(`http://${host}/app`, { method: "HEAD" });
  t.equal(head.status, 405, "bokeh serve's page handler answers HEAD with 405");
  t.same(server.bokeh.apps.get("/app")!.sessionIds, []);
});

t.test("URLs as bokeh serve has them: /app/, HEAD, and the root of a single app", async (t) => {
  const server = fastify();
  await server.register(bokehApp, { path: "/app", app: titled("only") });
  const host = await listen(t, server);
  t.equal(await pullTitle(host, "/app/"), "only", "/app/ is the page too");
  for (const path of ["/app/", "/app/autoload.js", "/app/metadata"]) {
    const head = await fetch(`http://${host}${path}`, { method: "HEAD" });
    t.equal(head.status, 405, `HEAD ${path}`);
  }
  const root = await fetch(`http://${host}/`, { redirect: "manual" });
  await root.arrayBuffer();
  t.equal(root.status, 302, "one app: / redirects to it");
  t.equal(root.headers.get("location"), "/app");

  const listing = fastify();
  await listing.register(bokehCore, { indexRedirect: false });
  await listing.register(bokehApp, { path: "/app", app: titled("only") });
  const listingHost = await listen(t, listing);
  const index = await fetch(`http://${listingHost}/`, { redirect: "manual" });
  t.equal(index.status, 200, "indexRedirect: false lists the single app");
  t.match(await index.text(), /href="\/app"/);
});

t.test("apps in sibling scopes (one plugin per feature) share the server's core", async (t) => {
  const server = fastify();
  await server.register(async (scope) => {
    await scope.register(bokehApp, { path: "/one", app: titled("first") });
  });
  await server.register(async (scope) => {
    scope.addHook("onRequest", async (_request, reply) => {
      reply.header("x-scope", "second");
    });
    await scope.register(bokehApp, { path: "/two", app: titled("second") });
  });
  const host = await listen(t, server);
  t.equal(await pullTitle(host, "/one"), "first");
  t.equal(await pullTitle(host, "/two"), "second", "the sibling's websocket route works");
  const page = await fetch(`http://${host}/two`);
  await page.arrayBuffer();
  t.equal(page.headers.get("x-scope"), "second", "the sibling scope's hooks apply to its app");
  const index = await (await fetch(`http://${host}/`)).text();
  t.match(index, /href="\/one"/);
  t.match(index, /href="\/two"/, "one index lists the apps of both scopes");
});

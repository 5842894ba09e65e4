import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import t from "tap";
import { BOKEHJS_STATIC_DIR, bokehJsScriptUrls, bundleHash } from "../../src/resources/bokehjs.js";
import { bokehStaticPlugin, STATIC_CACHE_MAX_AGE } from "../../src/resources/static-plugin.js";

const BOKEH_MIN_JS = join(BOKEHJS_STATIC_DIR, "js/bokeh.min.js");
const TEN_YEARS_MS = STATIC_CACHE_MAX_AGE * 1000;

async function app(prefix = ""): Promise<FastifyInstance> {
  const fastify = Fastify();
  await fastify.register(bokehStaticPlugin, { prefix });
  await fastify.ready();
  return fastify;
}

t.test("versioned URL: the bundle, bokeh serve's headers and a ten-year cache lifetime", async (t) => {
  const fastify = await app();
  t.teardown(() => fastify.close());
  const [url = ""] = bokehJsScriptUrls("/");
  const before = Date.now();
  const res = await fastify.inject({ method: "GET", url });
  t.equal(res.statusCode, 200);
  t.match(res.headers["content-type"], /^text\/javascript(; ?charset=utf-8)?$/i);
  t.equal(res.headers["accept-ranges"], "bytes");
  t.match(res.headers.etag, /^(W\/)?"[^"]+"$/);
  t.equal(res.headers["last-modified"], statSync(BOKEH_MIN_JS).mtime.toUTCString());
  t.equal(res.headers["cache-control"], `max-age=${STATIC_CACHE_MAX_AGE}`);
  const expires = Date.parse(String(res.headers.expires));
  t.ok(
    expires >= Math.floor(before / 1000) * 1000 + TEN_YEARS_MS && expires <= Date.now() + TEN_YEARS_MS,
    "expires in ten years",
  );
  t.ok(res.rawPayload.equals(readFileSync(BOKEH_MIN_JS)), "serves the file");
  const served = createHash("sha512").update(res.rawPayload).digest("hex");
  t.equal(url.split("?v=")[1], served, "?v= is the sha512 of what is served");
  t.equal(served, bundleHash("bokeh"));
});

t.test("any v argument counts, even empty", async (t) => {
  const fastify = await app();
  t.teardown(() => fastify.close());
  for (const query of ["v", "v=", "v=whatever&x=1"]) {
    const res = await fastify.inject({ method: "GET", url: `/static/js/bokeh-gl.min.js?${query}` });
    t.equal(res.statusCode, 200, query);
    t.equal(res.headers["cache-control"], `max-age=${STATIC_CACHE_MAX_AGE}`, query);
    t.ok(res.headers.expires, query);
  }
});

t.test("unversioned URL: same file, no cache lifetime", async (t) => {
  const fastify = await app();
  t.teardown(() => fastify.close());
  const res = await fastify.inject({ method: "GET", url: "/static/js/bokeh-widgets.min.js?x=1" });
  t.equal(res.statusCode, 200);
  t.match(res.headers["content-type"], /^text\/javascript/);
  t.equal(res.headers["accept-ranges"], "bytes");
  t.ok(res.headers.etag);
  t.ok(res.headers["last-modified"]);
  t.notOk("cache-control" in res.headers, "no Cache-Control");
  t.notOk("expires" in res.headers, "no Expires");
  t.equal(createHash("sha512").update(res.rawPayload).digest("hex"), bundleHash("bokeh-widgets"));
});

t.test("conditional requests get 304", async (t) => {
  const fastify = await app();
  t.teardown(() => fastify.close());
  const url = bokehJsScriptUrls("/")[3];
  const first = await fastify.inject({ method: "GET", url });
  const etag = String(first.headers.etag);

  const byEtag = await fastify.inject({ method: "GET", url, headers: { "if-none-match": etag } });
  t.equal(byEtag.statusCode, 304);
  t.equal(byEtag.rawPayload.length, 0);
  t.equal(byEtag.headers.etag, etag);
  t.equal(byEtag.headers["cache-control"], `max-age=${STATIC_CACHE_MAX_AGE}`, "304 keeps the cache lifetime");

  const byDate = await fastify.inject({
    method: "GET",
    url,
    headers: { "if-modified-since": String(first.headers["last-modified"]) },
  });
  t.equal(byDate.statusCode, 304);

  const stale = await fastify.inject({ method: "GET", url, headers: { "if-none-match": '"something-else"' } });
  t.equal(stale.statusCode, 200);
});

t.test("ranges get 206", async (t) => {
  const fastify = await app();
  t.teardown(() => fastify.close());
  const res = await fastify.inject({ method: "GET", url: "/static/js/bokeh.min.js", headers: { range: "bytes=0-99" } });
  t.equal(res.statusCode, 206);
  const size = statSync(BOKEH_MIN_JS).size;
  t.equal(res.headers["content-range"], `bytes 0-99/${size}`);
  t.equal(res.rawPayload.length, 100);
  t.ok(res.rawPayload.equals(readFileSync(BOKEH_MIN_JS).subarray(0, 100)));
});

t.test("HEAD", async (t) => {
  const fastify = await app();
  t.teardown(() => fastify.close());
  const res = await fastify.inject({ method: "HEAD", url: "/static/js/bokeh.min.js?v=1" });
  t.equal(res.statusCode, 200);
  t.equal(res.headers["content-length"], String(statSync(BOKEH_MIN_JS).size));
  t.equal(res.headers["cache-control"], `max-age=${STATIC_CACHE_MAX_AGE}`);
  t.equal(res.rawPayload.length, 0);
});

t.test("missing files are 404 and directories 403 (as in bokeh serve), without cache headers", async (t) => {
  const fastify = await app();
  t.teardown(() => fastify.close());
  const expected: Array<[string, number]> = [
    ["/static/js/nope.min.js?v=1", 404],
    ["/static/js?v=1", 404],
    ["/static/?v=1", 403],
    ["/static/js/?v=1", 403],
  ];
  for (const [url, status] of expected) {
    const res = await fastify.inject({ method: "GET", url });
    t.equal(res.statusCode, status, url);
    t.notOk("cache-control" in res.headers, url);
    t.notOk("expires" in res.headers, url);
  }
});

t.test("paths cannot escape the BokehJS directory", async (t) => {
  const fastify = await app();
  t.teardown(() => fastify.close());
  const attempts = [
    "/static/../package.json",
    "/static/js/../../package.json",
    "/static/%2e%2e/package.json",
    "/static/js/..%2f..%2fpackage.json",
    "/static/..%5cpackage.json",
    "/static/%2e%2e%2f%2e%2e%2fpackage.json",
    "/static/js/%00bokeh.min.js",
  ];
  for (const url of attempts) {
    const res = await fastify.inject({ method: "GET", url });
    t.ok([400, 403, 404].includes(res.statusCode), `${url} → ${res.statusCode}`);
    t.notMatch(res.body, /"name": "@bokeh\/bokehjs"/, url);
  }
});

t.test("the prefix applies, and other paths are left alone", async (t) => {
  const fastify = await app("/pfx");
  t.teardown(() => fastify.close());
  const url = bokehJsScriptUrls("/pfx/")[2];
  t.match(url, /^\/pfx\/static\/js\/bokeh-widgets\.min\.js\?v=[0-9a-f]{128}$/);
  const res = await fastify.inject({ method: "GET", url });
  t.equal(res.statusCode, 200);
  t.equal(res.headers["cache-control"], `max-age=${STATIC_CACHE_MAX_AGE}`);
  t.equal((await fastify.inject({ method: "GET", url: "/static/js/bokeh.min.js" })).statusCode, 404);
});

t.test("coexists with the host's own @fastify/static, and does not touch the host's routes", async (t) => {
  const fastify = Fastify();
  t.teardown(() => fastify.close());
  await fastify.register(fastifyStatic, { root: join(BOKEHJS_STATIC_DIR, "js"), prefix: "/assets/" });
  await fastify.register(bokehStaticPlugin, { prefix: "" });
  fastify.get("/script.js", async (_request, reply) => reply.type("application/javascript").send("1"));
  await fastify.ready();

  t.equal((await fastify.inject({ method: "GET", url: "/static/js/bokeh.min.js" })).statusCode, 200);
  const own = await fastify.inject({ method: "GET", url: "/assets/bokeh.min.js?v=1" });
  t.equal(own.statusCode, 200);
  t.not(own.headers["cache-control"], `max-age=${STATIC_CACHE_MAX_AGE}`, "host's static files keep their own caching");
  const route = await fastify.inject({ method: "GET", url: "/script.js?v=1" });
  t.equal(route.headers["content-type"], "application/javascript");
  t.notOk("expires" in route.headers);
});

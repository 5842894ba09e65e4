import type { AddressInfo } from "node:net";
import type { Document, SessionContext } from "@fastify-bokeh/document";
import { generateSessionId, generateToken } from "@fastify-bokeh/session-store";
import fastify from "fastify";
import t, { type Test } from "tap";
import {
  type BokehAppOptions,
  type BokehCoreOptions,
  bokehApp,
  bokehCore,
  type ServerContext,
} from "../../src/index.js";
import { Counter, counterApp } from "../helpers/test-app.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

interface Served {
  host: string;
  /** The session contexts app code saw, in order. */
  seen: SessionContext[];
  close(): Promise<void>;
}

async function serve(t: Test, core: BokehCoreOptions = {}, app: Partial<BokehAppOptions> = {}): Promise<Served> {
  const seen: SessionContext[] = [];
  const server = fastify();
  await server.register(bokehCore, core);
  await server.register(bokehApp, {
    path: "/ctx",
    app: (doc: Document) => {
      seen.push(doc.session_context!);
      counterApp(doc);
    },
    ...app,
  });
  await server.listen({ port: 0, host: "127.0.0.1" });
  let closed = false;
  const close = async () => {
    if (!closed) await server.close();
    closed = true;
  };
  t.teardown(close);
  return { host: `127.0.0.1:${(server.server.address() as AddressInfo).port}`, seen, close };
}

const request = { headers: { "X-Custom": "custom value", Cookie: "theme=dark; session=s%20id" } };

t.test("app code reads the page request's arguments, headers and cookies from doc.session_context", async (t) => {
  const { host, seen } = await serve(t);
  await fetch(`http://${host}/ctx?user=alice&n=1&n=2`, request);
  const context = seen[0]!;
  t.same(context.request.arguments, { user: ["alice"], n: ["1", "2"] });
  t.equal(context.request.headers["x-custom"], "custom value");
  t.equal(context.request.headers.host, host);
  t.notOk(
    "cookie" in context.request.headers,
    "the Cookie header is dropped: cookies travel on their own, as in Bokeh",
  );
  t.same(context.request.cookies, { theme: "dark", session: "s id" });
  t.match(context.token_payload, { session_expiry: Number, headers: Object, cookies: { theme: "dark" } });
  t.equal(typeof context.id, "string");
  t.equal(context.destroyed, false);
});

t.test("includeHeaders / excludeHeaders / includeCookies / excludeCookies choose what goes into tokens", async (t) => {
  const include = await serve(t, { includeHeaders: ["X-Custom"], includeCookies: ["theme"] });
  await fetch(`http://${include.host}/ctx`, request);
  t.same(
    include.seen[0]!.request.headers,
    { "x-custom": "custom value" },
    "only the included header (names match without case)",
  );
  t.same(include.seen[0]!.request.cookies, { theme: "dark" });
  const page = await (await fetch(`http://${include.host}/ctx`, request)).text();
  const payload = JSON.parse(Buffer.from(tokenFromPage(page).split(".")[0]!, "base64url").toString());
  t.ok(payload.__bk__zlib_, "the context travels compressed in the token");

  const exclude = await serve(t, { excludeHeaders: ["x-custom", "host"], excludeCookies: ["session"] });
  await fetch(`http://${exclude.host}/ctx`, request);
  t.notOk("x-custom" in exclude.seen[0]!.request.headers);
  t.notOk("host" in exclude.seen[0]!.request.headers);
  t.ok("user-agent" in exclude.seen[0]!.request.headers, "the others stay");
  t.same(exclude.seen[0]!.request.cookies, { theme: "dark" });

  const withCookieHeader = await serve(t, { includeHeaders: ["cookie"] });
  await fetch(`http://${withCookieHeader.host}/ctx`, request);
  t.equal(
    withCookieHeader.seen[0]!.request.headers.cookie,
    "theme=dark; session=s%20id",
    "an explicitly included Cookie header is kept",
  );
});

t.test("a session created over the websocket (as bokeh.client does) gets its context from the token", async (t) => {
  const { host, seen } = await serve(t);
  const sessionId = generateSessionId({ signed: false });
  const token = generateToken({
    signed: false,
    sessionId,
    expiresAt: Math.floor(Date.now() / 1000) + 300,
    extraPayload: { headers: { "x-from": "client" }, cookies: { c: "1" }, arguments: { q: ["v"] } },
  }).token;
  const client = await TestClient.open(`ws://${host}/ctx/ws`, token);
  await client.until((ms) => ms.length >= 1);
  t.equal(seen[0]!.id, sessionId);
  t.same(seen[0]!.request, { arguments: { q: ["v"] }, headers: { "x-from": "client" }, cookies: { c: "1" } });
  client.close();
});

t.test("page title, template and template variables", async (t) => {
  const bare = (doc: Document) => void doc.add_root(new Counter({ name: "c" }));
  const titleOf = async (host: string) =>
    /<title>(.*)<\/title>/.exec(await (await fetch(`http://${host}/ctx`)).text())?.[1];
  t.equal(await titleOf((await serve(t, {}, { app: bare })).host), "Bokeh Application", "Bokeh's default title");
  t.equal(
    await titleOf((await serve(t, {}, { app: bare, title: "Sales <2025>" })).host),
    "Sales &lt;2025&gt;",
    "the title option, escaped",
  );
  t.equal(await titleOf((await serve(t, {}, { title: "Sales" })).host), "counter", "a title the app sets wins");

  const templated = await serve(
    t,
    {},
    {
      templateVariables: { greeting: "Hello" },
      template: (vars) =>
        vars.base({
          contents: `<h1>${String(vars.templateVariables.greeting)}, ${vars.titleHtml}</h1>${vars.roots.map((r) => r.div).join("")}`,
        }),
    },
  );
  const html = await (await fetch(`http://${templated.host}/ctx`)).text();
  t.match(html, /<h1>Hello, counter<\/h1><div id="[^"]+" data-root-id="p\d+"/);
  t.match(html, /embed_items/, "the base page still embeds the session");
});

t.test("server lifecycle hooks of the core and of each app get the server context", async (t) => {
  const calls: string[] = [];
  const record = (name: string) => (context: ServerContext) =>
    void calls.push(`${name} ${JSON.stringify([...context.sessions])}`);
  const served = await serve(
    t,
    { onServerLoaded: record("core loaded"), onServerUnloaded: record("core unloaded") },
    {
      onServerLoaded: record("app loaded"),
      onServerUnloaded: record("app unloaded"),
    },
  );
  t.same(calls, ['core loaded [["/ctx",[]]]', 'app loaded [["/ctx",[]]]'], "both ran at ready, in registration order");
  await fetch(`http://${served.host}/ctx`);
  await served.close();
  t.same(
    calls.slice(2),
    ['core unloaded [["/ctx",[]]]', 'app unloaded [["/ctx",[]]]'],
    "and at close, after the sessions were destroyed",
  );
});

t.test("websocket compression is off by default and on with websocketCompression", async (t) => {
  for (const [core, extensions] of [
    [{}, ""],
    [{ websocketCompression: true }, "permessage-deflate"],
    [{ websocketCompression: { level: 1, memLevel: 2 } }, "permessage-deflate"],
  ] as const) {
    const { host } = await serve(t, core);
    const token = tokenFromPage(await (await fetch(`http://${host}/ctx`)).text());
    const client = await TestClient.open(`ws://${host}/ctx/ws`, token);
    await client.until((ms) => ms.length >= 1);
    t.equal(client.socket.extensions, extensions, JSON.stringify(core));
    client.close();
  }
});

t.test("websocketMaxMessageSize: a larger message closes the socket with 1009", async (t) => {
  const { host } = await serve(t, { websocketMaxMessageSize: 2048 });
  const token = tokenFromPage(await (await fetch(`http://${host}/ctx`)).text());
  const small = await TestClient.open(`ws://${host}/ctx/ws`, token);
  await small.until((ms) => ms.length >= 1);
  small.sendFrames(["x".repeat(2048)]);
  const client = await TestClient.open(`ws://${host}/ctx/ws`, token);
  await client.until((ms) => ms.length >= 1);
  client.sendFrames(["x".repeat(2049)]);
  t.match(await client.waitClosed(), { code: 1009 });
  // Not a Bokeh message either, so it is refused, but by the protocol check rather than for its size.
  t.not((await small.waitClosed()).code, 1009, "a frame of exactly the limit passes the size check");
});

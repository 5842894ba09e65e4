import { pullDocReq } from "@fastify-bokeh/protocol";
import { checkSessionIdSignature } from "@fastify-bokeh/session-store";
import t from "tap";
import { parseServeArgs, ServeArgsError } from "../../src/index.js";
import { fixture, type Run, run } from "../helpers/run-cli.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

t.test("parseServeArgs maps bokeh serve's flags to core options", async (t) => {
  const args = parseServeArgs([
    "a.js",
    "b.mjs",
    "--port",
    "8080",
    "--address=0.0.0.0",
    "--prefix",
    "/dash/",
    "--allow-websocket-origin",
    "dashboard.corp",
    "--allow-websocket-origin=localhost:8080",
    "--session-ids",
    "signed",
    "--keep-alive",
    "0",
    "--check-unused-sessions",
    "1000",
    "--unused-session-lifetime",
    "2000",
    "--websocket-max-message-size",
    "4096",
    "--websocket-compression-level",
    "6",
    "--disable-index",
    "--session-token-expiration",
    "60",
    "--include-headers",
    "host",
    "x-user",
    "--exclude-cookies",
    "tracking",
    "--log-level",
    "warning",
  ]);
  t.same(args, {
    files: ["a.js", "b.mjs"],
    port: 8080,
    address: "0.0.0.0",
    prefix: "/dash",
    logLevel: "warn",
    help: false,
    version: false,
    unixSocket: undefined,
    logFormat: { kind: "auto" },
    logFile: undefined,
    statsLogFrequency: 15000,
    memLogFrequency: 0,
    useXheaders: false,
    tls: undefined,
    authModule: undefined,
    cookieSecret: undefined,
    xsrfCookies: false,
    show: false,
    appArgs: [],
    configFile: undefined,
    ignoredSettings: [],
    options: {
      allowWebsocketOrigin: ["dashboard.corp", "localhost:8080"],
      signSessions: true,
      keepAlive: 0,
      checkUnusedSessions: 1000,
      unusedSessionLifetime: 2000,
      websocketMaxMessageSize: 4096,
      sessionTokenExpiration: 60,
      websocketCompression: { level: 6 },
      index: false,
      includeHeaders: ["host", "x-user"],
      excludeCookies: ["tracking"],
    },
  });
});

t.test("parseServeArgs: defaults, session id modes, lists and files", async (t) => {
  t.same(
    parseServeArgs(["app.js"]),
    {
      files: ["app.js"],
      port: 5006,
      address: "localhost",
      prefix: "",
      logLevel: "info",
      help: false,
      version: false,
      unixSocket: undefined,
      logFormat: { kind: "auto" },
      logFile: undefined,
      statsLogFrequency: 15000,
      memLogFrequency: 0,
      useXheaders: false,
      tls: undefined,
      authModule: undefined,
      cookieSecret: undefined,
      xsrfCookies: false,
      show: false,
      appArgs: [],
      configFile: undefined,
      ignoredSettings: [],
      options: {},
    },
    "unset flags stay unset, so BOKEH_* apply",
  );
  t.same(parseServeArgs(["--session-ids", "unsigned"]).options, { signSessions: false });
  t.same(parseServeArgs(["--session-ids", "external-signed"]).options, {
    signSessions: true,
    generateSessionIds: false,
  });
  t.same(
    parseServeArgs(["--include-cookies", "a", "b", "--", "app.js"]),
    { ...parseServeArgs(["app.js"]), options: { includeCookies: ["a", "b"] } },
    "-- ends a list",
  );
  t.same(
    parseServeArgs(["--exclude-headers=cookie", "--exclude-headers", "x", "app.js"]).options,
    { excludeHeaders: ["cookie", "x", "app.js"] },
    "lists are greedy, as in bokeh serve",
  );
  t.equal(parseServeArgs(["--host", "0.0.0.0"]).address, "0.0.0.0", "--host is an alias of --address");
  t.equal(parseServeArgs(["-h"]).help, true);
  t.equal(parseServeArgs(["--version"]).version, true);
  t.same(parseServeArgs(["--disable-index-redirect", "--ico-path", "none"]).options, {
    indexRedirect: false,
    favicon: false,
  });
  t.same(parseServeArgs(["--ico-path", "my.ico"]).options, { favicon: "my.ico" });
  t.equal(parseServeArgs(["--prefix", "/"]).prefix, "");
});

t.test("parseServeArgs refuses bad command lines, naming the flag", async (t) => {
  const bad: Array<[string[], RegExp]> = [
    [["--bogus"], /^unknown option --bogus$/],
    [["--prot", "80"], /^unknown option --prot \(did you mean --port\?\)$/],
    [["--keep-alive", "-5"], /^--keep-alive: -5 is below the smallest value, 0$/],
    [["--websocket-compression-level", "12"], /^--websocket-compression-level: 12 is above the largest value, 9$/],
    [["--port"], /--port needs a value/],
    [["--port", "--disable-index"], /--port needs a value/],
    [["--port", "http"], /--port: 'http' is not an integer/],
    [["--port", "70000"], /--port: 70000 is not a port number/],
    [["--port", "1", "--port", "2"], /--port was given twice/],
    [["--keep-alive", "1.5"], /--keep-alive: '1.5' is not an integer/],
    [["--session-ids", "sometimes"], /--session-ids: 'sometimes' is not unsigned, signed or external-signed/],
    [["--include-headers"], /--include-headers needs at least one value/],
    [["--disable-index=yes"], /--disable-index takes no value after =/],
    [["--address", "a", "--host", "b"], /--host is another name for --address/],
    [["--log-level", "loud"], /--log-level: 'loud'/],
  ];
  for (const [argv, message] of bad)
    t.throws(() => parseServeArgs(argv), { name: "ServeArgsError", message }, argv.join(" "));
  t.ok(new ServeArgsError("x") instanceof Error);
});

async function appUrl(running: Run, name: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const match = new RegExp(`Bokeh app running at: (http://\\S+/${name})\\b`).exec(running.output());
    if (match !== null) return match[1]!;
    if (running.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not start:\n${running.output()}`);
}

t.test("fastify-bokeh serve serves app modules with the flags, signing from BOKEH_* variables", async (t) => {
  const secret = "cli test secret";
  const running = run(
    [
      "serve",
      fixture("hello.mjs"),
      "--port",
      "0",
      "--address",
      "127.0.0.1",
      "--prefix",
      "pfx",
      "--disable-index",
      "--keep-alive",
      "0",
    ],
    {
      BOKEH_SECRET_KEY: secret,
      BOKEH_SIGN_SESSIONS: "yes",
    },
  );
  t.teardown(() => running.child.kill("SIGKILL"));
  const url = await appUrl(running, "hello");
  t.match(url, /^http:\/\/127\.0\.0\.1:\d+\/pfx\/hello$/);
  const page = await fetch(`${url}?who=cli`);
  const html = await page.text();
  t.match(html, /<title>Hello page<\/title>/, "the module's title export");
  t.match(html, /src="\/pfx\/static\/js\/bokeh\.min\.js\?v=/);
  const token = tokenFromPage(html);
  const sessionId = JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).session_id as string;
  t.ok(checkSessionIdSignature(sessionId, secret), "the session id is signed with BOKEH_SECRET_KEY");
  const indexRes = await fetch(url.replace(/hello$/, ""));
  await indexRes.text();
  t.equal(indexRes.status, 404, "--disable-index");

  const client = await TestClient.open(`${url.replace(/^http/, "ws")}/ws`, token);
  await client.until((ms) => ms.length >= 1);
  const reply = await client.request(pullDocReq());
  const [root] = (reply.content as { doc: { roots: Array<{ attributes: { text: string } }> } }).doc.roots;
  t.equal(root!.attributes.text, "hello cli", "the app read its query argument");

  running.child.kill("SIGTERM");
  t.equal(await running.exited, 0, "SIGTERM shuts down cleanly");
  t.same(await client.waitClosed(), { code: 1001, reason: "server shutting down" });
});

t.test("fastify-bokeh serve reports bad input and exits with 2", async (t) => {
  const cases: Array<[string[], Record<string, string>, RegExp]> = [
    [["serve", "--port", "x", fixture("hello.mjs")], {}, /--port: 'x' is not an integer/],
    [["serve", fixture("no-default.mjs")], {}, /no-default\.mjs: the default export must be the app function/],
    [["serve", fixture("hello.mjs"), "--keep-alive", "-5"], {}, /--keep-alive: -5 is below the smallest value, 0/],
    [["serve", fixture("hello.mjs"), "--port", "0"], { BOKEH_SIGN_SESSIONS: "1" }, /signSessions needs a secretKey/],
    [["launch"], {}, /unknown command 'launch'/],
  ];
  for (const [args, env, message] of cases) {
    const running = run(args, env);
    t.equal(await running.exited, 2, args.join(" "));
    t.match(running.output(), message);
  }
  const help = run(["serve", "--help"]);
  t.equal(await help.exited, 0);
  t.match(help.output(), /--unused-session-lifetime MILLISECONDS/);
});

t.test(
  "fastify-bokeh serve with one app: / redirects to it, as bokeh serve; --disable-index-redirect lists it",
  async (t) => {
    const start = async (extra: string[]): Promise<string> => {
      const running = run(["serve", fixture("hello.mjs"), "--port", "0", "--address", "127.0.0.1", ...extra]);
      t.teardown(() => running.child.kill("SIGKILL"));
      return (await appUrl(running, "hello")).replace(/hello$/, "");
    };
    const [redirecting, listing] = await Promise.all([start([]), start(["--disable-index-redirect"])]);

    const root = await fetch(redirecting, { redirect: "manual" });
    await root.arrayBuffer();
    t.equal(root.status, 302, "bokeh serve's redirect");
    t.equal(root.headers.get("location"), "/hello");
    const head = await fetch(`${redirecting}hello`, { method: "HEAD" });
    t.equal(head.status, 405, "HEAD of the page, as bokeh serve");
    const slash = await fetch(`${redirecting}hello/`);
    await slash.arrayBuffer();
    t.equal(slash.status, 200, "/hello/ is the page too");

    const index = await fetch(listing, { redirect: "manual" });
    t.equal(index.status, 200, "--disable-index-redirect: the index");
    t.match(await index.text(), /href="\/hello"/);
  },
);

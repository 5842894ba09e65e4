// The bokeh serve flags beyond the core options, as parseServeArgs reads them (fast: no server is started).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import t from "tap";
import { FLAGS, SERVE_FLAGS_HELP } from "../../src/cli/serve-flags.js";
import { parseServeArgs } from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-flags-"));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test("--args takes everything after it, flags included, as bokeh's argparse.REMAINDER", async (t) => {
  const args = parseServeArgs(["app.js", "--port", "0", "--args", "--rows", "3", "data.csv"]);
  t.same(args.appArgs, ["--rows", "3", "data.csv"]);
  t.equal(args.port, 0, "flags before --args still count");
  t.same(args.files, ["app.js"]);
  t.same(parseServeArgs(["app.js", "--args"]).appArgs, [], "--args with nothing after it");
});

t.test("--glob expands the app arguments like Python's glob", async (t) => {
  for (const name of ["a1.mjs", "a2.mjs", "b.mjs"]) writeFileSync(join(dir, name), "");
  const args = parseServeArgs([join(dir, "a?.mjs"), join(dir, "[b]*.mjs"), "--glob"]);
  t.same(
    args.files.map((file) => resolve(file)),
    ["a1.mjs", "a2.mjs", "b.mjs"].map((name) => join(dir, name)),
  );
  t.same(parseServeArgs([join(dir, "a?.mjs")]).files, [join(dir, "a?.mjs")], "without --glob, no expansion");
  t.throws(() => parseServeArgs([join(dir, "z*.mjs"), "--glob"]), /--glob: '.*z\*\.mjs' matches no file/);
});

t.test("--log-format: json, pretty, a Python logging format, or the terminal's choice", async (t) => {
  t.same(parseServeArgs([]).logFormat, { kind: "auto" });
  t.same(parseServeArgs(["--log-format", "json"]).logFormat, { kind: "json" });
  t.same(parseServeArgs(["--log-format=%(levelname)s: %(message)s"]).logFormat, {
    kind: "python",
    format: "%(levelname)s: %(message)s",
  });
  t.throws(() => parseServeArgs(["--log-format", "%(colour)s"]), /--log-format: unknown attribute %\(colour\)/);
});

t.test("--stats-log-frequency and --mem-log-frequency: bokeh's defaults and ranges", async (t) => {
  const defaults = parseServeArgs([]);
  t.equal(defaults.statsLogFrequency, 15000);
  t.equal(defaults.memLogFrequency, 0, "memory logging is off by default");
  t.throws(() => parseServeArgs(["--stats-log-frequency", "0"]), /--stats-log-frequency: 0 is below the smallest/);
  t.throws(() => parseServeArgs(["--mem-log-frequency", "-1"]), /--mem-log-frequency: -1 is below the smallest/);
});

t.test("--unix-socket rules out --port, --address and TLS, as in bokeh serve", async (t) => {
  t.equal(parseServeArgs(["--unix-socket", "/tmp/b.sock"]).unixSocket, "/tmp/b.sock");
  t.throws(() => parseServeArgs(["--unix-socket", "s", "--port", "80"]), /--port is not supported with a unix socket/);
  t.throws(() => parseServeArgs(["--unix-socket", "s", "--address", "0.0.0.0"]), /--address is not supported/);
  t.throws(() => parseServeArgs(["--unix-socket", "s", "--ssl-certfile", "c.pem"]), /--ssl-certfile is not supported/);
});

t.test("TLS, auth, cookies and XSRF come from the flags, else from bokeh's BOKEH_* variables", async (t) => {
  const env = {
    BOKEH_SSL_CERTFILE: "env.pem",
    BOKEH_SSL_PASSWORD: "pw",
    BOKEH_AUTH_MODULE: "env-auth.mjs",
    BOKEH_COOKIE_SECRET: "env secret",
    BOKEH_XSRF_COOKIES: "yes",
  };
  const fromEnv = parseServeArgs([], env);
  t.same(fromEnv.tls, { certFile: "env.pem", keyFile: undefined, password: "pw" });
  t.equal(fromEnv.authModule, resolve("env-auth.mjs"));
  t.equal(fromEnv.cookieSecret, "env secret");
  t.equal(fromEnv.xsrfCookies, true);
  const flags = parseServeArgs(
    ["--ssl-certfile", "c.pem", "--ssl-keyfile", "k.pem", "--cookie-secret", "s", "--auth-module", "a.mjs"],
    env,
  );
  t.same(flags.tls, { certFile: "c.pem", keyFile: "k.pem", password: "pw" }, "the password only from the environment");
  t.equal(flags.cookieSecret, "s");
  t.equal(flags.authModule, resolve("a.mjs"));
  t.equal(parseServeArgs([], { BOKEH_XSRF_COOKIES: "no" }).xsrfCookies, false);
  t.throws(() => parseServeArgs(["--ssl-keyfile", "k.pem"], {}), /--ssl-keyfile needs --ssl-certfile/);
});

t.test("--use-xheaders, --show, --index and --ico-path's special values", async (t) => {
  const args = parseServeArgs(["--use-xheaders", "--show", "--index", "idx.html", "--ico-path", "default"]);
  t.equal(args.useXheaders, true);
  t.equal(args.show, true);
  t.same(args.options, { indexTemplate: resolve("idx.html") }, "`default` is the built-in icon");
});

t.test("--metrics and --admin: ours, off unless given", async (t) => {
  const args = parseServeArgs(["--metrics", "--admin"]);
  t.same(args.options, { metrics: true });
  t.equal(args.admin, true);
  const plain = parseServeArgs([]);
  t.equal(plain.options.metrics, undefined);
  t.equal(plain.admin, undefined);
});

t.test("--help lists every flag the command takes (--host among them)", async (t) => {
  const listed = new Set(SERVE_FLAGS_HELP.match(/(?<=^ {2}(?:-h, )?)--?[a-z-]+/gm));
  t.ok(listed.has("--host"), "--host, which the READMEs use");
  t.same(
    Object.keys(FLAGS).filter(
      (flag) => !listed.has(flag) && !(flag === "-h" && SERVE_FLAGS_HELP.includes("-h, --help")),
    ),
    [],
  );
});

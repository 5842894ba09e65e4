// --disable-index-redirect and --ico-path as bokeh serve applies them, and our --metrics and --admin (off by default,
// behind the --auth-module hooks): checked on the running CLI's answers.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import t from "tap";
import { loggedAppUrl, stop } from "../helpers/cli-output.js";
import { parsePrometheusText } from "../helpers/prometheus-text.js";
import { fixture, run } from "../helpers/run-cli.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-site-flags-"));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** Status, Location and body of a GET that is not followed. */
async function get(url: string, cookie?: string): Promise<{ status: number; location: string | null; body: Buffer }> {
  const res = await fetch(url, {
    redirect: "manual",
    ...(cookie !== undefined ? { headers: { Cookie: cookie } } : {}),
  });
  return { status: res.status, location: res.headers.get("location"), body: Buffer.from(await res.arrayBuffer()) };
}

t.test(
  "--disable-index-redirect lists a single app at /; --ico-path serves the file; no admin or metrics",
  async (t) => {
    const icon = join(dir, "mine.ico");
    const iconBytes = Buffer.from("not really an icon, but these bytes exactly");
    writeFileSync(icon, iconBytes);
    const listen = ["--port", "0", "--address", "127.0.0.1"];
    const running = run(["serve", fixture("hello.mjs"), ...listen, "--disable-index-redirect", "--ico-path", icon]);
    t.teardown(() => running.child.kill("SIGKILL"));
    const origin = new URL(await loggedAppUrl(running, "hello")).origin;

    const index = await get(`${origin}/`);
    t.equal(index.status, 200, "the single app's root is its index, not a redirect");
    t.match(index.body.toString(), /href="\/hello"/);
    const favicon = await get(`${origin}/favicon.ico`);
    t.equal(favicon.status, 200);
    t.same(favicon.body, iconBytes, "the --ico-path file's bytes");
    t.equal((await get(`${origin}/admin`)).status, 404, "no admin page without --admin");
    t.equal((await get(`${origin}/metrics`)).status, 404, "no metrics without --metrics");
    t.equal(await stop(running), 0);

    const plain = run(["serve", fixture("hello.mjs"), ...listen]);
    t.teardown(() => plain.child.kill("SIGKILL"));
    const plainOrigin = new URL(await loggedAppUrl(plain, "hello")).origin;
    t.match(await get(`${plainOrigin}/`), { status: 302, location: "/hello" }, "without the flag, / redirects");
    t.notSame((await get(`${plainOrigin}/favicon.ico`)).body, iconBytes, "without the flag, the built-in icon");
    t.equal(await stop(plain), 0);
  },
);

t.test("--metrics and --admin, behind the --auth-module hooks", async (t) => {
  const secret = "site flags cookie secret";
  const authModule = fileURLToPath(new URL("../fixtures/auth/auth-module.mjs", import.meta.url));
  const running = run([
    "serve",
    fixture("hello.mjs"),
    "--port",
    "0",
    "--address",
    "127.0.0.1",
    "--metrics",
    "--admin",
    "--auth-module",
    authModule,
    "--cookie-secret",
    secret,
  ]);
  t.teardown(() => running.child.kill("SIGKILL"));
  const helloUrl = await loggedAppUrl(running, "hello");
  const adminUrl = await loggedAppUrl(running, "admin");
  const origin = new URL(helloUrl).origin;
  t.equal(adminUrl, `${origin}/admin`, "the admin page is announced like an app");

  t.match(await get(adminUrl), { status: 302, location: "/login?next=%2Fadmin" }, "an anonymous browser logs in first");
  t.match(await get(`${origin}/metrics`), { status: 302, location: "/login?next=%2Fmetrics" });

  const user = `user=${encodeURIComponent(fastifyCookie.sign("alice", secret))}`;
  const page = await get(helloUrl, user);
  const client = await TestClient.open(`${helloUrl.replace(/^http/, "ws")}/ws`, tokenFromPage(page.body.toString()), {
    Origin: origin,
    Cookie: user,
  });
  await client.until((ms) => ms.length >= 1);
  const metrics = await get(`${origin}/metrics`, user);
  t.equal(metrics.status, 200);
  const samples = parsePrometheusText(metrics.body.toString());
  t.equal(samples.get('bokeh_sessions{app="/hello"}'), 1, "the logged-in session, counted");
  t.equal(samples.get('bokeh_websocket_connections{app="/hello"}'), 1);
  const admin = await get(adminUrl, user);
  t.equal(admin.status, 200);
  t.match(admin.body.toString(), /<title>fastify-bokeh admin<\/title>/);
  client.close();
  t.equal(await stop(running), 0);
});

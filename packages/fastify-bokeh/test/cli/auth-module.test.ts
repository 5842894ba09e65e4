// --auth-module, --cookie-secret and --enable-xsrf-cookies: bokeh's auth hooks in front of the apps. An anonymous
// Chromium is sent to the login page, logs in through the module's LoginHandler and sees the app rendered.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import { chromium } from "playwright-core";
import t from "tap";
import { loggedAppUrl, stop } from "../helpers/cli-output.js";
import { fixture, run } from "../helpers/run-cli.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

const SECRET = "cookie secret of the test server";
const authModule = fileURLToPath(new URL("../fixtures/auth/auth-module.mjs", import.meta.url));
const running = run([
  "serve",
  fixture("hello.mjs"),
  "--port",
  "0",
  "--address",
  "127.0.0.1",
  "--auth-module",
  authModule,
  "--cookie-secret",
  SECRET,
  "--enable-xsrf-cookies",
]);
t.teardown(() => running.child.kill("SIGKILL"));
const url = await loggedAppUrl(running, "hello");
const origin = new URL(url).origin;
const signed = (value: string, secret = SECRET) => `user=${encodeURIComponent(fastifyCookie.sign(value, secret))}`;

t.test("--auth-module: an anonymous browser goes to the login URL, logs in and gets the app", async (t) => {
  const profile = mkdtempSync(join(tmpdir(), "fastify-bokeh-auth-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
  });
  t.teardown(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  const page = await context.newPage();
  await page.goto(url);
  t.equal(page.url(), `${origin}/login?next=%2Fhello`, "redirected with ?next=, as Tornado's @authenticated does");
  await page.fill("#user", "alice");
  await Promise.all([page.waitForURL(url, { timeout: 20_000 }), page.click("#login")]);
  await page.locator("text=hello world").waitFor({ timeout: 30_000 });
  t.pass("BokehJS rendered the app's document after the login");
  const cookies = await context.cookies(origin);
  t.ok(
    cookies.some((c) => c.name === "user"),
    "the LoginHandler's signed cookie",
  );
  await page.goto(`${origin}/logout`);
  t.equal(page.url(), `${origin}/login`, "the LogoutHandler at logoutUrl");
  await page.goto(url);
  t.match(page.url(), /\/login\?next=/, "logged out: back to the login page");
});

t.test("--auth-module: the websocket of an anonymous client is refused", async (t) => {
  const page = await fetch(url, { headers: { Cookie: signed("bob") } });
  t.equal(page.status, 200);
  const token = tokenFromPage(await page.text());
  const ws = `${url.replace(/^http/, "ws")}/ws`;
  await t.rejects(TestClient.open(ws, token, { Origin: origin }), /HTTP 401/, "a token alone does not do");
  const client = await TestClient.open(ws, token, { Origin: origin, Cookie: signed("bob") });
  await client.until((ms) => ms.length >= 1);
  t.equal(client.messages[0]?.header.msgtype, "ACK");
  client.close();
  const post = await fetch(url, { method: "POST", redirect: "manual" });
  await post.arrayBuffer();
  t.equal(post.status, 403, "an anonymous request other than GET is refused, not redirected");
  const bundle = await fetch(`${origin}/static/js/bokeh.min.js`, { method: "HEAD" });
  t.equal(bundle.status, 200, "the BokehJS files stay public");
});

t.test("--cookie-secret: only cookies signed with the secret pass getUser", async (t) => {
  const status = async (cookie: string) => {
    const res = await fetch(url, { headers: { Cookie: cookie }, redirect: "manual" });
    await res.arrayBuffer();
    return res.status;
  };
  t.equal(await status(signed("carol")), 200);
  t.equal(await status(signed("carol", "another secret")), 302, "signed with another secret");
  t.equal(await status("user=carol"), 302, "not signed");
});

t.test("--enable-xsrf-cookies: a POST must echo the _xsrf cookie", async (t) => {
  const login = (cookie: string | undefined, body: string) =>
    fetch(`${origin}/login`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        ...(cookie !== undefined ? { Cookie: cookie } : {}),
      },
      body,
    });
  const missing = await login(undefined, "user=eve&next=/hello");
  t.equal(missing.status, 403);
  t.equal(await missing.text(), "'_xsrf' argument missing from POST");
  const mismatch = await login("_xsrf=abc", "_xsrf=abd&user=eve");
  t.equal(mismatch.status, 403);
  t.equal(await mismatch.text(), "XSRF cookie does not match POST argument");
  const form = await fetch(`${origin}/login?next=/hello`);
  const token = /name="_xsrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  t.match(form.headers.get("set-cookie") ?? "", new RegExp(`_xsrf=${token}`), "the form's token is the cookie's");
  const ok = await login(`_xsrf=${token}`, `_xsrf=${token}&user=eve&next=/hello`);
  await ok.arrayBuffer();
  t.equal(ok.status, 302);
  t.equal(ok.headers.get("location"), "/hello");
  t.match(ok.headers.get("set-cookie") ?? "", /^user=eve\./, "logged in, with a signed cookie");
});

t.test("--auth-module: bokeh's rules for the hooks stop a wrong module at start", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-auth-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const bad = join(dir, "no-login.mjs");
  writeFileSync(bad, "export const getUser = () => undefined;\n");
  const started = run(["serve", fixture("hello.mjs"), "--port", "0", "--auth-module", bad]);
  t.equal(await started.exited, 2);
  t.match(started.output(), /getUser.*needs loginUrl or getLoginUrl/);
});

t.test("the server stops cleanly", async (t) => {
  t.equal(await stop(running), 0);
});

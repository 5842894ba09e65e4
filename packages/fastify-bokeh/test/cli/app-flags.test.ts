// --glob, --args, --index, --show and --use-xheaders on one running server (one start keeps the file fast),
// each checked in its own subtest.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pullDocReq } from "@fastify-bokeh/protocol";
import t from "tap";
import { loggedAppUrl, stop, waitForOutput } from "../helpers/cli-output.js";
import { fixture, run } from "../helpers/run-cli.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-app-flags-"));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

// bokeh's --index templates get `prefix` and `items`; ours are Jinja syntax.
const indexTemplate = join(dir, "index.html");
writeFileSync(
  indexTemplate,
  "<h1>Our apps</h1>{% for item in items %}<a href='{{ prefix }}{{ item }}'>{{ item }}</a>;{% endfor %}",
);
// A "browser" that writes down what it was asked to open.
const opened = join(dir, "opened.txt");
const browser = join(dir, "browser.sh");
writeFileSync(browser, `#!/bin/sh\necho "$1" >> ${opened}\n`);
chmodSync(browser, 0o755);

const running = run(
  [
    "serve",
    join(dirname(fixture("hello.mjs")), "[ah]*.mjs"),
    "--glob",
    "--port",
    "0",
    "--address",
    "127.0.0.1",
    "--index",
    indexTemplate,
    "--show",
    "--use-xheaders",
    "--args",
    "--rows",
    "3",
  ],
  { BOKEH_BROWSER: browser },
);
t.teardown(() => running.child.kill("SIGKILL"));
const helloUrl = await loggedAppUrl(running, "hello");
const argvUrl = await loggedAppUrl(running, "argv");
const root = helloUrl.replace(/hello$/, "");

async function rootText(url: string, name: string): Promise<string> {
  const page = await fetch(url).then((res) => res.text());
  const client = await TestClient.open(`${url.replace(/^http/, "ws")}/ws`, tokenFromPage(page));
  await client.until((ms) => ms.length >= 1);
  const reply = await client.request(pullDocReq());
  client.close();
  const roots = (reply.content as { doc: { roots: Array<{ attributes: { text: string; name: string } }> } }).doc.roots;
  return roots.find((r) => r.attributes.name === name)?.attributes.text ?? "";
}

t.test("--glob: the pattern became both matching app modules, and not the third", async (t) => {
  t.match(running.output(), /Bokeh app running at: http:\/\/127\.0\.0\.1:\d+\/argv\b/);
  t.notMatch(running.output(), /no-default/);
});

t.test("--args: the app gets its file name and the arguments, as bokeh's sys.argv", async (t) => {
  t.same(JSON.parse(await rootText(argvUrl, "argv")), ["argv.mjs", "--rows", "3"]);
});

t.test("--index: the index page comes from the template, with prefix and the sorted items", async (t) => {
  const res = await fetch(root);
  t.equal(res.status, 200);
  t.equal(await res.text(), "<h1>Our apps</h1><a href='/argv'>/argv</a>;<a href='/hello'>/hello</a>;");
});

t.test("--show: every app's URL went to the browser", async (t) => {
  let lines: string[] = [];
  for (let i = 0; i < 100 && lines.length < 2; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      lines = readFileSync(opened, "utf8").trim().split("\n");
    } catch {
      lines = [];
    }
  }
  t.same(lines.sort(), [argvUrl, helloUrl].sort());
});

t.test("--use-xheaders: the client address comes from X-Forwarded-For", async (t) => {
  await fetch(`${root}hello/metadata`, { headers: { "X-Forwarded-For": "203.0.113.7" } }).then((res) => res.text());
  await waitForOutput(running, /"remoteAddress":"203\.0\.113\.7"/);
  t.pass("the request log names the forwarded address");

  const plain = run(["serve", fixture("hello.mjs"), "--port", "0", "--address", "127.0.0.1"]);
  t.teardown(() => plain.child.kill("SIGKILL"));
  const url = await loggedAppUrl(plain, "hello");
  await fetch(`${url}/metadata`, { headers: { "X-Forwarded-For": "203.0.113.8" } }).then((res) => res.text());
  await waitForOutput(plain, /"remoteAddress":"127\.0\.0\.1"/);
  t.notMatch(plain.output(), /203\.0\.113\.8/, "without the flag, the header is not believed");
  t.equal(await stop(plain), 0);
});

t.test("the server stops cleanly", async (t) => {
  t.equal(await stop(running), 0);
});

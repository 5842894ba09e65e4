// --log-file, --log-format, --stats-log-frequency and --mem-log-frequency: what lands in the log.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { loggedAppUrl, stop, waitForOutput } from "../helpers/cli-output.js";
import { fixture, run, runInTerminal } from "../helpers/run-cli.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-logs-"));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** Waits (at most 20 s) until the file's content matches. */
async function fileMatching(path: string, pattern: RegExp): Promise<string> {
  let content = "";
  for (let i = 0; i < 200 && !pattern.test(content); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    try {
      content = readFileSync(path, "utf8");
    } catch {
      content = "";
    }
  }
  return content;
}

t.test("--log-file with a Python --log-format, and the stats lines at debug level", async (t) => {
  const logFile = join(dir, "server.log");
  const running = run([
    "serve",
    fixture("hello.mjs"),
    "--port",
    "0",
    "--address",
    "127.0.0.1",
    "--log-file",
    logFile,
    "--log-format",
    "%(levelname)-8s|%(name)s|%(message)s",
    "--log-level",
    "debug",
    "--stats-log-frequency",
    "300",
    "--mem-log-frequency",
    "300",
  ]);
  t.teardown(() => running.child.kill("SIGKILL"));
  // The URL lines go to the file, not to standard output: read them there.
  const content = await fileMatching(logFile, /Bokeh app running at/);
  const url = /Bokeh app running at: (http:\/\/\S+\/hello)/.exec(content)?.[1] ?? "";
  t.match(url, /^http:\/\/127\.0\.0\.1:\d+\/hello$/);
  t.equal(running.output(), "", "nothing on standard output");
  const page = await fetch(url).then((res) => res.text());
  const client = await TestClient.open(`${url.replace(/^http/, "ws")}/ws`, tokenFromPage(page));
  await client.until((ms) => ms.length >= 1);
  const stats = await fileMatching(logFile, /1 clients connected[\s\S]*\/hello has 1 sessions with 0 unused/);
  t.match(stats, /^DEBUG {3}\|fastify-bokeh\|\[pid \d+\] 1 clients connected$/m, "bokeh's stats line, our layout");
  t.match(stats, /^DEBUG {3}\|fastify-bokeh\|\[pid \d+\] {3}\/hello has 1 sessions with 0 unused$/m);
  t.match(stats, /^INFO {4}\|fastify-bokeh\|Log statistics every 300 milliseconds$/m);
  t.match(stats, /^INFO {4}\|fastify-bokeh\|\[pid \d+\] Memory usage: [\d.]+ MB \(RSS\), [\d.]+ MB \(heap used\)$/m);
  client.close();
  t.equal(await stop(running), 0);
  const lines = readFileSync(logFile, "utf8").trimEnd().split("\n");
  t.ok(
    lines.every((line) => /^(TRACE|DEBUG|INFO|WARNING|ERROR|CRITICAL) *\|/.test(line)),
    "every line follows the format",
  );
});

t.test(
  "--log-file appends, and --log-format json keeps pino's JSON lines; memory logging is off by default",
  async (t) => {
    const logFile = join(dir, "json.log");
    for (let round = 1; round <= 2; round++) {
      const running = run(
        ["serve", fixture("hello.mjs"), "--port", "0", "--log-file", logFile, "--log-format", "json"],
        {},
      );
      t.teardown(() => running.child.kill("SIGKILL"));
      await fileMatching(logFile, new RegExp(`(Bokeh app running at[\\s\\S]*){${round}}`));
      t.equal(await stop(running), 0);
    }
    const records = readFileSync(logFile, "utf8")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    t.equal(records.filter((r) => /^Bokeh app running at/.test(r.msg)).length, 2, "the second run appended");
    t.ok(records.every((r) => typeof r.level === "number"));
    t.notOk(records.some((r) => /Memory usage/.test(r.msg)));
  },
);

t.test("the default log is JSON when standard output is no terminal; pretty is pino-pretty's layout", async (t) => {
  const running = run(["serve", fixture("hello.mjs"), "--port", "0"]);
  t.teardown(() => running.child.kill("SIGKILL"));
  await loggedAppUrl(running, "hello");
  const first = running.output().split("\n")[0] ?? "";
  t.match(JSON.parse(first), { level: 30 });
  t.equal(await stop(running), 0);

  const logFile = join(dir, "pretty.log");
  const pretty = run(["serve", fixture("hello.mjs"), "--port", "0", "--log-file", logFile, "--log-format", "pretty"]);
  t.teardown(() => pretty.child.kill("SIGKILL"));
  const content = await fileMatching(logFile, /Bokeh app running at/);
  t.match(content, /^\[[\d-]+ [\d:.]+ [^\]]*\] INFO \(\d+\): Bokeh app running at: http:\/\/localhost:\d+\/hello$/m);
  t.notOk(content.includes("\u001b["), "no colours in a file");
  t.equal(await stop(pretty), 0);
});

const hasScript = spawnSync("script", ["--version"]).status === 0;
t.test(
  "on a terminal the default log is pino-pretty's, in colour",
  { skip: hasScript ? false : "util-linux's script is not installed to give the server a terminal" },
  async (t) => {
    const running = runInTerminal(["serve", fixture("hello.mjs"), "--port", "0", "--address", "127.0.0.1"]);
    let pid = "";
    // `script` lives as long as the server does: while it runs, the pid is still the server's.
    t.teardown(() => {
      if (running.child.exitCode !== null) return;
      if (pid !== "") process.kill(Number(pid), "SIGKILL");
      running.child.kill("SIGKILL");
    });
    [, pid = ""] = await waitForOutput(running, /Starting Bokeh server with process id: (\d+)/);
    const colour = (code: number, text: string) => `\u001b\\[${code}m${text}\u001b\\[39m`;
    t.match(
      running.output(),
      new RegExp(
        `^\\[[\\d-]+ [\\d:.]+ [^\\]]*\\] ${colour(32, "INFO")} \\(${pid}\\): ${colour(36, "Bokeh app running at: http://127\\.0\\.0\\.1:\\d+/hello")}\r?$`,
        "m",
      ),
      "pino-pretty's layout, with the level and message coloured",
    );
    process.kill(Number(pid), "SIGTERM");
    t.equal(await running.exited, 0, "the server stops cleanly");
  },
);

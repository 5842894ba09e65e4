import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pullDocReq } from "@fastify-bokeh/protocol";
import { decodeToken, generateSessionId, generateToken } from "@fastify-bokeh/session-store";
import { findBokehPython } from "@fastify-bokeh/session-store/testing";
import t from "tap";
import { ownerSlot, parseServeArgs } from "../../src/index.js";
import { fixture, type Run, run } from "../helpers/run-cli.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

// Four multi-process servers, each starting three processes: on a loaded 2-core machine this takes minutes.
t.setTimeout(400_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) until the output matches. */
async function waitFor(running: Run, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(running.output());
    if (match !== null) return match;
    await sleep(100);
  }
  throw new Error(`no ${pattern} in the output:\n${running.output()}`);
}

/** The pid of each worker slot, from the primary's latest "worker N ready (pid P)" lines. */
function workerPids(output: string): Map<number, number> {
  const pids = new Map<number, number>();
  for (const [, slot, pid] of output.matchAll(/worker (\d+) ready \(pid (\d+)\)/g)) pids.set(Number(slot), Number(pid));
  return pids;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Opens the websocket of a session through the one port and returns the pid its document shows. */
async function pidOverWebsocket(appUrl: string, token: string): Promise<number> {
  const client = await TestClient.open(`${appUrl.replace(/^http/, "ws")}/ws`, token);
  try {
    await client.until((ms) => ms.length >= 1);
    const reply = await client.request(pullDocReq());
    const [root] = (reply.content as { doc: { roots: Array<{ attributes: { text: string } }> } }).doc.roots;
    return Number(root?.attributes.text);
  } finally {
    client.close();
  }
}

const sessionIdOf = (token: string): string => {
  const decoded = decodeToken(token);
  if (!decoded.ok) throw new Error("the page's token does not decode");
  return decoded.payload.sessionId;
};

t.test("--num-procs: bokeh serve's values, one clear line for bad ones", async (t) => {
  t.equal(parseServeArgs(["app.js", "--num-procs", "3"]).numProcs, 3);
  t.equal(parseServeArgs(["app.js", "--num-procs=0"]).numProcs, 0, "0: one per core");
  t.notOk("numProcs" in parseServeArgs(["app.js"]), "absent: one process");
  for (const [value, message] of [
    ["-1", /^fastify-bokeh serve: --num-procs: -1 is below the smallest value, 0\n$/],
    ["two", /^fastify-bokeh serve: --num-procs: 'two' is not an integer\n$/],
    ["1000", /^fastify-bokeh serve: --num-procs: 1000 is above the largest value, 256\n$/],
  ] as const) {
    const running = run(["serve", fixture("hello.mjs"), "--num-procs", value]);
    t.equal(await running.exited, 2, `--num-procs ${value}`);
    t.match(running.output(), message);
  }
  const missing = run(["serve", "missing-app.mjs", "--num-procs", "2", "--port", "0", "--address", "127.0.0.1"]);
  t.equal(await missing.exited, 2, "a worker that cannot load its app stops the whole start");
  t.match(missing.output(), /fastify-bokeh serve: missing-app\.mjs: no such file or directory\n/);
  t.notMatch(missing.output(), /\n\s+at /, "no stack trace");
  t.notMatch(missing.output(), /killing them/, "the failed workers exit by themselves");
});

t.test(
  "serve --num-procs 2: sessions spread over both workers, every request reaches its session's worker",
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "num-procs-"));
    const runLog = join(dir, "runs.txt");
    const running = run(
      ["serve", fixture("which-process.mjs"), "--num-procs", "2", "--port", "0", "--address", "127.0.0.1"],
      { WHICH_PROCESS_LOG: runLog },
    );
    t.teardown(() => {
      running.child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    });
    const [, url = ""] = await waitFor(running, /Bokeh app running at: (http:\/\/\S+\/which-process)\b/);
    let pids = workerPids(running.output());
    t.equal(pids.size, 2, "two workers started");
    t.notOk([...pids.values()].includes(running.child.pid ?? -1), "the workers are processes of their own");

    const pagePids: Array<{ sessionId: string; pid: number }> = [];
    for (let i = 0; i < 8; i++) {
      const token = tokenFromPage(await (await fetch(url)).text());
      const sessionId = sessionIdOf(token);
      const pid = await pidOverWebsocket(url, token);
      t.equal(pid, pids.get(ownerSlot(sessionId, 2)), `session ${i}: its websocket reached the worker owning its id`);
      pagePids.push({ sessionId, pid });
    }
    t.same(new Set(pagePids.map((p) => p.pid)), new Set(pids.values()), "the pages' sessions are on both workers");
    const runs = readFileSync(runLog, "utf8").trim().split("\n");
    t.same(
      runs.sort(),
      pagePids.map(({ pid, sessionId }) => `${pid} ${sessionId}`).sort(),
      "the app ran once per session, in the process its websocket reached",
    );

    const given = `given-${generateSessionId({ signed: false })}`;
    const token = tokenFromPage(await (await fetch(`${url}?bokeh-session-id=${given}`)).text());
    t.equal(await pidOverWebsocket(url, token), pids.get(ownerSlot(given, 2)), "a given session id goes to its owner");
    const clientMade = generateSessionId({ signed: false });
    const minted = generateToken({ signed: false, sessionId: clientMade, expiresAt: 2_000_000_000 }).token;
    t.equal(await pidOverWebsocket(url, minted), pids.get(ownerSlot(clientMade, 2)), "a websocket without a page too");

    const killed = pids.get(0) ?? -1;
    process.kill(killed, "SIGKILL");
    await waitFor(running, new RegExp(`worker 0 \\(pid ${killed}\\) exited with signal SIGKILL: starting a new one`));
    await waitFor(running, new RegExp(`worker 0 ready \\(pid (?!${killed}\\))\\d+\\)`));
    pids = workerPids(running.output());
    t.not(pids.get(0), killed, "a new worker took slot 0");
    const seen = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const pageToken = tokenFromPage(await (await fetch(url)).text());
      const pid = await pidOverWebsocket(url, pageToken);
      t.equal(pid, pids.get(ownerSlot(sessionIdOf(pageToken), 2)), `after the restart, session ${i} on its owner`);
      seen.add(pid);
    }
    t.same(seen, new Set(pids.values()), "both workers serve again");

    running.child.kill("SIGTERM");
    t.equal(await running.exited, 0, "SIGTERM stops the primary and its workers cleanly");
    t.same([...pids.values()].filter(isAlive), [], "no worker is left running");
  },
);

const python = findBokehPython();
t.test(
  "Python's bokeh.client pulls sessions through the one port",
  { skip: "skip" in python && python.skip },
  async (t) => {
    if (!("python" in python)) return;
    const running = run([
      "serve",
      fixture("which-process.mjs"),
      "--num-procs",
      "2",
      "--port",
      "0",
      "--address",
      "127.0.0.1",
    ]);
    t.teardown(() => running.child.kill("SIGKILL"));
    const [, url = ""] = await waitFor(running, /Bokeh app running at: (http:\/\/\S+\/which-process)\b/);
    const pids = workerPids(running.output());
    const script = `
import json, sys
from bokeh.client import pull_session
out = []
for _ in range(6):
    with pull_session(url=sys.argv[1]) as session:
        out.append({"id": session.id, "pid": int(session.document.get_model_by_name("pid").text)})
print(json.dumps(out))
`;
    const child = spawn(python.python, ["-c", script, url], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearTimeout(timer);
    t.equal(code, 0, `python exits cleanly ${stderr}`);
    const pulled = JSON.parse(stdout) as Array<{ id: string; pid: number }>;
    t.equal(pulled.length, 6);
    for (const { id, pid } of pulled)
      t.equal(pid, pids.get(ownerSlot(id, 2)), "each session on the worker owning its id");
    t.same(new Set(pulled.map((p) => p.pid)).size, 2, "client-made ids land on both workers");
    running.child.kill("SIGTERM");
    t.equal(await running.exited, 0);
  },
);

t.test("workers whose primary is killed shut down by themselves", async (t) => {
  const running = run(["serve", fixture("hello.mjs"), "--num-procs", "2", "--port", "0", "--address", "127.0.0.1"]);
  t.teardown(() => running.child.kill("SIGKILL"));
  await waitFor(running, /Bokeh app running at: /);
  const pids = [...workerPids(running.output()).values()];
  t.equal(pids.length, 2);
  running.child.kill("SIGKILL");
  await running.exited;
  for (let i = 0; i < 100 && pids.some(isAlive); i++) await sleep(100);
  t.same(pids.filter(isAlive), [], "no orphaned worker is left");
});

import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { pullDocReq } from "@fastify-bokeh/protocol";
import fastify from "fastify";
import t, { type Test } from "tap";
import { bokehCore } from "../../src/index.js";
import { TestClient, tokenFromPage } from "../helpers/ws-client.js";

interface LogLine {
  level: number;
  msg: string;
  app?: string;
  sessionId?: string;
  origin?: string;
  err?: { message: string };
}

/** A server of faulty apps in a child process, and what it has logged so far. */
class FaultyServer {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<number | null>;
  private buffered = "";

  constructor(readonly child: ChildProcess) {
    child.stdout?.on("data", (chunk: Buffer) => {
      this.buffered += chunk.toString();
      const complete = this.buffered.split("\n");
      this.buffered = complete.pop() ?? "";
      for (const line of complete) if (line.startsWith("{")) this.lines.push(JSON.parse(line) as LogLine);
    });
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  async waitFor(predicate: (line: LogLine) => boolean, what: string): Promise<LogLine> {
    // Each server compiles its TypeScript fixture at start: slow on a loaded machine.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = this.lines.find(predicate);
      if (found !== undefined) return found;
      if (this.child.exitCode !== null) throw new Error(`server exited (${this.child.exitCode}) before ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

async function startFaulty(t: Test): Promise<{ server: FaultyServer; base: string }> {
  const script = fileURLToPath(new URL("../fixtures/faulty-apps-server.ts", import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, script], { stdio: ["ignore", "pipe", "inherit"] });
  t.teardown(() => void child.kill("SIGKILL"));
  const server = new FaultyServer(child);
  const listening = await server.waitFor((l) => l.msg.startsWith("Server listening at "), "the server to listen");
  return { server, base: listening.msg.slice("Server listening at http://".length) };
}

/** Opens a session of the app at `path` and pulls its document; the pull's reply type. */
async function pull(base: string, path: string): Promise<{ client: TestClient; reply: string }> {
  const token = tokenFromPage(await (await fetch(`http://${base}${path}`)).text());
  const client = await TestClient.open(`ws://${base}${path}/ws`, token);
  const reply = await client.request(pullDocReq());
  return { client, reply: reply.header.msgtype };
}

const ERROR = 50;

// Three servers started one after another, each allowed a minute to start.
t.setTimeout(300_000);

t.test("errors escaping app code are logged with the app and session; the server keeps serving", async (t) => {
  const { server, base } = await startFaulty(t);
  const first = await pull(base, "/stray");
  const timer = await server.waitFor((l) => l.err?.message === "stray timer", "the stray timer's error");
  const rejection = await server.waitFor((l) => l.err?.message === "dropped promise", "the rejection");
  t.match(timer, { level: ERROR, app: "/stray", origin: "uncaughtException", sessionId: String });
  t.match(rejection, { level: ERROR, app: "/stray", origin: "unhandledRejection", sessionId: timer.sessionId });
  first.client.close();

  const again = await pull(base, "/stray");
  t.equal(again.reply, "PULL-DOC-REPLY", "the faulty app still opens new sessions");
  const other = await pull(base, "/healthy");
  t.equal(other.reply, "PULL-DOC-REPLY", "and so do the other apps");
  again.client.close();
  other.client.close();
  t.equal(server.child.exitCode, null, "the process is still running");
});

t.test("a session whose app keeps failing is discarded with a clear close reason", async (t) => {
  const { server, base } = await startFaulty(t);
  const { client, reply } = await pull(base, "/failing");
  t.equal(reply, "PULL-DOC-REPLY");
  t.same(await client.waitClosed(5000), { code: 1011, reason: "application keeps failing" });
  const discarded = await server.waitFor((l) => l.msg.startsWith("discarding session"), "the discard");
  t.match(discarded, { level: ERROR, app: "/failing" });
  const faults = server.lines.filter((l) => l.app === "/failing" && l.origin === "uncaughtException");
  t.equal(faults.length, 3, "each failure is logged");
  t.equal((await pull(base, "/failing")).reply, "PULL-DOC-REPLY", "a new session of the app still opens");
});

t.test("an error outside any app's code is fatal, as in plain Node", async (t) => {
  const { server, base } = await startFaulty(t);
  await fetch(`http://${base}/outside`);
  t.equal(await server.exited, 1);
  t.match(await server.waitFor((l) => l.err?.message === "not an app's", "the fatal log"), {
    level: 60,
    origin: "uncaughtException",
  });
});

t.test("the process handlers are installed once, for as long as a server needs them", async (t) => {
  const before = process.listenerCount("uncaughtException");
  const a = fastify();
  const b = fastify();
  await a.register(bokehCore);
  await b.register(bokehCore);
  const c = fastify();
  await c.register(bokehCore, { isolateAppFaults: false });
  await Promise.all([a.ready(), b.ready(), c.ready()]);
  t.equal(process.listenerCount("uncaughtException"), before + 1);
  t.equal(process.listenerCount("unhandledRejection") > 0, true);
  await a.close();
  t.equal(process.listenerCount("uncaughtException"), before + 1, "kept while a server remains");
  await b.close();
  await c.close();
  t.equal(process.listenerCount("uncaughtException"), before, "removed with the last server");
});

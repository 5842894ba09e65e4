import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findBokehPython } from "@fastify-bokeh/session-store/testing";
import fastify from "fastify";
import { bokehApp, bokehCore } from "fastify-bokeh";
import t, { type Test } from "tap";

// Every concrete Python model class through the unmodified bokeh.client, against our server and against bokeh serve
// 3.9.2 (see fixtures/fidelity/roundtrip.py): both must hold and relay every value exactly as the client sent it.
// The classes are dealt into shards (test/fidelity-<n>.python.test.ts), one test file each, to keep files short.

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "fidelity");
const RUN_TIMEOUT_MS = 600_000;
/** Test files the classes are dealt into (every SHARDS-th class to each, so heavy ones spread out). */
const SHARDS = 4;

interface Failure {
  readonly model?: string;
  readonly attr?: string;
  readonly reader: string;
  readonly what?: string;
  readonly expected?: string;
  readonly got?: string;
}
interface Report {
  readonly classes: number;
  /** The classes of this shard. */
  readonly shard_classes: number;
  readonly models: number;
  readonly changed: number;
  readonly checks: number;
  readonly failures: readonly Failure[];
  readonly unbuildable: readonly string[];
  /** Values that came back equal except for a whole-number float sent back as an int (see roundtrip.py). */
  readonly integral_floats: readonly string[];
}

/** Runs the round-trip script against an app URL; resolves with its report. */
function roundTrip(t: Test, python: string, url: string, shard: number): Promise<Report> {
  const script = path.join(FIXTURES, "roundtrip.py");
  return runPythonJson<Report>(python, script, [url, String(shard), String(SHARDS)], { timeoutMs: RUN_TIMEOUT_MS, t });
}

/**
 * Runs a Python script (killed after `timeoutMs`, or when `t` ends) and parses the JSON it prints; a failed run
 * throws with the end of its stderr.
 */
export async function runPythonJson<T>(
  python: string,
  script: string,
  args: readonly string[],
  options: { readonly timeoutMs: number; readonly cwd?: string; readonly t?: Test },
): Promise<T> {
  const child = spawn(python, [script, ...args], { stdio: ["ignore", "pipe", "pipe"], cwd: options.cwd });
  options.t?.teardown(() => {
    child.kill("SIGKILL");
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await exited(child, options.timeoutMs);
  if (code !== 0) throw new Error(`${path.basename(script)} exited with ${code}: ${stderr.slice(-2000)}`);
  return JSON.parse(stdout) as T;
}

function exited(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });
}

/** `bokeh serve` on the empty app, on 127.0.0.1 and a free port; resolves once it answers. */
export async function startBokehServe(python: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    python,
    ["-m", "bokeh", "serve", path.join(FIXTURES, "empty.py"), "--address", "127.0.0.1", "--port", String(port)],
    // Output ignored, not piped: bokeh serve logs whole messages on errors, and an unread pipe would stall it.
    { stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${port}/empty`;
  for (let attempt = 0; attempt < 120; attempt++) {
    const ready = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill("SIGKILL");
  throw new Error("bokeh serve did not start");
}

/** Our plugin serving one empty app, as bokeh serve serves empty.py. */
export async function startOurs(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = fastify();
  await app.register(bokehCore);
  await app.register(bokehApp, { path: "/empty", app: () => undefined });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return { url: `${address}/empty`, close: () => app.close() };
}

const describe = (failures: readonly Failure[]): string =>
  failures
    .slice(0, 40)
    .map((f) => `${f.model ?? ""}.${f.attr ?? ""} (${f.reader}) ${f.what ?? `sent ${f.expected} got ${f.got}`}`)
    .join("\n");

function checkReport(t: Test, report: Report): void {
  t.ok(report.classes >= 340, `the client knows every concrete model class (${report.classes})`);
  t.same(report.unbuildable, [], "every class could be instantiated");
  t.equal(report.models + report.unbuildable.length, report.shard_classes, "every class of the shard was tried");
  t.ok(report.changed > 1000, `every settable property was changed (${report.changed} ModelChanged)`);
  t.ok(report.checks > report.changed, `${report.checks} values compared`);
  t.same(describe(report.failures), "", "the second client and a fresh pull hold every value as sent");
  // JavaScript numbers do not tell 12.0 from 12: the server must keep which one the client wrote, as Python does.
  t.same(report.integral_floats, [], "whole-number floats come back as floats, ints as ints");
}

/** The test of one shard: the same classes through bokeh serve and through our server, at the same time. */
export function fidelitySuite(shard: number): void {
  const lookup = findBokehPython();
  if ("skip" in lookup) {
    t.test("bokeh.client round-trips every model", { skip: lookup.skip }, async () => undefined);
    return;
  }
  const { python } = lookup;
  t.setTimeout(RUN_TIMEOUT_MS + 120_000);
  t.test(`bokeh.client round-trips Python model classes (shard ${shard + 1}/${SHARDS})`, async (t) => {
    const ours = await startOurs();
    t.teardown(ours.close);
    const reference = await startBokehServe(python);
    t.teardown(() => {
      reference.child.kill("SIGKILL");
    });
    // Both runs at once: each is mostly the Python client's own work.
    const [oursReport, referenceReport] = await Promise.all([
      roundTrip(t, python, ours.url, shard),
      roundTrip(t, python, reference.url, shard),
    ]);
    t.test("against bokeh serve 3.9.2", async (t) => {
      checkReport(t, referenceReport);
    });
    t.test("against our server", async (t) => {
      checkReport(t, oursReport);
    });
    t.equal(oursReport.checks, referenceReport.checks, "both servers were checked on the same values");
  });
}

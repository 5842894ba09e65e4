import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { BENCH_APPS_DIR, CLUSTER_NODE_MAIN, DEMO_MAIN } from "../paths.js";
import type { Children } from "../process/children.js";
import { freePort, type ServerUnderTest, waitForListening } from "./server-under-test.js";
import { SERVER_SETTINGS } from "./settings.js";

/** The Python apps bokeh serve runs (the button app has no Python twin). */
const BENCH_APPS = ["sliders", "stream", "big"] as const;

const START_TIMEOUT_MS = 60_000;

/** The secret key the nodes of this run's Redis cluster share. */
const CLUSTER_SECRET_KEY = randomBytes(32).toString("base64url");

export interface OursOptions {
  /** Write a V8 CPU profile of the server into this directory (node --cpu-prof). */
  cpuProfileDir?: string;
  /** Enable heap snapshots on SIGUSR2, written into this directory (node --heapsnapshot-signal). */
  heapSnapshotDir?: string;
  /** Further node options for our server, e.g. V8 heap sizing to try out. */
  nodeArgs?: readonly string[];
  /** `--num-procs`: worker processes behind the one port (the primary's pid is the one measured). */
  numProcs?: number;
  /** `--redis-url`: a node of a Redis-backed cluster; with `leaseTtl`, started through the bench's node launcher. */
  redis?: { url: string; leaseTtl?: number };
}

/** The same flags for both servers (the demo's CLI takes bokeh serve's). */
function serveFlags(port: number): string[] {
  const { host, unusedSessionLifetimeMs, checkUnusedSessionsMs } = SERVER_SETTINGS;
  return [
    "--address",
    host,
    "--port",
    String(port),
    "--allow-websocket-origin",
    `${host}:${port}`,
    "--unused-session-lifetime",
    String(unusedSessionLifetimeMs),
    "--check-unused-sessions",
    String(checkUnusedSessionsMs),
    "--log-level",
    "critical",
  ];
}

/** Our demo server (`node apps/demo/dist/main.js`), a process of its own so that its CPU and RSS can be read. */
export async function startOurs(children: Children, options: OursOptions = {}): Promise<ServerUnderTest> {
  const port = await freePort();
  const { host } = SERVER_SETTINGS;
  const nodeArgs: string[] = [...(options.nodeArgs ?? [])];
  if (options.cpuProfileDir !== undefined) {
    mkdirSync(options.cpuProfileDir, { recursive: true });
    nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`);
  }
  if (options.heapSnapshotDir !== undefined) {
    mkdirSync(options.heapSnapshotDir, { recursive: true });
    nodeArgs.push("--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${options.heapSnapshotDir}`);
  }
  const procs = options.numProcs === undefined ? [] : ["--num-procs", String(options.numProcs)];
  const { redis } = options;
  const cluster = redis === undefined ? [] : ["--redis-url", redis.url];
  const main = redis?.leaseTtl === undefined ? [DEMO_MAIN] : [CLUSTER_NODE_MAIN, String(redis.leaseTtl)];
  // Nodes of one cluster sign their relays with a shared key.
  const env = redis === undefined ? process.env : { ...process.env, BOKEH_SECRET_KEY: CLUSTER_SECRET_KEY };
  const child = children.spawn(process.execPath, [...nodeArgs, ...main, ...serveFlags(port), ...procs, ...cluster], {
    env,
  });
  await waitForListening(child, port, START_TIMEOUT_MS, "our demo server");
  return {
    kind: "ours",
    label: "fastify-bokeh",
    port,
    pid: child.pid,
    httpBase: `http://${host}:${port}`,
    origin: `http://${host}:${port}`,
    child,
  };
}

/** bokeh serve with the Python twins of the contract apps, or a reason why it cannot run. */
export function benchAppFiles(): string[] | string {
  const files = BENCH_APPS.map((app) => join(BENCH_APPS_DIR, `${app}.py`));
  const missing = files.filter((file) => !existsSync(file));
  return missing.length === 0 ? files : `missing bench apps: ${missing.join(", ")}`;
}

export async function startBokehServe(
  children: Children,
  bokeh: string,
  appFiles: readonly string[],
): Promise<ServerUnderTest> {
  const port = await freePort();
  const { host } = SERVER_SETTINGS;
  const child = children.spawn(bokeh, ["serve", ...appFiles, ...serveFlags(port)]);
  await waitForListening(child, port, START_TIMEOUT_MS, "bokeh serve");
  return {
    kind: "bokeh",
    label: "bokeh serve",
    port,
    pid: child.pid,
    httpBase: `http://${host}:${port}`,
    origin: `http://${host}:${port}`,
    child,
  };
}

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, type RedisServer, startRedisServer, waitForPort } from "@fastify-bokeh/session-store-redis/testing";
import { Redis } from "ioredis";

const MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));
const HAPROXY = process.env.HAPROXY ?? "/usr/sbin/haproxy";
export const SECRET_KEY = "scale-out-test-secret-key-0123456789abcdefghijkl";

/** One `pnpm demo` process of the cluster. */
export interface DemoNode {
  readonly port: number;
  readonly child: ChildProcess;
  /** What it logged (pino JSON lines). */
  log: string;
}

/** Redis, three demo nodes on it and HAProxy (round-robin, no stickiness) in front, all child processes. */
export interface DemoCluster {
  readonly redis: RedisServer;
  /** A client of the cluster's Redis, for looking at leases and logs. */
  readonly inspect: Redis;
  readonly nodes: DemoNode[];
  /** `http://127.0.0.1:<balancer port>` */
  readonly base: string;
  /** Port of the node owning session `id` of `app` (its lease holder), if any. */
  ownerPort(app: string, id: string): Promise<number | undefined>;
  /** Starts a new process in place of a dead node, on its port. */
  revive(node: DemoNode): Promise<void>;
  /** The lease `<node> <epoch>` of session `id` of `app`. */
  lease(app: string, id: string): Promise<string | null>;
  stop(): Promise<void>;
}

/** The HAProxy configuration: plain round-robin over the nodes, a failed connection retried on another one. */
function haproxyConfig(port: number, nodePorts: readonly number[]): string {
  const servers = nodePorts.map((p, i) => `  server n${i} 127.0.0.1:${p} check inter 500 fall 2 rise 1`).join("\n");
  return `global
  maxconn 256
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
frontend web
  bind 127.0.0.1:${port}
  default_backend nodes
backend nodes
  balance roundrobin
${servers}
`;
}

/** Starts one demo node on `port`, joined to the cluster. */
export async function startNode(port: number, redisUrl: string, origins: readonly string[]): Promise<DemoNode> {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      ...["--port", String(port), "--address", "127.0.0.1", "--redis-url", redisUrl],
      ...origins.flatMap((origin) => ["--allow-websocket-origin", origin]),
    ],
    {
      env: { ...process.env, BOKEH_SECRET_KEY: SECRET_KEY, BOKEH_SIGN_SESSIONS: "no" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const node: DemoNode = { port, child, log: "" };
  child.stdout?.on("data", (chunk: Buffer) => (node.log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (node.log += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`node on port ${port} exited (${code}): ${node.log.slice(-2000)}`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForPort(port, 20_000), exited]);
  return node;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGCONT");
  child.kill("SIGKILL");
  await exited;
}

/** Starts Redis, three nodes and HAProxy on free ports of 127.0.0.1. */
export async function startCluster(): Promise<DemoCluster> {
  const redis = await startRedisServer();
  const lbPort = await freePort();
  const nodePorts = [await freePort(), await freePort(), await freePort()];
  const origins = [lbPort, ...nodePorts].map((p) => `127.0.0.1:${p}`);
  const nodes = await Promise.all(nodePorts.map((p) => startNode(p, redis.url, origins)));
  const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-haproxy-"));
  writeFileSync(join(dir, "haproxy.cfg"), haproxyConfig(lbPort, nodePorts));
  const haproxy = spawn(HAPROXY, ["-f", join(dir, "haproxy.cfg"), "-db"], { stdio: "ignore" });
  await waitForPort(lbPort);
  const inspect = new Redis(redis.url, { maxRetriesPerRequest: 3 });
  inspect.on("error", () => undefined);
  const lease = (app: string, id: string) => inspect.get(`fastify-bokeh:{${app}:${id}}:lease`);
  return {
    redis,
    inspect,
    nodes,
    base: `http://127.0.0.1:${lbPort}`,
    lease,
    async revive(node) {
      await stopChild(node.child);
      nodes[nodes.indexOf(node)] = await startNode(node.port, redis.url, origins);
    },
    async ownerPort(app, id) {
      const holder = (await lease(app, id))?.split(" ")[0];
      const address = holder === undefined ? null : await inspect.get(`fastify-bokeh:node:${holder}`);
      return address === null ? undefined : Number(address.split(":").at(-1));
    },
    async stop() {
      inspect.disconnect();
      await stopChild(haproxy);
      await Promise.all(nodes.map((n) => stopChild(n.child)));
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The session id of a page the server rendered (from the token in it). */
export function sessionIdOfHtml(html: string): string {
  const token = /"token":"([^"]+)"/.exec(html)?.[1];
  if (token === undefined) throw new Error("no session token in the page");
  const [payload = ""] = token.split(".");
  const json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { session_id: string };
  return json.session_id;
}

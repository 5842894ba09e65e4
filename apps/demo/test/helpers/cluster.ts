import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, type RedisServer, startRedisServer, waitForPort } from "@fastify-bokeh/session-store-redis/testing";
import { Redis } from "ioredis";

const MAIN = fileURLToPath(new URL("../../dist/main.js", import.meta.url));
const HAPROXY = process.env.HAPROXY ?? "/usr/sbin/haproxy";
const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";
const DEPLOYING = fileURLToPath(new URL("../../../../docs/deploying.md", import.meta.url));
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
  /** `http://127.0.0.1:<HAProxy's port>` */
  readonly base: string;
  /** Ports of HAProxy and of nginx (when started): the nodes allow both as websocket origins. */
  readonly balancerPorts: readonly [number, number];
  /** Port of the node owning session `id` of `app` (its lease holder), if any. */
  ownerPort(app: string, id: string): Promise<number | undefined>;
  /** Starts a new process in place of a dead node, on its port. */
  revive(node: DemoNode): Promise<void>;
  /** The lease `<node> <epoch>` of session `id` of `app`. */
  lease(app: string, id: string): Promise<string | null>;
  stop(): Promise<void>;
}

/** The fenced block of `lang` in docs/deploying.md: the configurations the docs give are the ones tested. */
function documented(lang: string): string {
  const block = new RegExp(`\`\`\`${lang}\n([\\s\\S]*?)\`\`\``).exec(readFileSync(DEPLOYING, "utf8"))?.[1];
  if (block === undefined) throw new Error(`docs/deploying.md has no ${lang} block`);
  return block;
}

/** The documented HAProxy configuration, on `port`, in front of the nodes. */
function haproxyConfig(port: number, nodePorts: readonly number[]): string {
  let next = 0;
  return documented("haproxy")
    .replace(/bind :\d+/, `bind 127.0.0.1:${port}`)
    .replace(/(server \S+ )\S+:\d+/g, (_, head: string) => `${head}127.0.0.1:${nodePorts[next++]}`);
}

/** The documented nginx configuration, on `port`, in front of the nodes, in a main configuration for `dir`. */
function nginxConfig(dir: string, port: number, nodePorts: readonly number[]): string {
  let next = 0;
  const site = documented("nginx")
    .replace(/listen \d+;/, `listen 127.0.0.1:${port};`)
    .replace(/server \S+:\d+/g, () => `server 127.0.0.1:${nodePorts[next++]}`);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    .map((kind) => `  ${kind}_temp_path ${dir}/${kind};`)
    .join("\n");
  return `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;
events { worker_connections 256; }
http {
  access_log off;
${temp}
${site}
}
`;
}

/** The documented nginx in front of the cluster's nodes; its URL and how to stop it. */
export async function startNginx(cluster: DemoCluster): Promise<{ base: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), "fastify-bokeh-nginx-"));
  mkdirSync(join(dir, "logs"));
  const port = cluster.balancerPorts[1];
  writeFileSync(
    join(dir, "nginx.conf"),
    nginxConfig(
      dir,
      port,
      cluster.nodes.map((n) => n.port),
    ),
  );
  const nginx = spawn(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf")], { stdio: "ignore" });
  await waitForPort(port);
  return {
    base: `http://127.0.0.1:${port}`,
    async stop() {
      await stopChild(nginx);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts one demo node on `port`, joined to the cluster. */
async function startNode(port: number, redisUrl: string, origins: readonly string[]): Promise<DemoNode> {
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
  try {
    await Promise.race([waitForPort(port, 60_000), exited]);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
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
  const nginxPort = await freePort();
  const nodePorts = [await freePort(), await freePort(), await freePort()];
  const origins = [lbPort, nginxPort, ...nodePorts].map((p) => `127.0.0.1:${p}`);
  const starting = await Promise.allSettled(nodePorts.map((p) => startNode(p, redis.url, origins)));
  const nodes = starting.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failure = starting.find((result) => result.status === "rejected");
  if (failure !== undefined) {
    await Promise.all(nodes.map((node) => stopChild(node.child)));
    await redis.stop();
    throw failure.reason;
  }
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
    balancerPorts: [lbPort, nginxPort],
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

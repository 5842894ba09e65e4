import type { Children } from "../process/children.js";
import type { ScaleOutHooks } from "../run-scale-out.js";
import { freePort, waitForListening } from "./server-under-test.js";
import { SERVER_SETTINGS } from "./settings.js";
import { type OursOptions, startOurs } from "./start-servers.js";

const REDIS_SERVER = process.env.REDIS_SERVER ?? "redis-server";

/** A throwaway redis-server (no persistence) on a free port of 127.0.0.1, stopped with the other children. */
async function startRedis(children: Children): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const { host } = SERVER_SETTINGS;
  const args = ["--port", String(port), "--bind", host, "--save", "", "--appendonly", "no"];
  const child = children.spawn(REDIS_SERVER, args);
  await waitForListening(child, port, 10_000, "redis-server");
  return { url: `redis://${host}:${port}`, stop: () => child.stop() };
}

/** What the scale-out scenario starts: a Redis, and our server (with `ours`' options) alone or as a node of it. */
export function scaleOutServers(children: Children, ours: OursOptions = {}): ScaleOutHooks {
  return {
    startRedis: () => startRedis(children),
    startOurs: (redis) => startOurs(children, { ...ours, ...(redis === undefined ? {} : { redis }) }),
  };
}

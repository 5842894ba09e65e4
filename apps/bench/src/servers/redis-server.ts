import type { Child, Children } from "../process/children.js";
import { freePort, waitForListening } from "./server-under-test.js";
import { SERVER_SETTINGS } from "./settings.js";

const REDIS_SERVER = process.env.REDIS_SERVER ?? "redis-server";

/** A throwaway redis-server (no persistence) on a free port of 127.0.0.1, for the scale-out scenario. */
export async function startRedis(children: Children): Promise<{ url: string; child: Child }> {
  const port = await freePort();
  const { host } = SERVER_SETTINGS;
  const args = ["--port", String(port), "--bind", host, "--save", "", "--appendonly", "no"];
  const child = children.spawn(REDIS_SERVER, args);
  await waitForListening(child, port, 10_000, "redis-server");
  return { url: `redis://${host}:${port}`, child };
}

/** Starting what `fastify-bokeh serve` (and `pnpm demo`) serve, once the flags are parsed. */
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { BokehAppOptions } from "../options/app-options.js";
import { loadAuthModule } from "./auth-module.js";
import type { ServeArgs } from "./serve-args.js";
import { buildServeServer } from "./serve-server.js";
import { showInBrowser } from "./show-in-browser.js";

/**
 * "Bokeh app running at: URL" per app (and the `--admin` page), as bokeh serve logs them (nothing on a unix socket,
 * as there), and `--show`.
 */
function announceApps(server: FastifyInstance, args: ServeArgs, paths: readonly string[]): void {
  if (args.unixSocket !== undefined) {
    server.log.info(`Listening on unix socket ${args.unixSocket}`);
    if (args.show) server.log.warn("--show: a unix socket has no URL to open");
    return;
  }
  const [address] = server.addresses().flatMap((a) => (typeof a === "string" ? [] : [a]));
  const host =
    args.address === "localhost" || address === undefined
      ? "localhost"
      : address.family === "IPv6"
        ? `[${address.address}]`
        : address.address;
  const scheme = args.tls === undefined ? "http" : "https";
  const base = `${scheme}://${host}:${address?.port ?? args.port}${args.prefix}`;
  for (const path of paths) {
    const url = `${base}${path}`;
    server.log.info(`Bokeh app running at: ${url}`);
    if (args.show) showInBrowser(url, server.log);
  }
  // Announced as an app (it is one), but --show opens the apps only.
  if (args.admin) server.log.info(`Bokeh app running at: ${base}/admin`);
  server.log.info(`Starting Bokeh server with process id: ${process.pid}`);
}

/** The server for the flags and `apps`, not listening yet: the `--auth-module` loaded, `beforeApps` before the apps. */
export async function buildServing(
  args: ServeArgs,
  apps: readonly BokehAppOptions[],
  beforeApps?: FastifyPluginAsync,
): Promise<FastifyInstance> {
  const auth = args.authModule === undefined ? undefined : await loadAuthModule(args.authModule);
  return buildServeServer(args, apps, auth, beforeApps);
}

/**
 * Loads the `--auth-module`, builds the server for the flags and `apps` (with `beforeApps` registered before them), listens (on `--unix-socket`, or
 * `--address`:`--port`) and logs the apps' URLs, opening them with `--show`. A server that cannot listen is closed.
 */
export async function startServing(
  args: ServeArgs,
  apps: readonly BokehAppOptions[],
  beforeApps?: FastifyPluginAsync,
): Promise<FastifyInstance> {
  const server = await buildServing(args, apps, beforeApps);
  try {
    await server.listen(
      args.unixSocket === undefined ? { port: args.port, host: args.address } : { path: args.unixSocket },
    );
  } catch (error) {
    await server.close();
    throw error;
  }
  announceApps(
    server,
    args,
    apps.map((app) => app.path),
  );
  return server;
}

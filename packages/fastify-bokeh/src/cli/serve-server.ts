import { readFileSync } from "node:fs";
import { createServer, type ServerOptions } from "node:https";
import fastifyCookie from "@fastify/cookie";
import fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from "fastify";
import { bokehAdmin } from "../admin/admin-plugin.js";
import { bokehApp } from "../app/bokeh-app.js";
import type { AuthHooks } from "../auth/auth-hooks.js";
import { bokehAuth } from "../auth/auth-plugin.js";
import { xsrfCookies } from "../auth/xsrf.js";
import { bokehCore } from "../core/core-plugin.js";
import type { BokehAppOptions } from "../options/app-options.js";
import type { ServeArgs, TlsFiles } from "./serve-args.js";
import { ServeArgsError } from "./serve-args-error.js";
import { serveLogger } from "./serve-logger.js";
import { startStatsLogs } from "./stats-log.js";

function readTlsFile(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw new ServeArgsError(`${flag}: cannot read ${path}`);
  }
}

/** The certificate (chain) and key; with no key file, the key is looked for in the certificate file, as Python's ssl does. */
function tlsOptions(tls: TlsFiles): ServerOptions {
  const cert = readTlsFile("--ssl-certfile", tls.certFile);
  const key = tls.keyFile === undefined ? cert : readTlsFile("--ssl-keyfile", tls.keyFile);
  return { cert, key, ...(tls.password !== undefined ? { passphrase: tls.password } : {}) };
}

/** Fastify's options: the logger, `--use-xheaders` as trustProxy, and an HTTPS server when there is a certificate. */
function fastifyOptions(args: ServeArgs): FastifyServerOptions {
  const options: FastifyServerOptions = { loggerInstance: serveLogger(args), trustProxy: args.useXheaders };
  if (args.tls === undefined) return options;
  const tls = tlsOptions(args.tls);
  // Fastify's types tie `https` to a different instance type; a server factory keeps the plain one.
  return { ...options, serverFactory: (handler) => createServer(tls, handler) };
}

/** Cookies (signed with `--cookie-secret`), XSRF checks and form bodies, for auth modules' login handlers. */
async function registerCookiesAndAuth(server: FastifyInstance, args: ServeArgs, auth: AuthHooks | undefined) {
  if (auth === undefined && args.cookieSecret === undefined && !args.xsrfCookies) return;
  await server.register(fastifyCookie, args.cookieSecret === undefined ? {} : { secret: args.cookieSecret });
  // Login forms post `application/x-www-form-urlencoded`, which Tornado parses and Fastify does not by default.
  server.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  if (args.xsrfCookies) await server.register(xsrfCookies);
  if (auth !== undefined) await server.register(bokehAuth, { hooks: auth, prefix: args.prefix });
}

/**
 * The server `fastify-bokeh serve` runs: the core with the flags' options, `beforeApps` (what the apps need beside
 * them), one bokehApp per app and the `--admin` page, under --prefix, with the auth hooks of `--auth-module` in front
 * (of `--metrics` too).
 */
export async function buildServeServer(
  args: ServeArgs,
  apps: readonly BokehAppOptions[],
  auth?: AuthHooks,
  beforeApps?: FastifyPluginAsync,
): Promise<FastifyInstance> {
  const server = fastify(fastifyOptions(args));
  if (args.configFile !== undefined) server.log.info(`Using override config file: ${args.configFile}`);
  if (args.ignoredSettings.length > 0)
    server.log.warn(`${args.configFile}: these settings do nothing here: ${args.ignoredSettings.join(", ")}`);
  await registerCookiesAndAuth(server, args, auth);
  startStatsLogs(server, args.statsLogFrequency, args.memLogFrequency);
  await server.register(
    async (scope) => {
      await scope.register(bokehCore, args.options);
      if (beforeApps !== undefined) await scope.register(beforeApps);
      for (const app of apps) await scope.register(bokehApp, app);
      if (args.admin) await scope.register(bokehAdmin);
    },
    { prefix: args.prefix },
  );
  return server;
}

/** `fastify-bokeh serve <app files…> [flags]`: bokeh serve for app modules, without writing a server. */
import type { FastifyInstance } from "fastify";
import { loadAppModules } from "./app-modules.js";
import { parseServeArgs, SERVE_FLAGS_HELP, type ServeArgs, ServeArgsError } from "./serve-args.js";
import { buildServeServer } from "./serve-server.js";
import { describeStartupFailure } from "./startup-errors.js";
import { versionLine } from "./version.js";

const USAGE = `Usage: fastify-bokeh serve APP_FILE... [options]

Serves each app module at /<file name>: a module's default export is the app function (doc) => void.
App modules are JavaScript (.js, .mjs) or TypeScript (.ts, .mts: Node's type stripping, else tsx if installed).

Options:
${SERVE_FLAGS_HELP}`;

function logAppUrls(server: FastifyInstance, args: ServeArgs, paths: readonly string[]): void {
  const [address] = server.addresses().flatMap((a) => (typeof a === "string" ? [] : [a]));
  const host =
    args.address === "localhost" || address === undefined
      ? "localhost"
      : address.family === "IPv6"
        ? `[${address.address}]`
        : address.address;
  for (const path of paths)
    server.log.info(`Bokeh app running at: http://${host}:${address?.port ?? args.port}${args.prefix}${path}`);
}

/** Parses, loads the apps and listens; a known failure becomes one line on stderr and an exit code. */
async function start(rest: readonly string[]): Promise<FastifyInstance | number> {
  let args: ServeArgs | undefined;
  let server: FastifyInstance | undefined;
  try {
    args = parseServeArgs(rest);
    if (args.help || args.version) {
      console.log(args.help ? USAGE : versionLine());
      return 0;
    }
    if (args.files.length === 0) throw new ServeArgsError("give at least one app file");
    const apps = await loadAppModules(args.files);
    server = await buildServeServer(args, apps);
    await server.listen({ port: args.port, host: args.address });
    logAppUrls(
      server,
      args,
      apps.map((app) => app.path),
    );
    return server;
  } catch (error) {
    await server?.close();
    const failure = describeStartupFailure(error, args?.port ?? 5006, args?.address ?? "localhost");
    if (failure === undefined) {
      console.error(error);
      return 1;
    }
    console.error(`fastify-bokeh serve: ${failure.message}`);
    return failure.exitCode;
  }
}

/** Runs until SIGINT or SIGTERM, then closes the server (sessions, websockets) and resolves the exit code. */
function runUntilSignal(server: FastifyInstance): Promise<number> {
  let closing = false;
  return new Promise<number>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        if (closing) return;
        closing = true;
        server.log.info(`${signal}: shutting down`);
        server.close().then(
          () => resolve(0),
          (error: unknown) => {
            console.error(error);
            resolve(1);
          },
        );
      });
    }
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "-h" || command === "--help") {
    console.log(USAGE);
    return 0;
  }
  if (command === "--version" || command === "-v") {
    console.log(versionLine());
    return 0;
  }
  if (command !== "serve") {
    console.error(
      command === undefined ? USAGE : `fastify-bokeh: unknown command '${command}' (try: fastify-bokeh serve app.js)`,
    );
    return 2;
  }
  const started = await start(rest);
  return typeof started === "number" ? started : runUntilSignal(started);
}

process.exitCode = await main(process.argv.slice(2));

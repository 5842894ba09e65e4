/** `fastify-bokeh serve <app files…> [flags]`: bokeh serve for app modules, without writing a server. */
import type { FastifyInstance } from "fastify";
import { loadServeApps } from "./serve-apps.js";
import { parseServeArgs, type ServeArgs, ServeArgsError } from "./serve-args.js";
import { SERVE_FLAGS_HELP } from "./serve-flags.js";
import { processCount, serveInProcesses } from "./serve-processes.js";
import { startServing } from "./serve-run.js";
import { describeStartupFailure } from "./startup-errors.js";
import { versionLine } from "./version.js";

const USAGE = `Usage: fastify-bokeh serve APP_FILE_OR_DIRECTORY... [options]

Serves each app module at /<file name>: a module's default export is the app function (doc, { argv }) => void,
argv being the module's file name and the arguments after --args.
App modules are JavaScript (.js, .mjs) or TypeScript (.ts, .mts: Node's type stripping, else tsx if installed).
A directory app (served at /<directory name>) has main.ts or main.js, and optionally app_hooks.ts/.js,
templates/index.html (a Jinja-syntax page template), static/ and theme.yaml (or theme.json).

Options:
${SERVE_FLAGS_HELP}`;

/** Parses, loads the apps and listens; a known failure becomes one line on stderr and an exit code. */
async function start(rest: readonly string[]): Promise<FastifyInstance | number> {
  let args: ServeArgs | undefined;
  try {
    args = parseServeArgs(rest);
    if (args.help || args.version) {
      console.log(args.help ? USAGE : versionLine());
      return 0;
    }
    if (args.files.length === 0) throw new ServeArgsError("give at least one app file");
    const workers = processCount(args);
    if (workers !== undefined) return await serveInProcesses(args, workers);
    const { apps, plugin } = await loadServeApps(args);
    return await startServing(args, apps, plugin);
  } catch (error) {
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

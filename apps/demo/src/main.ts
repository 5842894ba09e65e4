import type { FastifyInstance } from "fastify";
import {
  describeStartupFailure,
  parseServeArgs,
  SERVE_FLAGS_HELP,
  type ServeArgs,
  ServeArgsError,
  startServing,
} from "fastify-bokeh";
import { demoProcessCount, runDemoProcesses } from "./processes.js";
import { DEMO_APPS } from "./server.js";

const HELP = `Usage: pnpm demo [options]

Starts the fastify-bokeh demo server (default http://localhost:5006/). It takes the flags of
\`fastify-bokeh serve\` (bokeh serve's), and reads BOKEH_SECRET_KEY and BOKEH_SIGN_SESSIONS.

Options:
${SERVE_FLAGS_HELP}`;

/** The command line, or exit 2 with the usage when it is wrong. */
function readArgs(): ServeArgs {
  try {
    const args = parseServeArgs(process.argv.slice(2));
    if (args.files.length > 0)
      throw new ServeArgsError(`the demo serves its own apps; unexpected argument ${args.files[0]}`);
    if (args.appArgs.length > 0) throw new ServeArgsError("the demo's apps take no --args");
    return args;
  } catch (error) {
    if (!(error instanceof ServeArgsError)) throw error;
    console.error(`pnpm demo: ${error.message}\n\n${HELP}`);
    process.exit(2);
  }
}

/** The listening demo server (logging its apps' URLs), or exit when it cannot start. */
async function start(args: ServeArgs): Promise<FastifyInstance> {
  try {
    return await startServing(args, DEMO_APPS);
  } catch (error) {
    const failure = describeStartupFailure(error, args.port, args.address);
    console.error(failure === undefined ? error : `pnpm demo: ${failure.message}`);
    process.exit(failure?.exitCode ?? 1);
  }
}

const args = readArgs();
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const workers = demoProcessCount(args);
if (workers !== undefined) process.exit(await runDemoProcesses(args, workers));
const server = await start(args);

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.log.info(`${signal}: shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

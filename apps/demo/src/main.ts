import type { FastifyInstance } from "fastify";
import { parseServeArgs, SERVE_FLAGS_HELP, type ServeArgs, ServeArgsError } from "fastify-bokeh";
import { buildDemoServer, DEMO_APPS } from "./server.js";

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
    return args;
  } catch (error) {
    if (!(error instanceof ServeArgsError)) throw error;
    console.error(`pnpm demo: ${error.message}\n\n${HELP}`);
    process.exit(2);
  }
}

/** The listening demo server, or exit 2 when it cannot start. */
async function start(args: ServeArgs): Promise<FastifyInstance> {
  try {
    const server = await buildDemoServer({ logger: true, prefix: args.prefix, ...args.options });
    server.log.level = args.logLevel;
    await server.listen({ port: args.port, host: args.address });
    return server;
  } catch (error) {
    // Option errors (FST_BOKEH_*) name the bad option: the message is all the user needs.
    const code = error instanceof Error && "code" in error ? String(error.code) : "";
    console.error(code.startsWith("FST_BOKEH_") ? `pnpm demo: ${(error as Error).message}` : error);
    process.exit(2);
  }
}

const args = readArgs();
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
const server = await start(args);
const port = server.addresses().find((a) => typeof a !== "string")?.port ?? args.port;
for (const demo of DEMO_APPS)
  server.log.info(`Bokeh app running at: http://${args.address}:${port}${args.prefix}${demo.path}`);

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

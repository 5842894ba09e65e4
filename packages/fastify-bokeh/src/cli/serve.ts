#!/usr/bin/env node
/** `fastify-bokeh serve <app files…> [flags]`: bokeh serve for app modules, without writing a server. */
import type { FastifyInstance } from "fastify";
import { loadAppModules } from "./app-modules.js";
import { parseServeArgs, SERVE_FLAGS_HELP, ServeArgsError } from "./serve-args.js";
import { buildServeServer } from "./serve-server.js";

const USAGE = `Usage: fastify-bokeh serve APP_FILE... [options]

Serves each app module at /<file name>: a module's default export is the app function (doc) => void.

Options:
${SERVE_FLAGS_HELP}`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "-h" || command === "--help") {
    console.log(USAGE);
    return 0;
  }
  if (command !== "serve") {
    console.error(command === undefined ? USAGE : `unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  let server: FastifyInstance | undefined;
  try {
    const args = parseServeArgs(rest);
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    if (args.files.length === 0) throw new ServeArgsError("give at least one app file");
    const apps = await loadAppModules(args.files);
    server = await buildServeServer(args, apps);
    await server.listen({ port: args.port, host: args.address });
    const [address] = server.addresses().flatMap((a) => (typeof a === "string" ? [] : [a]));
    const host =
      args.address === "localhost" || address === undefined
        ? "localhost"
        : address.family === "IPv6"
          ? `[${address.address}]`
          : address.address;
    for (const app of apps)
      server.log.info(`Bokeh app running at: http://${host}:${address?.port ?? args.port}${args.prefix}${app.path}`);
  } catch (error) {
    // Option errors (ServeArgsError, FST_BOKEH_*) are the user's to fix: their message is enough.
    const known =
      error instanceof ServeArgsError ||
      (error instanceof Error && "code" in error && String(error.code).startsWith("FST_BOKEH_"));
    console.error(known ? `fastify-bokeh serve: ${(error as Error).message}` : error);
    await server?.close();
    return 2;
  }
  const running = server;
  let closing = false;
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        if (closing) return;
        closing = true;
        running.log.info(`${signal}: shutting down`);
        running.close().then(resolve, (error: unknown) => {
          console.error(error);
          process.exitCode = 1;
          resolve();
        });
      });
    }
  });
  return process.exitCode === 1 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));

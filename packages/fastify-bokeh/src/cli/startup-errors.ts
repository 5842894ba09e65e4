/**
 * One-line messages for the ways `fastify-bokeh serve` commonly fails to start (bokeh serve prints one line too);
 * anything else is a bug somewhere and keeps its stack trace.
 */
import { ServeArgsError } from "./serve-args.js";

/** What went wrong, and the exit code: 2 for a command line or option to fix, 1 for the environment. */
export interface StartupFailure {
  readonly message: string;
  readonly exitCode: 1 | 2;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  return typeof error.code === "string" ? error.code : undefined;
}

/** The one-line description of a known startup failure, or undefined for an unexpected error. */
export function describeStartupFailure(error: unknown, port: number, address: string): StartupFailure | undefined {
  if (error instanceof ServeArgsError) return { message: error.message, exitCode: 2 };
  if (!(error instanceof Error)) return undefined;
  const code = codeOf(error);
  if (code === undefined) return undefined;
  // Our own coded errors (options, duplicate apps, two copies of @fastify-bokeh/document) say what to fix.
  if (code.startsWith("FST_BOKEH_")) return { message: error.message, exitCode: 2 };
  if (code === "EADDRINUSE")
    return {
      message: `cannot start: port ${port} is already in use on ${address} (pick another with --port)`,
      exitCode: 1,
    };
  if (code === "EACCES")
    return {
      message: `cannot start: no permission to listen on port ${port} (ports below 1024 need privileges)`,
      exitCode: 1,
    };
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
    return { message: `cannot start: ${address} is not an address of this machine (see --address)`, exitCode: 1 };
  if (code === "ERR_MODULE_NOT_FOUND") return { message: error.message.split("\n")[0] ?? error.message, exitCode: 2 };
  return undefined;
}

/**
 * Lets `fastify-bokeh serve` take `.ts` app modules: Node's own type stripping where it is on (Node ≥ 22.18, or
 * ≥ 22.6 with --experimental-strip-types), else tsx when the user's project has it, else a one-line hint.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ServeArgsError } from "./serve-args.js";

const TYPESCRIPT_FILE = /\.[cm]?ts$/;

/** The error code Node gives for a file extension it has no loader for (`.ts` without type stripping). */
const UNKNOWN_EXTENSION = "ERR_UNKNOWN_FILE_EXTENSION";

let tsxRegistered = false;

/** Registers tsx's ESM loader if tsx can be resolved from `cwd` (the user's project); false if it cannot. */
async function registerTsx(cwd: string): Promise<boolean> {
  if (tsxRegistered) return true;
  let api: string;
  try {
    api = createRequire(join(cwd, "package.json")).resolve("tsx/esm/api");
  } catch {
    return false;
  }
  const tsx = (await import(pathToFileURL(api).href)) as { register?: unknown };
  if (typeof tsx.register !== "function") return false;
  tsx.register();
  tsxRegistered = true;
  return true;
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

/** Imports one app module by path, loading TypeScript through tsx when Node cannot. */
export async function importAppModule(file: string, path: string, cwd: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if (errorCode(error) !== UNKNOWN_EXTENSION || !TYPESCRIPT_FILE.test(path)) throw error;
  }
  // A fresh URL: the module map may remember the failed attempt under the plain one.
  if (await registerTsx(cwd)) return (await import(`${url}?tsx`)) as Record<string, unknown>;
  throw new ServeArgsError(
    `${file}: Node.js ${process.version} cannot run TypeScript by itself; use Node.js >= 22.18 ` +
      `(or NODE_OPTIONS=--experimental-strip-types on >= 22.6), install tsx in your project (npm i -D tsx), ` +
      "or compile the app to .js",
  );
}

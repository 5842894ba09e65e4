/**
 * The packages only some features need (templates, YAML, pretty logs): optional peer dependencies, so that a server
 * without those features installs small. Loaded synchronously, on first use.
 */
import { createRequire } from "node:module";
import { FST_BOKEH_MISSING_PACKAGE } from "../errors.js";

const require = createRequire(import.meta.url);

const codeOf = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "code" in error ? error.code : undefined;

/** Whether `name` can be loaded here. */
export function hasPackage(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** Loads `name`, or says in one line which feature (`neededFor`) needs it and how to install it. */
export function optionalPackage<T>(name: string, neededFor: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    if (codeOf(error) !== "MODULE_NOT_FOUND") throw error;
    throw new FST_BOKEH_MISSING_PACKAGE(neededFor, name, name);
  }
}

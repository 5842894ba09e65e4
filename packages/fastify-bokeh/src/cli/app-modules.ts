import { statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import type { BokehAppOptions } from "../options/app-options.js";
import { type ServeApplication, withArgv } from "./app-argv.js";
import { ServeArgsError } from "./serve-args-error.js";
import { importAppModule } from "./typescript-apps.js";

/** Named exports of an app module that become options of its `bokehApp`, next to the default export (the app). */
const HOOK_EXPORTS = [
  "onSessionCreated",
  "onSessionDestroyed",
  "onServerLoaded",
  "onServerUnloaded",
  "template",
] as const;
const VALUE_EXPORTS = ["description", "title", "metadata", "templateVariables"] as const;

/** Where `fastify-bokeh serve` mounts an app module: `/<file name without extension>`. */
export function appPathOf(file: string): string {
  return `/${basename(file, extname(file))}`;
}

/**
 * Imports app modules for `fastify-bokeh serve`: each module's default export is the app function, served at
 * `/<file name without extension>`; named exports `description`, `title`, `metadata`, `template`,
 * `templateVariables` and the lifecycle hooks become the app's options. The app function gets `appArgs` (`--args`)
 * after the file name as its second argument.
 */
export async function loadAppModules(
  files: readonly string[],
  cwd: string = process.cwd(),
  appArgs: readonly string[] = [],
): Promise<BokehAppOptions[]> {
  const apps: BokehAppOptions[] = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      throw new ServeArgsError(`${file}: no such file`);
    }
    if (!isFile) throw new ServeArgsError(`${file}: not a file (give the app module itself)`);
    const mod = await importAppModule(file, path, cwd);
    apps.push({
      path: appPathOf(path),
      ...appModuleOptions(file, mod, [basename(path), ...appArgs]),
    });
  }
  return apps;
}

/**
 * The app options an app module gives: its default export (the app, given `argv` as bokeh gives `sys.argv`) and the
 * named exports that are options.
 */
export function appModuleOptions(
  file: string,
  mod: Record<string, unknown>,
  argv: readonly string[],
): Omit<BokehAppOptions, "path"> {
  if (typeof mod.default !== "function")
    throw new ServeArgsError(`${file}: the default export must be the app function (doc) => void`);
  const options: Record<string, unknown> = { app: withArgv(mod.default as ServeApplication, argv) };
  for (const name of [...HOOK_EXPORTS, ...VALUE_EXPORTS]) if (mod[name] !== undefined) options[name] = mod[name];
  // bokehApp validates the options' types when it is registered.
  return options as Omit<BokehAppOptions, "path">;
}

import { statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import type { BokehAppOptions } from "../options/app-options.js";
import { ServeArgsError } from "./serve-args.js";
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

/**
 * Imports app modules for `fastify-bokeh serve`: each module's default export is the app function, served at
 * `/<file name without extension>`; named exports `description`, `title`, `metadata`, `template`,
 * `templateVariables` and the lifecycle hooks become the app's options.
 */
export async function loadAppModules(
  files: readonly string[],
  cwd: string = process.cwd(),
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
    if (typeof mod.default !== "function")
      throw new ServeArgsError(`${file}: the default export must be the app function (doc) => void`);
    const options: Record<string, unknown> = { path: `/${basename(path, extname(path))}`, app: mod.default };
    for (const name of [...HOOK_EXPORTS, ...VALUE_EXPORTS]) if (mod[name] !== undefined) options[name] = mod[name];
    apps.push(options as unknown as BokehAppOptions);
  }
  return apps;
}

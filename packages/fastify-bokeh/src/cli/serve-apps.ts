import { statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { DevReloader } from "../dev/dev-reloader.js";
import { type AppCode, DirectoryApp } from "../directory/directory-app.js";
import type { JinjaPage } from "../directory/jinja-page.js";
import type { BokehAppOptions } from "../options/app-options.js";
import { appModuleOptions } from "./app-modules.js";
import type { ServeArgs } from "./serve-args.js";
import { ServeArgsError } from "./serve-args.js";
import { importAppModule } from "./typescript-apps.js";

/** The apps `fastify-bokeh serve` registers, and a plugin to register before them (templates, `--dev`). */
export interface ServeApps {
  readonly apps: readonly BokehAppOptions[];
  readonly plugin: FastifyPluginAsync;
}

/** One app on the command line: where it is served, what to watch, and how to load its code. */
interface AppSource {
  readonly path: string;
  readonly watched: readonly string[];
  readonly page: JinjaPage | undefined;
  readonly load: (query: string) => Promise<AppCode>;
}

function isDirectory(file: string, path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new ServeArgsError(`${file}: no such file or directory`);
  }
}

/** Where app `file` is and how it loads; its function gets `appArgs` (`--args`) after its file name, as argv. */
function appSource(file: string, cwd: string, dev: boolean, appArgs: readonly string[]): AppSource {
  const path = resolve(cwd, file);
  if (isDirectory(file, path)) {
    const dir = new DirectoryApp(path, dev);
    return {
      path: dir.path,
      watched: dir.watched,
      page: dir.page,
      load: (query) => dir.load((module) => importAppModule(module, module, cwd, query), appArgs),
    };
  }
  const argv = [basename(path), ...appArgs];
  return {
    path: `/${basename(path, extname(path))}`,
    watched: [path],
    page: undefined,
    load: async (query) => appModuleOptions(file, await importAppModule(file, path, cwd, query), argv),
  };
}

/**
 * Loads the apps given to `fastify-bokeh serve`: app modules (served at `/<file name>`) and directory apps (served
 * at `/<directory name>`). With `--dev` they reload when their files change.
 */
export async function loadServeApps(
  args: Pick<ServeArgs, "files" | "dev"> & Partial<Pick<ServeArgs, "appArgs">>,
  cwd = process.cwd(),
): Promise<ServeApps> {
  const sources = args.files.map((file) => appSource(file, cwd, args.dev !== undefined, args.appArgs ?? []));
  const pages = sources.flatMap((source) => (source.page === undefined ? [] : [source.page]));
  const reloader = args.dev === undefined ? undefined : new DevReloader(args.dev.map((file) => resolve(cwd, file)));
  const apps: BokehAppOptions[] = [];
  for (const source of sources) {
    apps.push(
      reloader === undefined
        ? { path: source.path, ...(await source.load("")) }
        : await reloader.add(source.path, source.watched, source.load),
    );
  }
  const plugin = fp(async (scope) => {
    for (const page of pages) await scope.register(page.plugin);
    if (reloader !== undefined) await scope.register(reloader.plugin);
  });
  return { apps, plugin };
}

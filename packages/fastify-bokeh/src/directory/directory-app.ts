import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { appModuleOptions } from "../cli/app-modules.js";
import { ServeArgsError } from "../cli/serve-args.js";
import type { BokehApplication, BokehAppOptions } from "../options/app-options.js";
import { appHooksOf } from "./app-hooks.js";
import { JinjaPage } from "./jinja-page.js";
import { readThemeFile } from "./theme-file.js";

/** Imports a module by absolute path (afresh under `--dev`). */
export type ImportModule = (path: string) => Promise<Record<string, unknown>>;

/** An app's options as one loading of its code gives them; the path is the server's to choose. */
export type AppCode = Omit<BokehAppOptions, "path" | "prefix">;

const MAIN_FILES = ["main.ts", "main.mts", "main.js", "main.mjs"];
const HOOK_FILES = ["app_hooks.ts", "app_hooks.mts", "app_hooks.js", "app_hooks.mjs"];

/**
 * A Bokeh directory app in JavaScript terms: `main.ts`/`main.js` (the app module, as a single-file app),
 * optional `app_hooks.ts`/`app_hooks.js` (lifecycle hooks), `templates/index.html` (a Jinja-syntax page template),
 * `static/` (served at `<app>/static/`) and `theme.yaml`/`theme.json` (applied to every session's document).
 */
export class DirectoryApp {
  /** The page template, when the app has a `templates` folder. */
  readonly page: JinjaPage | undefined;
  readonly path: string;

  constructor(
    readonly dir: string,
    reread = false,
  ) {
    if (this.first(MAIN_FILES) === undefined)
      throw new ServeArgsError(`${dir}: a directory app needs a ${MAIN_FILES.join(", ")} file`);
    const templates = join(dir, "templates");
    this.page = existsSync(templates) ? new JinjaPage(templates, reread) : undefined;
    this.path = `/${basename(dir)}`;
  }

  /** Files and folders (besides the app's modules) whose change `--dev` reloads the app for. */
  get watched(): string[] {
    const files = [...MAIN_FILES, ...HOOK_FILES, "templates", "static", "theme.yaml", "theme.yml", "theme.json"];
    return files.map((name) => join(this.dir, name));
  }

  private first(names: readonly string[]): string | undefined {
    return names.map((name) => join(this.dir, name)).find((path) => existsSync(path));
  }

  /** Imports the app's code and reads its theme; throws if any of it is wrong. `appArgs` follow main's name in argv. */
  async load(importModule: ImportModule, appArgs: readonly string[] = []): Promise<AppCode> {
    const main = this.first(MAIN_FILES);
    if (main === undefined) throw new ServeArgsError(`${this.dir}: no ${MAIN_FILES.join(", ")} file`);
    const hooksFile = this.first(HOOK_FILES);
    const hooks = hooksFile === undefined ? {} : appHooksOf(hooksFile, await importModule(hooksFile));
    const options = appModuleOptions(main, await importModule(main), [basename(main), ...appArgs]);
    for (const name of Object.keys(hooks))
      if (name in options) throw new ServeArgsError(`${this.dir}: ${name} is given by both ${main} and ${hooksFile}`);
    const theme = await readThemeFile(this.dir);
    const app: BokehApplication =
      theme === undefined
        ? options.app
        : async (doc) => {
            // As bokeh's directory handler: the theme is set before the app code builds the document.
            doc.theme = theme;
            await options.app(doc);
          };
    const hasIndex = this.page !== undefined && existsSync(join(this.page.templatesDir, "index.html"));
    const staticDir = join(this.dir, "static");
    return {
      ...options,
      ...hooks,
      app,
      ...(hasIndex && this.page !== undefined ? { template: this.page.template } : {}),
      ...(existsSync(staticDir) ? { staticDir } : {}),
    };
  }
}

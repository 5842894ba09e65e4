import type { AppCode } from "../directory/directory-app.js";
import type { BokehAppOptions } from "../options/app-options.js";
import type { ServerContext } from "../options/core-options.js";

/** Loads an app's code afresh; `loading` (1, 2, …) tells one loading from the others. */
export type LoadAppCode = (loading: number) => Promise<AppCode>;

/**
 * An app whose code `--dev` replaces while the server runs: its `bokehApp` options are fixed at registration, so
 * they delegate to the latest loaded code. New sessions run the new code; existing sessions keep theirs until their
 * pages reload.
 */
export class ReloadableApp {
  private loadings = 1;
  private serverContext: ServerContext | undefined;

  private constructor(
    readonly path: string,
    private code: AppCode,
    private readonly loadCode: LoadAppCode,
  ) {}

  static async load(path: string, loadCode: LoadAppCode): Promise<ReloadableApp> {
    return new ReloadableApp(path, await loadCode(1), loadCode);
  }

  /**
   * Loads the code again and uses it from now on; on failure the previous code stays. As the server runs on, the
   * previous code's `onServerUnloaded` and the new code's `onServerLoaded` run in turn (bokeh restarts instead).
   */
  async reload(): Promise<void> {
    this.loadings += 1;
    const next = await this.loadCode(this.loadings);
    const previous = this.code;
    this.code = next;
    if (this.serverContext === undefined) return;
    await previous.onServerUnloaded?.(this.serverContext);
    await next.onServerLoaded?.(this.serverContext);
  }

  /** The options to register: every function asks the latest code. */
  options(): BokehAppOptions {
    const initial = this.code;
    return {
      path: this.path,
      ...(initial.description !== undefined ? { description: initial.description } : {}),
      ...(initial.staticDir !== undefined ? { staticDir: initial.staticDir } : {}),
      app: async (doc) => {
        if (this.code.title !== undefined) doc.title = this.code.title;
        await this.code.app(doc);
      },
      template: (vars) => {
        const { template, templateVariables } = this.code;
        if (template === undefined) return vars.base();
        return template({ ...vars, templateVariables: { ...templateVariables, ...vars.templateVariables } });
      },
      metadata: () => {
        const { metadata } = this.code;
        return typeof metadata === "function" ? metadata() : (metadata ?? {});
      },
      onSessionCreated: (context) => this.code.onSessionCreated?.(context),
      onSessionDestroyed: (context) => this.code.onSessionDestroyed?.(context),
      onServerLoaded: (context) => {
        this.serverContext = context;
        return this.code.onServerLoaded?.(context);
      },
      onServerUnloaded: (context) => this.code.onServerUnloaded?.(context),
    };
  }
}

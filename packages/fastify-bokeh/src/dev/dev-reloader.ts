import type { ServerResponse } from "node:http";
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { AppCode } from "../directory/directory-app.js";
import type { BokehAppOptions } from "../options/app-options.js";
import { FileWatcher } from "./file-watcher.js";
import { freshModulesQuery, trackModules } from "./module-tracker.js";
import { RELOAD_EVENTS_PATH, reloadEvent, reloadScript, withScript } from "./reload-script.js";
import { ReloadableApp } from "./reloadable-app.js";

/** Loads an app's code with its modules imported under a URL query (`?…`) of their own. */
export type LoadWithQuery = (query: string) => Promise<AppCode>;

/**
 * `fastify-bokeh serve --dev`: watches each app's files and the local modules it imports; on a change, loads the app
 * again (new sessions run the new code) and tells every open page to reload itself.
 */
export class DevReloader {
  private readonly watchers = new Map<string, FileWatcher>();
  private readonly apps: ReloadableApp[] = [];
  private readonly pages = new Set<ServerResponse>();
  private readonly extraWatcher: FileWatcher;
  /** Bumped by every successful reload; a page knows the generation it was served with. */
  private generation = 0;
  private reloading: Promise<void> = Promise.resolve();
  private log: FastifyBaseLogger | undefined;

  /** @param extraFiles more files whose change reloads every app (bokeh's `--dev FILE…`) */
  constructor(extraFiles: readonly string[]) {
    trackModules((tag, path) => this.watchers.get(tag.split(".")[0] ?? "")?.add(path));
    this.extraWatcher = new FileWatcher((changed) => this.schedule(this.apps, changed));
    for (const file of extraFiles) this.extraWatcher.add(file);
  }

  /** Loads an app (its first loading) and watches `watched` and the local modules it imports. */
  async add(path: string, watched: readonly string[], load: LoadWithQuery): Promise<BokehAppOptions> {
    const key = String(this.watchers.size);
    const watcher = new FileWatcher((changed) => this.schedule([app], changed));
    this.watchers.set(key, watcher);
    for (const file of watched) watcher.add(file);
    const app = await ReloadableApp.load(path, (loading) => load(freshModulesQuery(`${key}.${loading}`)));
    this.apps.push(app);
    return app.options();
  }

  /** Reloads one at a time, in the order changes came in. */
  private schedule(apps: readonly ReloadableApp[], changed: readonly string[]): void {
    this.reloading = this.reloading.then(() => this.reload(apps, changed));
  }

  private async reload(apps: readonly ReloadableApp[], changed: readonly string[]): Promise<void> {
    let reloaded = 0;
    for (const app of apps) {
      this.log?.info({ app: app.path, changed }, "app files changed: reloading the app");
      try {
        await app.reload();
        reloaded += 1;
      } catch (error) {
        this.log?.error({ app: app.path, err: error }, "reloading the app failed; new sessions run the previous code");
      }
    }
    // Pages stay as they are when nothing new loaded (a broken edit): the next good edit reloads them.
    if (reloaded === 0) return;
    this.generation += 1;
    for (const page of this.pages) page.write(reloadEvent(this.generation));
  }

  /** The server-sent events route pages listen to. */
  private listen(request: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    const page = reply.raw;
    page.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    page.write(reloadEvent(this.generation));
    this.pages.add(page);
    request.raw.on("close", () => this.pages.delete(page));
  }

  private close(): void {
    for (const watcher of [...this.watchers.values(), this.extraWatcher]) watcher.close();
    for (const page of this.pages) page.end();
    this.pages.clear();
  }

  /** Register beside the apps (before them, so its hooks apply to their pages): the route and the page script. */
  readonly plugin: FastifyPluginAsync = fp(async (fastify) => {
    this.log = fastify.log;
    const eventsUrl = `${fastify.prefix}${RELOAD_EVENTS_PATH}`;
    // The generation a page's session was built with is the one current when its request came in.
    const servedWith = new WeakMap<FastifyRequest, number>();
    fastify.addHook("onRequest", async (request) => {
      servedWith.set(request, this.generation);
    });
    fastify.addHook("onSend", async (request, reply, payload) => {
      const type = reply.getHeader("content-type");
      if (typeof payload !== "string" || typeof type !== "string" || !type.startsWith("text/html")) return payload;
      return withScript(payload, reloadScript(eventsUrl, servedWith.get(request) ?? this.generation));
    });
    fastify.get(RELOAD_EVENTS_PATH, (request, reply) => this.listen(request, reply));
    fastify.addHook("preClose", async () => this.close());
  });
}

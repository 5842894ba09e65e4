import { register } from "node:module";
import { MessageChannel } from "node:worker_threads";

/** The query parameter that gives each loading of an app's modules URLs of their own. */
const PARAM = "fastify-bokeh-dev";

/**
 * A module resolve hook (run by Node in its loader thread): a relative or absolute import from a module whose URL
 * carries the parameter gets the same parameter, so one `import()` of an app's main module with a new value loads
 * every local module it imports afresh, while packages (bare specifiers, node_modules) stay shared. Each such module
 * is reported to the main thread, to be watched.
 */
const HOOKS = `
import { fileURLToPath } from "node:url";
const PARAM = ${JSON.stringify(PARAM)};
let port;
export function initialize(data) { port = data.port; }
const local = (specifier) => /^(\\.{1,2}\\/|\\/|file:)/.test(specifier);
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (context.parentURL === undefined || !local(specifier) || !result.url.startsWith("file:")) return result;
  const tag = new URL(context.parentURL).searchParams.get(PARAM);
  const url = new URL(result.url);
  if (tag === null || url.pathname.includes("/node_modules/")) return result;
  url.searchParams.set(PARAM, tag);
  port.postMessage({ tag, path: fileURLToPath(result.url) });
  return { ...result, url: url.href };
}
`;

/** Where a loading's modules are reported: the loading's tag and a module's file. */
export type ModuleListener = (tag: string, path: string) => void;

let listeners: Set<ModuleListener> | undefined;

function isReport(value: unknown): value is { tag: string; path: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    "tag" in value &&
    typeof value.tag === "string" &&
    "path" in value &&
    typeof value.path === "string"
  );
}

/** Installs the resolve hook once per process; `listener` hears of every module loaded under a tag. */
export function trackModules(listener: ModuleListener): void {
  if (listeners === undefined) {
    const known = new Set<ModuleListener>();
    listeners = known;
    const { port1, port2 } = new MessageChannel();
    port1.on("message", (message: unknown) => {
      if (isReport(message)) for (const heard of known) heard(message.tag, message.path);
    });
    port1.unref();
    register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, {
      data: { port: port2 },
      transferList: [port2],
    });
  }
  listeners.add(listener);
}

/** The URL query that loads an app's modules afresh under `tag` (tags are unique per app and loading). */
export function freshModulesQuery(tag: string): string {
  return `?${PARAM}=${encodeURIComponent(tag)}`;
}

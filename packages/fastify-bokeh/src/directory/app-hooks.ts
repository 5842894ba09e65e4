import { ServeArgsError } from "../cli/serve-args.js";
import type { BokehAppOptions, SessionHook } from "../options/app-options.js";
import type { ServerHook } from "../options/core-options.js";

/** The lifecycle hooks of an app, by our option names. */
export type AppHooks = Pick<
  BokehAppOptions,
  "onServerLoaded" | "onServerUnloaded" | "onSessionCreated" | "onSessionDestroyed"
>;

/** Our option name for each hook, and bokeh's `app_hooks.py` name, which an `app_hooks` module may use instead. */
const HOOK_NAMES = [
  ["onServerLoaded", "on_server_loaded"],
  ["onServerUnloaded", "on_server_unloaded"],
  ["onSessionCreated", "on_session_created"],
  ["onSessionDestroyed", "on_session_destroyed"],
] as const;

function hookExport(file: string, mod: Record<string, unknown>, names: readonly string[]): unknown {
  const given = names.filter((name) => mod[name] !== undefined);
  if (given.length > 1) throw new ServeArgsError(`${file}: export either ${given.join(" or ")}, not both`);
  const [name] = given;
  if (name === undefined) return undefined;
  if (typeof mod[name] !== "function") throw new ServeArgsError(`${file}: ${name} must be a function`);
  return mod[name];
}

/**
 * The hooks an `app_hooks` module exports, under our names (`onSessionCreated`…) or bokeh's
 * (`on_session_created`…). Server hooks receive the server context, session hooks the session's context.
 */
export function appHooksOf(file: string, mod: Record<string, unknown>): AppHooks {
  const hooks: AppHooks = {};
  for (const [ours, bokehs] of HOOK_NAMES) {
    const hook = hookExport(file, mod, [ours, bokehs]);
    if (hook === undefined) continue;
    if (ours === "onServerLoaded" || ours === "onServerUnloaded") hooks[ours] = hook as ServerHook;
    else hooks[ours] = hook as SessionHook;
  }
  return hooks;
}

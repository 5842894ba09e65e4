/** The serve flags that are bokehCore options. */
import { resolve } from "node:path";
import type { BokehCoreOptions } from "../options/core-options.js";
import type { FlagValues } from "./flag-values.js";
import { ServeArgsError } from "./serve-args-error.js";

/** The `--session-ids` mode as core options. */
function sessionIdOptions(mode: string | undefined): BokehCoreOptions {
  if (mode === undefined) return {};
  if (mode === "unsigned") return { signSessions: false };
  if (mode === "signed") return { signSessions: true };
  if (mode === "external-signed") return { signSessions: true, generateSessionIds: false };
  throw new ServeArgsError(`--session-ids: '${mode}' is not unsigned, signed or external-signed`);
}

/** The bokehCore options the flags set. */
export function coreOptions(flags: FlagValues): BokehCoreOptions {
  const options: BokehCoreOptions = { ...sessionIdOptions(flags.one("--session-ids")) };
  const origins = flags.values.get("--allow-websocket-origin");
  if (origins !== undefined) options.allowWebsocketOrigin = [...origins];
  const numbers = {
    keepAlive: flags.int("--keep-alive"),
    checkUnusedSessions: flags.int("--check-unused-sessions"),
    unusedSessionLifetime: flags.int("--unused-session-lifetime"),
    websocketMaxMessageSize: flags.int("--websocket-max-message-size"),
    sessionTokenExpiration: flags.int("--session-token-expiration"),
  };
  for (const [key, value] of Object.entries(numbers)) if (value !== undefined) Object.assign(options, { [key]: value });
  const level = flags.int("--websocket-compression-level");
  const memLevel = flags.int("--websocket-compression-mem-level");
  if (level !== undefined || memLevel !== undefined) {
    options.websocketCompression = {
      ...(level !== undefined ? { level } : {}),
      ...(memLevel !== undefined ? { memLevel } : {}),
    };
  }
  if (flags.has("--disable-index")) options.index = false;
  if (flags.has("--disable-index-redirect")) options.indexRedirect = false;
  const icoPath = flags.one("--ico-path");
  // bokeh's special values: `none` for no icon, `default` for the project's own.
  if (icoPath !== undefined && icoPath !== "default") options.favicon = icoPath === "none" ? false : icoPath;
  const index = flags.one("--index");
  if (index !== undefined) options.indexTemplate = resolve(index);
  for (const [flag, key] of [
    ["--include-headers", "includeHeaders"],
    ["--exclude-headers", "excludeHeaders"],
    ["--include-cookies", "includeCookies"],
    ["--exclude-cookies", "excludeCookies"],
  ] as const) {
    const names = flags.values.get(flag);
    if (names !== undefined) options[key] = [...names];
  }
  const redisUrl = flags.one("--redis-url");
  if (redisUrl !== undefined) options.redis = redisUrl;
  if (flags.has("--metrics")) options.metrics = true;
  return options;
}

/**
 * `--use-config FILE`: bokeh serve loads a YAML file of bokeh settings (`key: value` lines) that wins over the
 * BOKEH_* variables and loses to the command line. We read bokeh's server settings by their names, and every other
 * serve flag by its name in snake_case (`keep_alive: 0`), with the same precedence.
 */

import { readFileSync } from "node:fs";
import type { BokehCoreOptions } from "../options/core-options.js";
import { optionalPackage } from "../resources/optional-package.js";
import { ServeArgsError } from "./serve-args-error.js";
import { FLAGS, type FlagKind } from "./serve-flags.js";

/** bokeh settings that are serve flags under another name. */
const SETTING_FLAGS: Readonly<Record<string, string>> = {
  allowed_ws_origin: "--allow-websocket-origin",
  xsrf_cookies: "--enable-xsrf-cookies",
  // bokeh's `log_level` is BokehJS's level (below); the server's is `py_log_level`.
  py_log_level: "--log-level",
};

/** Flags that make no sense in a config file. */
const COMMAND_ONLY = new Set(["--use-config", "--help", "-h", "--version", "--host"]);

/** What a config file sets. */
export interface ConfigSettings {
  /** Flag values, as if given on the command line. */
  readonly values: Map<string, string[]>;
  /** bokeh settings that are no flag: the signing key, signing on/off, BokehJS's log level. */
  readonly options: BokehCoreOptions;
  /** BOKEH_SSL_PASSWORD's setting, `ssl_password`. */
  sslPassword: string | undefined;
  /** Keys that set nothing here (bokeh ignores unknown keys too); worth a warning. */
  readonly ignored: string[];
}

/** bokeh's `convert_bool`: yes/true/on/1 and no/false/off/0. */
export function settingBoolean(name: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  const text = String(value).toLowerCase();
  if (["yes", "true", "on", "1"].includes(text)) return true;
  if (["no", "false", "off", "0"].includes(text)) return false;
  throw new ServeArgsError(`${name}: '${String(value)}' is not a boolean (yes/no, true/false, on/off, 1/0)`);
}

function scalar(name: string, value: unknown): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  throw new ServeArgsError(`${name}: expected a single value`);
}

/** The flag values one config entry stands for (none for a false switch). */
function flagValues(key: string, kind: FlagKind, value: unknown): string[] | undefined {
  if (kind === "flag") return settingBoolean(key, value) ? [] : undefined;
  if (kind === "int" || kind === "string") return [scalar(key, value)];
  if (Array.isArray(value)) return value.map((item) => scalar(key, item));
  // A comma-separated string, as BOKEH_ALLOW_WS_ORIGIN and bokeh's list settings take.
  return scalar(key, value)
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The flag a config key names, if any. */
function flagOf(key: string): string | undefined {
  const flag = SETTING_FLAGS[key] ?? `--${key.replaceAll("_", "-")}`;
  return FLAGS[flag] !== undefined && !COMMAND_ONLY.has(flag) && key !== "log_level" ? flag : undefined;
}

const JS_LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

/** The settings that are no flag; false when `key` is none of them. */
function applySetting(key: string, value: unknown, settings: ConfigSettings): boolean {
  if (key === "secret_key") settings.options.secretKey = scalar(key, value);
  else if (key === "sign_sessions") settings.options.signSessions = settingBoolean(key, value);
  else if (key === "ssl_password") settings.sslPassword = scalar(key, value);
  else if (key === "log_level") {
    const level = JS_LOG_LEVELS.find((name) => name === scalar(key, value));
    if (level === undefined) throw new ServeArgsError(`log_level: '${String(value)}' is not a BokehJS log level`);
    settings.options.logLevel = level;
  } else return false;
  return true;
}

/** Reads a `--use-config` file. */
export function readConfigFile(path: string): ConfigSettings {
  let parsed: unknown;
  try {
    parsed = optionalPackage<typeof import("yaml")>("yaml", `--use-config ${path}`).parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ServeArgsError(`--use-config: could not load ${path} (${reason})`);
  }
  const settings: ConfigSettings = {
    values: new Map(),
    options: {},
    sslPassword: undefined,
    ignored: [],
  };
  if (parsed === null || parsed === undefined) return settings;
  if (typeof parsed !== "object" || Array.isArray(parsed))
    throw new ServeArgsError(`--use-config: ${path} is not a mapping of settings`);
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || applySetting(key, value, settings)) continue;
    const flag = flagOf(key);
    const kind = flag === undefined ? undefined : FLAGS[flag];
    if (flag === undefined || kind === undefined) {
      settings.ignored.push(key);
      continue;
    }
    const values = flagValues(`${path}: ${key}`, kind, value);
    if (values !== undefined) settings.values.set(flag, values);
  }
  return settings;
}

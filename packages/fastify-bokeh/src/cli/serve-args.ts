/**
 * The command-line flags of `fastify-bokeh serve` (and `pnpm demo`), mirroring bokeh serve's: same names, same
 * units (milliseconds, seconds for the token expiration, bytes), lists given as several values after one flag.
 */
import type { BokehCoreOptions } from "../options/core-options.js";
import { closest } from "./suggest.js";

/** A command line that cannot be served; the message says which flag and why. */
export class ServeArgsError extends Error {
  override readonly name = "ServeArgsError";
}

/** Server log levels, by bokeh serve's names (`warning`, `critical`) and pino's. */
const LOG_LEVELS: Readonly<Record<string, string>> = {
  trace: "trace",
  debug: "debug",
  info: "info",
  warning: "warn",
  warn: "warn",
  error: "error",
  critical: "fatal",
  fatal: "fatal",
};

export interface ServeArgs {
  /** App module files, in the order given. */
  files: string[];
  /** `--port` (5006; 0 picks a free port). */
  port: number;
  /** `--address` (`localhost` by default: loopback only). */
  address: string;
  /** `--prefix`, normalised to `""` or `/pfx`. */
  prefix: string;
  /** `--log-level`: the server's log level (pino's name). */
  logLevel: string;
  /** The flags that are core plugin options; unset flags are absent (BOKEH_* variables and defaults apply). */
  options: BokehCoreOptions;
  /** `-h` / `--help`. */
  help: boolean;
  /** `--version`. */
  version: boolean;
}

type Kind = "int" | "string" | "append" | "list" | "flag";

const FLAGS: Readonly<Record<string, Kind>> = {
  "--port": "int",
  "--address": "string",
  "--host": "string",
  "--prefix": "string",
  "--allow-websocket-origin": "append",
  "--session-ids": "string",
  "--keep-alive": "int",
  "--check-unused-sessions": "int",
  "--unused-session-lifetime": "int",
  "--websocket-max-message-size": "int",
  "--websocket-compression-level": "int",
  "--websocket-compression-mem-level": "int",
  "--disable-index": "flag",
  "--disable-index-redirect": "flag",
  "--ico-path": "string",
  "--session-token-expiration": "int",
  "--include-headers": "list",
  "--exclude-headers": "list",
  "--include-cookies": "list",
  "--exclude-cookies": "list",
  "--log-level": "string",
  "--help": "flag",
  "-h": "flag",
  "--version": "flag",
};

/** The smallest (and largest) value each integer flag takes, as the core options' schema has them. */
const INT_RANGES: Readonly<Record<string, readonly [number, number?]>> = {
  "--keep-alive": [0],
  "--check-unused-sessions": [1],
  "--unused-session-lifetime": [1],
  "--websocket-max-message-size": [1024],
  "--websocket-compression-level": [0, 9],
  "--websocket-compression-mem-level": [1, 9],
  "--session-token-expiration": [1],
};

/** The flags part of the help text, shared by every command that takes them. */
export const SERVE_FLAGS_HELP = `  --port PORT                        port to listen on (default 5006; 0 picks a free one)
  --address ADDRESS                  address to listen on (default localhost; 0.0.0.0 for every interface)
  --host ADDRESS                     another name for --address
  --prefix PREFIX                    URL prefix for every route (pages, websockets, /static)
  --allow-websocket-origin HOST[:PORT]
                                     allowed websocket Origin, repeatable (default: the server's own host:port)
  --session-ids MODE                 unsigned, signed or external-signed (default: signed if BOKEH_SIGN_SESSIONS)
  --keep-alive MILLISECONDS          websocket ping interval, 0 disables (default 37000)
  --check-unused-sessions MILLISECONDS
                                     how often to look for unused sessions (default 17000)
  --unused-session-lifetime MILLISECONDS
                                     how long an unconnected session lives (default 15000)
  --websocket-max-message-size BYTES largest websocket message accepted (default 20 MiB)
  --websocket-compression-level LEVEL
                                     turn on permessage-deflate at this zlib level (0-9)
  --websocket-compression-mem-level LEVEL
                                     zlib memory level for compression (1-9)
  --disable-index                    do not serve the index of apps at /
  --disable-index-redirect           with a single app, show the index at / instead of redirecting to the app
  --ico-path PATH                    favicon.ico file to serve (default: fastify-bokeh's icon; none: no favicon)
  --session-token-expiration SECONDS how long a new session token can open a websocket (default 300)
  --include-headers NAME...          only these request headers go into session tokens
  --exclude-headers NAME...          these request headers stay out of session tokens
  --include-cookies NAME...          only these cookies go into session tokens
  --exclude-cookies NAME...          these cookies stay out of session tokens
  --log-level LEVEL                  trace, debug, info, warning, error or critical (default info)
  -h, --help                         show this help
  --version                          print the fastify-bokeh and BokehJS versions

Environment: BOKEH_SECRET_KEY (the signing key), BOKEH_SIGN_SESSIONS (yes/no), BOKEH_ALLOW_WS_ORIGIN (comma-separated).`;

function integer(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new ServeArgsError(`${flag}: '${value}' is not an integer`);
  const number = Number(value);
  const [min, max] = INT_RANGES[flag] ?? [Number.NEGATIVE_INFINITY];
  if (number < min) throw new ServeArgsError(`${flag}: ${number} is below the smallest value, ${min}`);
  if (max !== undefined && number > max)
    throw new ServeArgsError(`${flag}: ${number} is above the largest value, ${max}`);
  return number;
}

function unknownFlag(flag: string): ServeArgsError {
  const suggestion = closest(flag, Object.keys(FLAGS));
  return new ServeArgsError(
    `unknown option ${flag}${suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`}`,
  );
}

/** `/pfx/` → `/pfx`, `` and `/` → ``, as bokeh serve normalises --prefix. */
function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "" : `/${trimmed}`;
}

/**
 * Parses serve flags and app files. `--flag=value` and `--flag value` both work; list flags take every following
 * value up to the next flag (as in bokeh serve, so put app files before them, or after `--`).
 */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const files: string[] = [];
  const values = new Map<string, string[]>();
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyFiles || !arg.startsWith("-") || arg === "-") {
      files.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyFiles = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const kind = FLAGS[flag];
    if (kind === undefined) throw unknownFlag(flag);
    const given = values.get(flag) ?? [];
    values.set(flag, given);
    if (kind === "flag") {
      if (eq !== -1) throw new ServeArgsError(`${flag} takes no value`);
      continue;
    }
    if (kind === "list" && eq === -1) {
      const start = given.length;
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith("-")) given.push(argv[++i]!);
      if (given.length === start) throw new ServeArgsError(`${flag} needs at least one value`);
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith("--"))) throw new ServeArgsError(`${flag} needs a value`);
    if ((kind === "int" || kind === "string") && given.length > 0) throw new ServeArgsError(`${flag} was given twice`);
    given.push(value);
  }

  const one = (flag: string): string | undefined => values.get(flag)?.[0];
  const int = (flag: string): number | undefined => {
    const value = one(flag);
    return value === undefined ? undefined : integer(flag, value);
  };
  const options: BokehCoreOptions = {};
  const origins = values.get("--allow-websocket-origin");
  if (origins !== undefined) options.allowWebsocketOrigin = origins;
  const sessionIds = one("--session-ids");
  if (sessionIds === "unsigned") options.signSessions = false;
  else if (sessionIds === "signed") options.signSessions = true;
  else if (sessionIds === "external-signed") Object.assign(options, { signSessions: true, generateSessionIds: false });
  else if (sessionIds !== undefined)
    throw new ServeArgsError(`--session-ids: '${sessionIds}' is not unsigned, signed or external-signed`);
  const numbers = {
    keepAlive: int("--keep-alive"),
    checkUnusedSessions: int("--check-unused-sessions"),
    unusedSessionLifetime: int("--unused-session-lifetime"),
    websocketMaxMessageSize: int("--websocket-max-message-size"),
    sessionTokenExpiration: int("--session-token-expiration"),
  };
  for (const [key, value] of Object.entries(numbers)) if (value !== undefined) Object.assign(options, { [key]: value });
  const level = int("--websocket-compression-level");
  const memLevel = int("--websocket-compression-mem-level");
  if (level !== undefined || memLevel !== undefined) {
    options.websocketCompression = {
      ...(level !== undefined ? { level } : {}),
      ...(memLevel !== undefined ? { memLevel } : {}),
    };
  }
  if (values.has("--disable-index")) options.index = false;
  if (values.has("--disable-index-redirect")) options.indexRedirect = false;
  const icoPath = one("--ico-path");
  if (icoPath !== undefined) options.favicon = icoPath === "none" ? false : icoPath;
  for (const [flag, key] of [
    ["--include-headers", "includeHeaders"],
    ["--exclude-headers", "excludeHeaders"],
    ["--include-cookies", "includeCookies"],
    ["--exclude-cookies", "excludeCookies"],
  ] as const) {
    const names = values.get(flag);
    if (names !== undefined) options[key] = names;
  }

  const port = int("--port") ?? 5006;
  if (port < 0 || port > 65535) throw new ServeArgsError(`--port: ${port} is not a port number`);
  const address = one("--address");
  const host = one("--host");
  if (address !== undefined && host !== undefined)
    throw new ServeArgsError("--host is another name for --address; give one of them");
  const logLevel = one("--log-level") ?? "info";
  const pinoLevel = LOG_LEVELS[logLevel.toLowerCase()];
  if (pinoLevel === undefined)
    throw new ServeArgsError(`--log-level: '${logLevel}' is not one of trace, debug, info, warning, error, critical`);
  return {
    files,
    port,
    address: address ?? host ?? "localhost",
    prefix: normalisePrefix(one("--prefix") ?? ""),
    logLevel: pinoLevel,
    options,
    help: values.has("--help") || values.has("-h"),
    version: values.has("--version"),
  };
}

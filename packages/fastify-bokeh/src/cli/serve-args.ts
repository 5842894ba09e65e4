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

/** The command line split into app files and the values given per flag, in order. */
interface ParsedArgs {
  readonly files: string[];
  readonly values: Map<string, string[]>;
}

/**
 * Splits `argv` into app files and flag values. `--flag=value` and `--flag value` both work; list flags take every
 * following value up to the next flag.
 */
function splitArgs(argv: readonly string[]): ParsedArgs {
  const files: string[] = [];
  const values = new Map<string, string[]>();
  const rest = [...argv];
  let onlyFiles = false;
  for (let arg = rest.shift(); arg !== undefined; arg = rest.shift()) {
    if (onlyFiles || !arg.startsWith("-") || arg === "-") {
      files.push(arg);
    } else if (arg === "--") {
      onlyFiles = true;
    } else {
      flagValues(arg, rest, values);
    }
  }
  return { files, values };
}

/** Records the value(s) of the flag `arg`, taking them from `rest` when not given as `--flag=value`. */
function flagValues(arg: string, rest: string[], values: Map<string, string[]>): void {
  const eq = arg.indexOf("=");
  const flag = eq === -1 ? arg : arg.slice(0, eq);
  const kind = FLAGS[flag];
  if (kind === undefined) throw unknownFlag(flag);
  const given = values.get(flag) ?? [];
  values.set(flag, given);
  if (kind === "flag") {
    if (eq !== -1) throw new ServeArgsError(`${flag} takes no value`);
    return;
  }
  if (kind === "list" && eq === -1) {
    const start = given.length;
    for (let next = rest[0]; next !== undefined && !next.startsWith("-"); next = rest[0]) {
      given.push(next);
      rest.shift();
    }
    if (given.length === start) throw new ServeArgsError(`${flag} needs at least one value`);
    return;
  }
  const value = eq === -1 ? rest.shift() : arg.slice(eq + 1);
  if (value === undefined || (eq === -1 && value.startsWith("--"))) throw new ServeArgsError(`${flag} needs a value`);
  if ((kind === "int" || kind === "string") && given.length > 0) throw new ServeArgsError(`${flag} was given twice`);
  given.push(value);
}

/** Reads flag values: the first of a flag, or the first as an integer. */
class FlagValues {
  constructor(readonly values: ReadonlyMap<string, readonly string[]>) {}

  has(flag: string): boolean {
    return this.values.has(flag);
  }

  one(flag: string): string | undefined {
    return this.values.get(flag)?.[0];
  }

  int(flag: string): number | undefined {
    const value = this.one(flag);
    return value === undefined ? undefined : integer(flag, value);
  }
}

/** The `--session-ids` mode as core options. */
function sessionIdOptions(mode: string | undefined): BokehCoreOptions {
  if (mode === undefined) return {};
  if (mode === "unsigned") return { signSessions: false };
  if (mode === "signed") return { signSessions: true };
  if (mode === "external-signed") return { signSessions: true, generateSessionIds: false };
  throw new ServeArgsError(`--session-ids: '${mode}' is not unsigned, signed or external-signed`);
}

/** The bokehCore options the flags set. */
function coreOptions(flags: FlagValues): BokehCoreOptions {
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
  if (icoPath !== undefined) options.favicon = icoPath === "none" ? false : icoPath;
  for (const [flag, key] of [
    ["--include-headers", "includeHeaders"],
    ["--exclude-headers", "excludeHeaders"],
    ["--include-cookies", "includeCookies"],
    ["--exclude-cookies", "excludeCookies"],
  ] as const) {
    const names = flags.values.get(flag);
    if (names !== undefined) options[key] = [...names];
  }
  return options;
}

/**
 * Parses serve flags and app files. `--flag=value` and `--flag value` both work; list flags take every following
 * value up to the next flag (as in bokeh serve, so put app files before them, or after `--`).
 */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  const { files, values } = splitArgs(argv);
  const flags = new FlagValues(values);
  const options = coreOptions(flags);
  const port = flags.int("--port") ?? 5006;
  if (port < 0 || port > 65535) throw new ServeArgsError(`--port: ${port} is not a port number`);
  const address = flags.one("--address");
  const host = flags.one("--host");
  if (address !== undefined && host !== undefined)
    throw new ServeArgsError("--host is another name for --address; give one of them");
  const logLevel = flags.one("--log-level") ?? "info";
  const pinoLevel = LOG_LEVELS[logLevel.toLowerCase()];
  if (pinoLevel === undefined)
    throw new ServeArgsError(`--log-level: '${logLevel}' is not one of trace, debug, info, warning, error, critical`);
  return {
    files,
    port,
    address: address ?? host ?? "localhost",
    prefix: normalisePrefix(flags.one("--prefix") ?? ""),
    logLevel: pinoLevel,
    options,
    help: flags.has("--help") || flags.has("-h"),
    version: flags.has("--version"),
  };
}

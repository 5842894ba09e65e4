/**
 * The command-line flags of `fastify-bokeh serve` (and `pnpm demo`), mirroring bokeh serve's: same names, same
 * units (milliseconds, seconds for the token expiration, bytes), lists given as several values after one flag.
 */
import { resolve } from "node:path";
import { globSync } from "tinyglobby";
import type { BokehCoreOptions } from "../options/core-options.js";
import { type ConfigSettings, readConfigFile, settingBoolean } from "./config-file.js";
import { coreOptions } from "./core-flags.js";
import { FlagValues, splitArgs } from "./flag-values.js";
import { checkPythonLogFormat } from "./python-log-format.js";
import { ServeArgsError } from "./serve-args-error.js";

export { ServeArgsError };

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

/** `--ssl-certfile`, `--ssl-keyfile` and BOKEH_SSL_PASSWORD: serve HTTPS. */
export interface TlsFiles {
  readonly certFile: string;
  /** Absent when the certificate file holds the key too. */
  readonly keyFile: string | undefined;
  readonly password: string | undefined;
}

/** `--log-format`: pino's JSON lines, pino-pretty, or lines laid out by a Python logging format string. */
export type LogFormat =
  | { readonly kind: "json" }
  | { readonly kind: "pretty" }
  | { readonly kind: "python"; readonly format: string }
  /** Not given: pretty on a terminal, JSON otherwise. */
  | { readonly kind: "auto" };

export interface ServeArgs {
  /** App module files, in the order given (expanded when `--glob`). */
  files: string[];
  /** `--port` (5006; 0 picks a free port). */
  port: number;
  /** `--address` (`localhost` by default: loopback only). */
  address: string;
  /** `--unix-socket`: listen on this socket instead of a port. */
  unixSocket: string | undefined;
  /** `--prefix`, normalised to `""` or `/pfx`. */
  prefix: string;
  /** `--log-level`: the server's log level (pino's name). */
  logLevel: string;
  logFormat: LogFormat;
  /** `--log-file`: append the log there instead of writing it to standard output. */
  logFile: string | undefined;
  /** `--stats-log-frequency` in milliseconds (15000). */
  statsLogFrequency: number;
  /** `--mem-log-frequency` in milliseconds (0: off). */
  memLogFrequency: number;
  /** `--use-xheaders`: the client address and scheme come from X-Forwarded-For and X-Forwarded-Proto. */
  useXheaders: boolean;
  tls: TlsFiles | undefined;
  /** `--auth-module` (or BOKEH_AUTH_MODULE): the auth hooks module's path. */
  authModule: string | undefined;
  /** `--cookie-secret` (or BOKEH_COOKIE_SECRET): the key of signed cookies. */
  cookieSecret: string | undefined;
  /** `--enable-xsrf-cookies` (or BOKEH_XSRF_COOKIES). */
  xsrfCookies: boolean;
  /** `--show`: open every app in a browser once listening. */
  show: boolean;
  /** `--args`: handed to every app after its file name, as bokeh serve sets `sys.argv`. */
  appArgs: string[];
  /** `--use-config`: the settings file read, if any. */
  configFile: string | undefined;
  /** Keys of the config file that set nothing. */
  ignoredSettings: string[];
  /** `--num-procs` when given: worker processes, 0 for one per core (absent: one process, as 1). */
  numProcs?: number;
  /** The flags that are core plugin options; unset flags are absent (BOKEH_* variables and defaults apply). */
  options: BokehCoreOptions;
  /** `-h` / `--help`. */
  help: boolean;
  /** `--version`. */
  version: boolean;
  /** `--admin`: the admin page at /admin (absent without it). */
  admin?: true;
  /** `--dev [FILE…]`: reload the apps when their files change; the FILEs are watched too. Absent without --dev. */
  dev?: string[];
}

/** Settings that bokeh also reads from a BOKEH_* variable, below the command line and the config file. */
const ENV_FLAGS: Readonly<Record<string, string>> = {
  "--ssl-certfile": "BOKEH_SSL_CERTFILE",
  "--ssl-keyfile": "BOKEH_SSL_KEYFILE",
  "--auth-module": "BOKEH_AUTH_MODULE",
  "--cookie-secret": "BOKEH_COOKIE_SECRET",
  "--enable-xsrf-cookies": "BOKEH_XSRF_COOKIES",
  "--ico-path": "BOKEH_ICO_PATH",
};

/** `/pfx/` → `/pfx`, `` and `/` → ``, as bokeh serve normalises --prefix. */
function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "" : `/${trimmed}`;
}

/**
 * The values per flag: the command line's, else the config file's, else (for the settings bokeh also reads from
 * the environment) the BOKEH_* variable's.
 */
function mergeSources(
  command: ReadonlyMap<string, string[]>,
  config: ConfigSettings | undefined,
  env: NodeJS.ProcessEnv,
): Map<string, string[]> {
  const merged = new Map(config?.values ?? []);
  for (const [flag, values] of command) merged.set(flag, values);
  for (const [flag, name] of Object.entries(ENV_FLAGS)) {
    const value = env[name];
    if (merged.has(flag) || value === undefined || value === "") continue;
    if (flag === "--enable-xsrf-cookies") {
      if (settingBoolean(name, value)) merged.set(flag, []);
    } else merged.set(flag, [value]);
  }
  return merged;
}

/** `--glob`: each app argument is a pattern (bokeh uses Python's glob: `*`, `?`, `[...]`), matches sorted. */
function expandGlobs(patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => {
    const matches = globSync(pattern, { onlyFiles: false, expandDirectories: false }).sort();
    if (matches.length === 0) throw new ServeArgsError(`--glob: '${pattern}' matches no file`);
    return matches;
  });
}

function logFormat(format: string | undefined): LogFormat {
  if (format === undefined) return { kind: "auto" };
  if (format === "json" || format === "pretty") return { kind: format };
  checkPythonLogFormat(format);
  return { kind: "python", format };
}

/** TLS files; bokeh serve reads the key's password from BOKEH_SSL_PASSWORD (or the config's ssl_password) only. */
function tlsFiles(flags: FlagValues, password: string | undefined): TlsFiles | undefined {
  const certFile = flags.one("--ssl-certfile");
  const keyFile = flags.one("--ssl-keyfile");
  if (certFile === undefined) {
    if (keyFile !== undefined) throw new ServeArgsError("--ssl-keyfile needs --ssl-certfile");
    return undefined;
  }
  return { certFile, keyFile, password: password || undefined };
}

/** `--unix-socket` rules out the network flags, as in bokeh serve. */
function checkUnixSocket(flags: FlagValues, port: number): void {
  if (!flags.has("--unix-socket")) return;
  if (port !== 5006) throw new ServeArgsError("--port is not supported with a unix socket");
  for (const flag of ["--address", "--host", "--ssl-certfile", "--ssl-keyfile"])
    if (flags.has(flag)) throw new ServeArgsError(`${flag} is not supported with a unix socket`);
}

function serverLogLevel(flags: FlagValues): string {
  const logLevel = flags.one("--log-level") ?? "info";
  const pinoLevel = LOG_LEVELS[logLevel.toLowerCase()];
  if (pinoLevel === undefined)
    throw new ServeArgsError(`--log-level: '${logLevel}' is not one of trace, debug, info, warning, error, critical`);
  return pinoLevel;
}

function listenAddress(flags: FlagValues): { port: number; address: string } {
  const port = flags.int("--port") ?? 5006;
  if (port < 0 || port > 65535) throw new ServeArgsError(`--port: ${port} is not a port number`);
  const address = flags.one("--address");
  const host = flags.one("--host");
  if (address !== undefined && host !== undefined)
    throw new ServeArgsError("--host is another name for --address; give one of them");
  checkUnixSocket(flags, port);
  return { port, address: address ?? host ?? "localhost" };
}

/**
 * Parses serve flags and app files. `--flag=value` and `--flag value` both work; list flags take every following
 * value up to the next flag (as in bokeh serve, so put app files before them, or after `--`). `--use-config` and
 * the BOKEH_* variables in `env` fill in what the command line leaves out.
 */
export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const command = splitArgs(argv);
  const configFile = command.values.get("--use-config")?.[0];
  const config = configFile === undefined ? undefined : readConfigFile(configFile);
  const flags = new FlagValues(mergeSources(command.values, config, env));
  const authModule = flags.one("--auth-module");
  const numProcs = flags.int("--num-procs");
  return {
    files: flags.has("--glob") ? expandGlobs(command.files) : command.files,
    ...listenAddress(flags),
    unixSocket: flags.one("--unix-socket"),
    prefix: normalisePrefix(flags.one("--prefix") ?? ""),
    logLevel: serverLogLevel(flags),
    logFormat: logFormat(flags.one("--log-format")),
    logFile: flags.one("--log-file"),
    statsLogFrequency: flags.int("--stats-log-frequency") ?? 15_000,
    memLogFrequency: flags.int("--mem-log-frequency") ?? 0,
    useXheaders: flags.has("--use-xheaders"),
    tls: tlsFiles(flags, config?.sslPassword ?? env.BOKEH_SSL_PASSWORD),
    authModule: authModule === undefined ? undefined : resolve(authModule),
    cookieSecret: flags.one("--cookie-secret"),
    xsrfCookies: flags.has("--enable-xsrf-cookies"),
    show: flags.has("--show"),
    appArgs: [...(flags.values.get("--args") ?? [])],
    configFile,
    ignoredSettings: config?.ignored ?? [],
    options: { ...config?.options, ...coreOptions(flags) },
    ...(numProcs !== undefined ? { numProcs } : {}),
    help: flags.has("--help") || flags.has("-h"),
    version: flags.has("--version"),
    ...(flags.has("--admin") ? { admin: true as const } : {}),
    ...(flags.has("--dev") ? { dev: [...(flags.values.get("--dev") ?? [])] } : {}),
  };
}

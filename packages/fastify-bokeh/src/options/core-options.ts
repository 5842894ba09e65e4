import Type, { type Static } from "typebox";
import {
  DEFAULT_CHECK_UNUSED_SESSIONS_MS, DEFAULT_KEEP_ALIVE_MS, DEFAULT_SESSION_TOKEN_EXPIRATION_S, DEFAULT_UNUSED_SESSION_LIFETIME_MS,
  type Clock, type SessionStore, type SessionStoreClass,
} from "@fastify-bokeh/session-store";
import { FST_BOKEH_INVALID_OPTION, FST_BOKEH_NO_SECRET_KEY } from "../errors.js";
import { optionsValidator } from "./validate.js";

/** bokeh serve's default `--websocket-max-message-size`. */
export const DEFAULT_WEBSOCKET_MAX_MESSAGE_SIZE = 20 * 1024 * 1024;

const NameList = Type.Array(Type.String({ minLength: 1 }));

/** The JSON-checkable part of the server-wide options (functions and objects are checked by hand below). */
export const CoreOptionsSchema = Type.Object({
  allowWebsocketOrigin: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  signSessions: Type.Optional(Type.Boolean()),
  secretKey: Type.Optional(Type.String({ minLength: 1 })),
  sessionTokenExpiration: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  keepAlive: Type.Optional(Type.Number({ minimum: 0 })),
  checkUnusedSessions: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  unusedSessionLifetime: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  websocketMaxMessageSize: Type.Optional(Type.Integer({ minimum: 1024 })),
  websocketCompression: Type.Optional(Type.Boolean()),
  includeHeaders: Type.Optional(NameList),
  excludeHeaders: Type.Optional(NameList),
  includeCookies: Type.Optional(NameList),
  excludeCookies: Type.Optional(NameList),
  index: Type.Optional(Type.Boolean()),
  logLevel: Type.Optional(Type.Union([Type.Literal("trace"), Type.Literal("debug"), Type.Literal("info"), Type.Literal("warn"), Type.Literal("error"), Type.Literal("fatal")])),
  sessionStore: Type.Optional(Type.Unknown()),
  clock: Type.Optional(Type.Unknown()),
  onServerLoaded: Type.Optional(Type.Unknown()),
  onServerUnloaded: Type.Optional(Type.Unknown()),
});

export interface ServerContext {
  /** Ids of the live sessions per application path. */
  readonly sessions: ReadonlyMap<string, readonly string[]>;
}

/** Options of the server-wide core plugin (the bokeh serve flags that are not per application). */
export interface BokehCoreOptions extends Omit<Static<typeof CoreOptionsSchema>, "sessionStore" | "clock" | "onServerLoaded" | "onServerUnloaded"> {
  /** Where session records live; the in-memory store by default. */
  sessionStore?: SessionStore | SessionStoreClass;
  /** Time source for expiry, cleanup, keep-alive and session callbacks (tests pass a FakeClock). */
  clock?: Clock;
  onServerLoaded?: (context: ServerContext) => void | Promise<void>;
  onServerUnloaded?: (context: ServerContext) => void | Promise<void>;
}

export interface ResolvedCoreOptions {
  readonly allowWebsocketOrigin: readonly string[] | undefined;
  readonly signSessions: boolean;
  readonly secretKey: string | undefined;
  readonly sessionTokenExpiration: number;
  readonly keepAlive: number;
  readonly checkUnusedSessions: number;
  readonly unusedSessionLifetime: number;
  readonly websocketMaxMessageSize: number;
  readonly websocketCompression: boolean;
  readonly includeHeaders: readonly string[] | undefined;
  readonly excludeHeaders: readonly string[] | undefined;
  readonly includeCookies: readonly string[] | undefined;
  readonly excludeCookies: readonly string[] | undefined;
  readonly index: boolean;
  readonly logLevel: string;
}

const validate = optionsValidator(CoreOptionsSchema);
const FUNCTIONS = ["onServerLoaded", "onServerUnloaded"] as const;

const truthy = (value: string | undefined): boolean | undefined =>
  value === undefined ? undefined : ["yes", "true", "1", "on"].includes(value.toLowerCase());

/** Validates the core options and fills in bokeh serve's defaults (and BOKEH_* environment variables). */
export function resolveCoreOptions(options: BokehCoreOptions, env: NodeJS.ProcessEnv = process.env): ResolvedCoreOptions {
  validate(options);
  for (const name of FUNCTIONS) {
    if (options[name] !== undefined && typeof options[name] !== "function") throw new FST_BOKEH_INVALID_OPTION(name, "must be a function");
  }
  if (options.includeHeaders !== undefined && options.excludeHeaders !== undefined) throw new FST_BOKEH_INVALID_OPTION("excludeHeaders", "cannot be combined with includeHeaders");
  if (options.includeCookies !== undefined && options.excludeCookies !== undefined) throw new FST_BOKEH_INVALID_OPTION("excludeCookies", "cannot be combined with includeCookies");
  const signSessions = options.signSessions ?? truthy(env["BOKEH_SIGN_SESSIONS"]) ?? false;
  const secretKey = options.secretKey ?? env["BOKEH_SECRET_KEY"];
  if (signSessions && (secretKey === undefined || secretKey === "")) throw new FST_BOKEH_NO_SECRET_KEY();
  const envOrigins = env["BOKEH_ALLOW_WS_ORIGIN"];
  return {
    allowWebsocketOrigin: envOrigins !== undefined ? envOrigins.split(",").map((o) => o.trim()).filter(Boolean) : options.allowWebsocketOrigin,
    signSessions,
    secretKey,
    sessionTokenExpiration: options.sessionTokenExpiration ?? DEFAULT_SESSION_TOKEN_EXPIRATION_S,
    keepAlive: options.keepAlive ?? DEFAULT_KEEP_ALIVE_MS,
    checkUnusedSessions: options.checkUnusedSessions ?? DEFAULT_CHECK_UNUSED_SESSIONS_MS,
    unusedSessionLifetime: options.unusedSessionLifetime ?? DEFAULT_UNUSED_SESSION_LIFETIME_MS,
    websocketMaxMessageSize: options.websocketMaxMessageSize ?? DEFAULT_WEBSOCKET_MAX_MESSAGE_SIZE,
    websocketCompression: options.websocketCompression ?? false,
    includeHeaders: options.includeHeaders,
    excludeHeaders: options.excludeHeaders,
    includeCookies: options.includeCookies,
    excludeCookies: options.excludeCookies,
    index: options.index ?? true,
    logLevel: options.logLevel ?? "info",
  };
}

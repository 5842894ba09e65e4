import {
  type Clock,
  DEFAULT_CHECK_UNUSED_SESSIONS_MS,
  DEFAULT_FLOW_LIMITS,
  DEFAULT_KEEP_ALIVE_MS,
  DEFAULT_SESSION_TOKEN_EXPIRATION_S,
  DEFAULT_UNUSED_SESSION_LIFETIME_MS,
  type FlowLimits,
  type SessionStore,
  type SessionStoreClass,
} from "@fastify-bokeh/session-store";
import Type, { type Static } from "typebox";
import { invalidOriginPattern } from "../core/origin.js";
import { FST_BOKEH_INVALID_OPTION, FST_BOKEH_NO_SECRET_KEY } from "../errors.js";
import { optionsValidator } from "./validate.js";

/** bokeh serve's default `--websocket-max-message-size`: 20 MiB. */
export const DEFAULT_WEBSOCKET_MAX_MESSAGE_SIZE = 20 * 1024 * 1024;

const NameList = Type.Array(Type.String({ minLength: 1 }));

/** permessage-deflate settings (bokeh serve's `--websocket-compression-level` / `--websocket-compression-mem-level`). */
const WebsocketCompressionSchema = Type.Object(
  {
    level: Type.Optional(Type.Integer({ minimum: 0, maximum: 9 })),
    memLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })),
  },
  { additionalProperties: false },
);

/** The JSON-checkable part of the server-wide options (functions and objects are checked by hand below). */
const CoreOptionsSchema = Type.Object(
  {
    /** `host[:port]` entries allowed as websocket Origin; default: the server's own host:port. */
    allowWebsocketOrigin: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** Sign session ids and tokens with `secretKey` (default: BOKEH_SIGN_SESSIONS, else false). */
    signSessions: Type.Optional(Type.Boolean()),
    /** The HMAC key for signing (default: BOKEH_SECRET_KEY). */
    secretKey: Type.Optional(Type.String({ minLength: 1 })),
    /** Whether pages may create sessions without a given id; false is bokeh serve's `--session-ids external-signed`. */
    generateSessionIds: Type.Optional(Type.Boolean()),
    /** Seconds a new token can open a websocket (300). */
    sessionTokenExpiration: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Milliseconds between websocket pings (37000); 0 disables them. */
    keepAlive: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Milliseconds between looks for unused sessions (17000). */
    checkUnusedSessions: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Milliseconds an unconnected session lives (15000). */
    unusedSessionLifetime: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Largest websocket message accepted, in bytes (20 MiB). */
    websocketMaxMessageSize: Type.Optional(Type.Integer({ minimum: 1024 })),
    /** Bytes buffered for one websocket from which its further messages are held back (1 MiB). */
    websocketHighWaterMark: Type.Optional(Type.Integer({ minimum: 1024 })),
    /** Bytes of messages held back for one websocket beyond which the client is closed with 1013 (8 MiB). */
    websocketMaxBacklog: Type.Optional(Type.Integer({ minimum: 1024 })),
    /** Milliseconds a websocket client may stay above the high-water mark before it is closed with 1013 (30000). */
    websocketSlowClientTimeout: Type.Optional(Type.Integer({ minimum: 1 })),
    /** permessage-deflate: off by default, as in bokeh serve; `true` or zlib levels turn it on. */
    websocketCompression: Type.Optional(Type.Union([Type.Boolean(), WebsocketCompressionSchema])),
    /** Request headers that go into session tokens (default: all but `excludeHeaders`). */
    includeHeaders: Type.Optional(NameList),
    excludeHeaders: Type.Optional(NameList),
    /** Cookies that go into session tokens (default: all but `excludeCookies`). */
    includeCookies: Type.Optional(NameList),
    excludeCookies: Type.Optional(NameList),
    /** Serve an index of the apps at each prefix root (default true; bokeh serve's `--disable-index` is false). */
    index: Type.Optional(Type.Boolean()),
    /**
     * A Jinja-syntax template file (rendered with Nunjucks) for the index, instead of the built-in page; it gets
     * `prefix` and `items`, the sorted app paths (bokeh serve's `--index`).
     */
    indexTemplate: Type.Optional(Type.String({ minLength: 1 })),
    /**
     * With exactly one app at a prefix, its root redirects to the app instead of listing it (default true, as in
     * bokeh serve; `--disable-index-redirect` is false).
     */
    indexRedirect: Type.Optional(Type.Boolean()),
    /**
     * The icon at `{prefix}/favicon.ico`: a path to an .ico file, `false` for none (bokeh serve's `--ico-path`).
     * Default: fastify-bokeh's own icon. Skipped where the application has its own `/favicon.ico` route.
     */
    favicon: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Literal(false)])),
    /** BokehJS's log level in the browser. */
    logLevel: Type.Optional(
      Type.Union([
        Type.Literal("trace"),
        Type.Literal("debug"),
        Type.Literal("info"),
        Type.Literal("warn"),
        Type.Literal("error"),
        Type.Literal("fatal"),
      ]),
    ),
    /** Serve Prometheus metrics at `/metrics` (`true`) or at `path`; off by default. */
    metrics: Type.Optional(
      Type.Union([
        Type.Boolean(),
        Type.Object({ path: Type.Optional(Type.String({ pattern: "^/" })) }, { additionalProperties: false }),
      ]),
    ),
    /** Keep serving when app code throws outside a callback (see docs/deploying.md); default true. */
    isolateAppFaults: Type.Optional(Type.Boolean()),
    sessionStore: Type.Optional(Type.Unknown()),
    /**
     * Share sessions with other processes through Redis (`redis://host:port`, or options): no sticky load balancer
     * needed, and sessions outlive their process. See docs/deploying.md, "Scale-out".
     */
    redis: Type.Optional(
      Type.Union([
        Type.String({ minLength: 1 }),
        Type.Object(
          {
            url: Type.String({ minLength: 1 }),
            nodeId: Type.Optional(Type.String({ minLength: 1 })),
            advertise: Type.Optional(Type.String({ minLength: 1 })),
            livenessTtl: Type.Optional(Type.Integer({ minimum: 200 })),
            leaseTtl: Type.Optional(Type.Integer({ minimum: 500 })),
            retention: Type.Optional(Type.Integer({ minimum: 1000 })),
            keyPrefix: Type.Optional(Type.String({ minLength: 1 })),
            snapshotEvery: Type.Optional(Type.Integer({ minimum: 1 })),
          },
          { additionalProperties: false },
        ),
      ]),
    ),
    clock: Type.Optional(Type.Unknown()),
    onServerLoaded: Type.Optional(Type.Unknown()),
    onServerUnloaded: Type.Optional(Type.Unknown()),
    acceptsSessionId: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

/** What the server lifecycle hooks receive (Bokeh's `server_context`). */
export interface ServerContext {
  /** Ids of the live sessions per application path. */
  readonly sessions: ReadonlyMap<string, readonly string[]>;
}

export type ServerHook = (context: ServerContext) => void | Promise<void>;

/** Options of the server-wide core plugin (the bokeh serve flags that are not per application). */
export interface BokehCoreOptions
  extends Omit<
    Static<typeof CoreOptionsSchema>,
    "sessionStore" | "clock" | "onServerLoaded" | "onServerUnloaded" | "acceptsSessionId"
  > {
  /** Where session records live: an instance, or a class instantiated per app; the in-memory store by default. */
  sessionStore?: SessionStore | SessionStoreClass;
  /** Time source for token expiry, cleanup, keep-alive and session callbacks (tests pass a FakeClock). */
  clock?: Clock;
  /** Runs when Fastify is ready, before requests are served. */
  onServerLoaded?: ServerHook;
  /** Runs when Fastify closes, after every session has been destroyed. */
  onServerUnloaded?: ServerHook;
  /**
   * Which new session ids this server may generate: a fresh id is drawn until this accepts it. `--num-procs` workers
   * use it so that each generates only ids routed to itself. Default: any id.
   */
  acceptsSessionId?: (sessionId: string) => boolean;
}

export type WebsocketCompression = Static<typeof WebsocketCompressionSchema>;

/** The `redis` option in object form (see docs/deploying.md, "Scale-out"). */
export type BokehRedisOptions = Exclude<NonNullable<BokehCoreOptions["redis"]>, string>;

export interface ResolvedCoreOptions {
  readonly allowWebsocketOrigin: readonly string[] | undefined;
  readonly signSessions: boolean;
  readonly secretKey: string | undefined;
  readonly generateSessionIds: boolean;
  readonly acceptsSessionId: ((sessionId: string) => boolean) | undefined;
  readonly sessionTokenExpiration: number;
  readonly keepAlive: number;
  readonly checkUnusedSessions: number;
  readonly unusedSessionLifetime: number;
  readonly websocketMaxMessageSize: number;
  /** Back-pressure per websocket: websocketHighWaterMark, websocketMaxBacklog, websocketSlowClientTimeout. */
  readonly websocketFlow: FlowLimits;
  /** undefined when compression is off. */
  readonly websocketCompression: WebsocketCompression | undefined;
  readonly includeHeaders: readonly string[] | undefined;
  readonly excludeHeaders: readonly string[] | undefined;
  readonly includeCookies: readonly string[] | undefined;
  readonly excludeCookies: readonly string[] | undefined;
  readonly index: boolean;
  readonly indexTemplate: string | undefined;
  readonly indexRedirect: boolean;
  /** The favicon file to serve, `undefined` for the built-in icon, false for none. */
  readonly favicon: string | false | undefined;
  readonly logLevel: string;
  /** Where metrics are served; undefined when they are off. */
  readonly metrics: { readonly path: string } | undefined;
  readonly isolateAppFaults: boolean;
  /** The Redis cluster this node joins; undefined for the in-memory store. */
  readonly redis: BokehRedisOptions | undefined;
}

/** Where `metrics: true` serves them. */
const DEFAULT_METRICS_PATH = "/metrics";

const validate = optionsValidator(CoreOptionsSchema, "bokehCore");
const FUNCTIONS = ["onServerLoaded", "onServerUnloaded", "acceptsSessionId"] as const;
const CLOCK_METHODS = ["now", "setTimeout", "clearTimeout", "setInterval", "clearInterval"] as const;
const STORE_METHODS = [
  "get",
  "list",
  "create",
  "markConnected",
  "markDisconnected",
  "delete",
  "findUnused",
  "deleteIfUnused",
] as const;

/** bokeh's `convert_bool` for BOKEH_* variables: yes/true/on/1 and no/false/off/0, anything else is an error. */
function envBoolean(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  const lower = value.toLowerCase();
  if (["yes", "true", "on", "1"].includes(lower)) return true;
  if (["no", "false", "off", "0"].includes(lower)) return false;
  throw new FST_BOKEH_INVALID_OPTION(name, `'${value}' is not a boolean (yes/no, true/false, on/off, 1/0)`);
}

const hasMethods = (value: unknown, methods: readonly string[]): boolean =>
  (typeof value === "object" || typeof value === "function") &&
  value !== null &&
  methods.every((m) => typeof (value as Record<string, unknown>)[m] === "function");

function checkOrigins(name: string, origins: readonly string[]): void {
  for (const origin of origins) {
    const problem = invalidOriginPattern(origin);
    if (problem !== undefined) throw new FST_BOKEH_INVALID_OPTION(name, problem);
  }
}

/** Back-pressure limits per websocket: the options given, else the defaults; the backlog holds at least the mark. */
function flowLimits(options: BokehCoreOptions): FlowLimits {
  const flow = {
    highWaterMark: options.websocketHighWaterMark ?? DEFAULT_FLOW_LIMITS.highWaterMark,
    maxBacklogBytes: options.websocketMaxBacklog ?? DEFAULT_FLOW_LIMITS.maxBacklogBytes,
    slowClientTimeout: options.websocketSlowClientTimeout ?? DEFAULT_FLOW_LIMITS.slowClientTimeout,
  };
  if (flow.maxBacklogBytes < flow.highWaterMark)
    throw new FST_BOKEH_INVALID_OPTION("websocketMaxBacklog", "must not be below websocketHighWaterMark");
  return flow;
}

function metricsOption(metrics: BokehCoreOptions["metrics"]): ResolvedCoreOptions["metrics"] {
  if (metrics === undefined || metrics === false) return undefined;
  return { path: metrics === true ? DEFAULT_METRICS_PATH : (metrics.path ?? DEFAULT_METRICS_PATH) };
}

/**
 * Validates the core options and fills in bokeh serve's defaults. Options given in code win over the environment
 * variables BOKEH_SIGN_SESSIONS, BOKEH_SECRET_KEY and BOKEH_ALLOW_WS_ORIGIN (comma-separated).
 */
export function resolveCoreOptions(
  options: BokehCoreOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedCoreOptions {
  validate(options);
  for (const name of FUNCTIONS) {
    if (options[name] !== undefined && typeof options[name] !== "function")
      throw new FST_BOKEH_INVALID_OPTION(name, "must be a function");
  }
  if (options.clock !== undefined && !hasMethods(options.clock, CLOCK_METHODS))
    throw new FST_BOKEH_INVALID_OPTION("clock", `must have ${CLOCK_METHODS.join(", ")}`);
  const store = options.sessionStore;
  if (store !== undefined && typeof store !== "function" && !hasMethods(store, STORE_METHODS)) {
    throw new FST_BOKEH_INVALID_OPTION(
      "sessionStore",
      `must be a SessionStore (${STORE_METHODS.join(", ")}) or a class of one`,
    );
  }
  if (options.includeHeaders !== undefined && options.excludeHeaders !== undefined)
    throw new FST_BOKEH_INVALID_OPTION("excludeHeaders", "cannot be combined with includeHeaders");
  if (options.includeCookies !== undefined && options.excludeCookies !== undefined)
    throw new FST_BOKEH_INVALID_OPTION("excludeCookies", "cannot be combined with includeCookies");

  const envOrigins = env.BOKEH_ALLOW_WS_ORIGIN?.split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  if (options.allowWebsocketOrigin !== undefined) checkOrigins("allowWebsocketOrigin", options.allowWebsocketOrigin);
  else if (envOrigins !== undefined) checkOrigins("BOKEH_ALLOW_WS_ORIGIN", envOrigins);

  const signSessions = options.signSessions ?? envBoolean("BOKEH_SIGN_SESSIONS", env.BOKEH_SIGN_SESSIONS) ?? false;
  const secretKey = options.secretKey ?? (env.BOKEH_SECRET_KEY || undefined);
  if (signSessions && secretKey === undefined) throw new FST_BOKEH_NO_SECRET_KEY();
  const redis = typeof options.redis === "string" ? { url: options.redis } : options.redis;
  if (redis !== undefined && secretKey === undefined)
    throw new FST_BOKEH_INVALID_OPTION(
      "redis",
      "needs a secretKey (or BOKEH_SECRET_KEY): nodes sign their relays with it",
    );
  if (redis !== undefined && options.sessionStore !== undefined)
    throw new FST_BOKEH_INVALID_OPTION("redis", "cannot be combined with sessionStore");

  const compression = options.websocketCompression;
  return {
    allowWebsocketOrigin:
      options.allowWebsocketOrigin ?? (envOrigins !== undefined && envOrigins.length > 0 ? envOrigins : undefined),
    signSessions,
    secretKey,
    generateSessionIds: options.generateSessionIds ?? true,
    acceptsSessionId: options.acceptsSessionId,
    sessionTokenExpiration: options.sessionTokenExpiration ?? DEFAULT_SESSION_TOKEN_EXPIRATION_S,
    keepAlive: options.keepAlive ?? DEFAULT_KEEP_ALIVE_MS,
    checkUnusedSessions: options.checkUnusedSessions ?? DEFAULT_CHECK_UNUSED_SESSIONS_MS,
    unusedSessionLifetime: options.unusedSessionLifetime ?? DEFAULT_UNUSED_SESSION_LIFETIME_MS,
    websocketMaxMessageSize: options.websocketMaxMessageSize ?? DEFAULT_WEBSOCKET_MAX_MESSAGE_SIZE,
    websocketFlow: flowLimits(options),
    websocketCompression:
      compression === true ? {} : compression === false || compression === undefined ? undefined : compression,
    includeHeaders: options.includeHeaders,
    excludeHeaders: options.excludeHeaders,
    includeCookies: options.includeCookies,
    excludeCookies: options.excludeCookies,
    index: options.index ?? true,
    indexTemplate: options.indexTemplate,
    indexRedirect: options.indexRedirect ?? true,
    favicon: options.favicon,
    logLevel: options.logLevel ?? "info",
    metrics: metricsOption(options.metrics),
    isolateAppFaults: options.isolateAppFaults ?? true,
    redis,
  };
}

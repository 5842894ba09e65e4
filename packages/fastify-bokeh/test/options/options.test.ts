import { MemorySessionStore } from "@fastify-bokeh/session-store";
import { FakeClock } from "@fastify-bokeh/session-store/testing";
import fastify, { type FastifyInstance } from "fastify";
import t from "tap";
import {
  type BokehAppOptions,
  type BokehCoreOptions,
  bokehApp,
  bokehCore,
  DEFAULT_WEBSOCKET_MAX_MESSAGE_SIZE,
} from "../../src/index.js";
import { resolveCoreOptions } from "../../src/options/core-options.js";
import { counterApp } from "../helpers/test-app.js";

/** Registers the core (and one app) with `core` options and returns the error ready() fails with. */
async function registrationError(
  core: unknown,
  app?: unknown,
): Promise<{ code?: string; message: string } | undefined> {
  const server = fastify();
  try {
    await server.register(bokehCore, core as BokehCoreOptions);
    if (app !== undefined) await server.register(bokehApp, app as BokehAppOptions);
    await server.ready();
    return undefined;
  } catch (error) {
    return error as { code?: string; message: string };
  } finally {
    await server.close().catch(() => undefined);
  }
}

t.test("defaults are bokeh serve's", async (t) => {
  const resolved = resolveCoreOptions({}, {});
  t.match(resolved, {
    allowWebsocketOrigin: undefined,
    signSessions: false,
    secretKey: undefined,
    generateSessionIds: true,
    sessionTokenExpiration: 300,
    keepAlive: 37_000,
    checkUnusedSessions: 17_000,
    unusedSessionLifetime: 15_000,
    websocketMaxMessageSize: 20 * 1024 * 1024,
    websocketCompression: undefined,
    index: true,
  });
  t.equal(DEFAULT_WEBSOCKET_MAX_MESSAGE_SIZE, 20 * 1024 * 1024);
});

t.test(
  "BOKEH_SIGN_SESSIONS, BOKEH_SECRET_KEY and BOKEH_ALLOW_WS_ORIGIN are read; options given in code win",
  async (t) => {
    const env = {
      BOKEH_SIGN_SESSIONS: "yes",
      BOKEH_SECRET_KEY: "from-env",
      BOKEH_ALLOW_WS_ORIGIN: "a.example:8080, b.example",
    };
    t.match(resolveCoreOptions({}, env), {
      signSessions: true,
      secretKey: "from-env",
      allowWebsocketOrigin: ["a.example:8080", "b.example"],
    });
    t.match(resolveCoreOptions({ signSessions: false, secretKey: "code", allowWebsocketOrigin: ["c.example"] }, env), {
      signSessions: false,
      secretKey: "code",
      allowWebsocketOrigin: ["c.example"],
    });
    for (const off of ["no", "0", "off", "false", "FALSE"])
      t.equal(resolveCoreOptions({}, { BOKEH_SIGN_SESSIONS: off }).signSessions, false, off);
    t.throws(() => resolveCoreOptions({}, { BOKEH_SIGN_SESSIONS: "maybe" }), {
      code: "FST_BOKEH_INVALID_OPTION",
      message: /'BOKEH_SIGN_SESSIONS'/,
    });
    t.throws(() => resolveCoreOptions({}, { BOKEH_SIGN_SESSIONS: "1" }), { code: "FST_BOKEH_NO_SECRET_KEY" });
    t.throws(() => resolveCoreOptions({}, { BOKEH_ALLOW_WS_ORIGIN: "http://x.example" }), {
      code: "FST_BOKEH_INVALID_OPTION",
      message: /'BOKEH_ALLOW_WS_ORIGIN'/,
    });
    t.match(resolveCoreOptions({ websocketCompression: true }, {}), { websocketCompression: {} });
    t.match(resolveCoreOptions({ websocketCompression: { level: 6 } }, {}), { websocketCompression: { level: 6 } });
  },
);

// Each bad option, the option the error must name, and what the message must say.
const badCore: Array<[string, Record<string, unknown>, string, RegExp]> = [
  ["not an array", { allowWebsocketOrigin: "localhost:5006" }, "allowWebsocketOrigin", /must be array/],
  ["empty origin", { allowWebsocketOrigin: [""] }, "allowWebsocketOrigin.0", /fewer than 1/],
  [
    "origin with a scheme",
    { allowWebsocketOrigin: ["https://dashboard.corp"] },
    "allowWebsocketOrigin",
    /not host\[:port\]/,
  ],
  ["origin with a bad port", { allowWebsocketOrigin: ["dashboard.corp:http"] }, "allowWebsocketOrigin", /invalid port/],
  ["origin without host", { allowWebsocketOrigin: [":5006"] }, "allowWebsocketOrigin", /empty host/],
  ["signSessions not boolean", { signSessions: "yes" }, "signSessions", /must be boolean/],
  ["empty secretKey", { secretKey: "" }, "secretKey", /fewer than 1/],
  ["secretKey not a string", { secretKey: 42 }, "secretKey", /must be string/],
  ["generateSessionIds not boolean", { generateSessionIds: 0 }, "generateSessionIds", /must be boolean/],
  ["sessionTokenExpiration 0", { sessionTokenExpiration: 0 }, "sessionTokenExpiration", />= 1/],
  ["sessionTokenExpiration fractional", { sessionTokenExpiration: 1.5 }, "sessionTokenExpiration", /integer/],
  ["keepAlive negative", { keepAlive: -1 }, "keepAlive", />= 0/],
  ["keepAlive as text", { keepAlive: "37000" }, "keepAlive", /integer/],
  ["checkUnusedSessions 0", { checkUnusedSessions: 0 }, "checkUnusedSessions", />= 1/],
  ["unusedSessionLifetime negative", { unusedSessionLifetime: -5 }, "unusedSessionLifetime", />= 1/],
  ["websocketMaxMessageSize tiny", { websocketMaxMessageSize: 10 }, "websocketMaxMessageSize", />= 1024/],
  ["websocketCompression as text", { websocketCompression: "on" }, "websocketCompression", /must be boolean or object/],
  [
    "websocketCompression level out of range",
    { websocketCompression: { level: 12 } },
    "websocketCompression.level",
    /<= 9/,
  ],
  [
    "websocketCompression unknown key",
    { websocketCompression: { windowBits: 9 } },
    "websocketCompression.windowBits",
    /not an option/,
  ],
  ["includeHeaders not a list", { includeHeaders: "host" }, "includeHeaders", /must be array/],
  ["includeHeaders empty name", { includeHeaders: [""] }, "includeHeaders.0", /fewer than 1/],
  [
    "include and exclude headers",
    { includeHeaders: ["host"], excludeHeaders: ["cookie"] },
    "excludeHeaders",
    /cannot be combined/,
  ],
  ["excludeCookies not a list", { excludeCookies: "session" }, "excludeCookies", /must be array/],
  [
    "include and exclude cookies",
    { includeCookies: ["a"], excludeCookies: ["b"] },
    "excludeCookies",
    /cannot be combined/,
  ],
  ["index not boolean", { index: "no" }, "index", /must be boolean/],
  [
    "logLevel unknown",
    { logLevel: "loud" },
    "logLevel",
    /must be one of "trace", "debug", "info", "warn", "error", "fatal"/,
  ],
  ["sessionStore without methods", { sessionStore: {} }, "sessionStore", /must be a SessionStore/],
  ["clock without methods", { clock: { now: 1 } }, "clock", /must have now/],
  ["onServerLoaded not a function", { onServerLoaded: "start" }, "onServerLoaded", /must be a function/],
  ["onServerUnloaded not a function", { onServerUnloaded: {} }, "onServerUnloaded", /must be a function/],
  ["misspelt option", { signSession: true }, "signSession", /not an option of bokehCore/],
  ["Fastify's prefix on the (unencapsulated) core", { prefix: "/pfx" }, "prefix", /not an option of bokehCore/],
];

t.test("every bad core option fails registration with FST_BOKEH_INVALID_OPTION naming it", async (t) => {
  for (const [what, options, name, message] of badCore) {
    const error = await registrationError(options);
    t.equal(error?.code, "FST_BOKEH_INVALID_OPTION", what);
    t.match(error?.message, `Invalid fastify-bokeh option '${name}'`, `${what}: names ${name}`);
    t.match(error?.message, message, `${what}: says why`);
  }
  const unsigned = await registrationError({ signSessions: true });
  t.equal(unsigned?.code, "FST_BOKEH_NO_SECRET_KEY", "signing without a key");
  t.match(unsigned?.message, /secretKey/);
});

const app = { path: "/counter", app: counterApp };
const badApp: Array<[string, Record<string, unknown>, string, RegExp]> = [
  ["no path", { app: counterApp }, "path", /is required/],
  ["path without slash", { ...app, path: "counter" }, "path", /must match pattern/],
  ["path with a query", { ...app, path: "/counter?x" }, "path", /must match pattern/],
  ["no app", { path: "/counter" }, "app", /is required/],
  ["app not a function", { ...app, app: {} }, "app", /must be a function/],
  ["title not a string", { ...app, title: 5 }, "title", /must be string/],
  ["description not a string", { ...app, description: ["x"] }, "description", /must be string/],
  ["template not a function", { ...app, template: "<html>" }, "template", /must be a function/],
  ["templateVariables not an object", { ...app, templateVariables: 5 }, "templateVariables", /must be object/],
  ["metadata not an object", { ...app, metadata: 5 }, "metadata", /object or a function/],
  ["empty staticDir", { ...app, staticDir: "" }, "staticDir", /fewer than 1/],
  ["onSessionCreated not a function", { ...app, onSessionCreated: true }, "onSessionCreated", /must be a function/],
  ["onSessionDestroyed not a function", { ...app, onSessionDestroyed: 1 }, "onSessionDestroyed", /must be a function/],
  ["onServerLoaded not a function", { ...app, onServerLoaded: 1 }, "onServerLoaded", /must be a function/],
  ["onServerUnloaded not a function", { ...app, onServerUnloaded: 1 }, "onServerUnloaded", /must be a function/],
  ["prefix without slash", { ...app, prefix: "pfx" }, "prefix", /must match pattern/],
  ["core option given to an app", { ...app, keepAlive: 1000 }, "keepAlive", /not an option of bokehApp/],
];

t.test("every bad app option fails registration with FST_BOKEH_INVALID_OPTION naming it", async (t) => {
  for (const [what, options, name, message] of badApp) {
    const error = await registrationError({}, options);
    t.equal(error?.code, "FST_BOKEH_INVALID_OPTION", what);
    t.match(error?.message, `Invalid fastify-bokeh option '${name}'`, `${what}: names ${name}`);
    t.match(error?.message, message, `${what}: says why`);
  }
});

/** The error building `setup` fails with, at registration or at ready(). */
async function setupError(setup: (server: FastifyInstance) => Promise<unknown>): Promise<unknown> {
  const server = fastify();
  try {
    await setup(server);
    await server.ready();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await server.close().catch(() => undefined);
  }
}

t.test("registration conflicts have their own codes", async (t) => {
  t.match(
    await setupError(async (server) => {
      await server.register(bokehApp, app);
      await server.register(bokehApp, { path: "/counter/", app: counterApp });
    }),
    { code: "FST_BOKEH_DUPLICATE_APP", message: /'\/counter'/ },
    "two apps at one path",
  );
  t.match(
    await setupError(async (server) => {
      await server.register(async (scope: FastifyInstance) => scope.register(bokehApp, app));
      await server.register(async (scope: FastifyInstance) => scope.register(bokehCore));
    }),
    { code: "FST_BOKEH_DUPLICATE_CORE" },
    "two cores for one server (an explicit core in a scope that cannot see the first)",
  );
  t.match(
    await setupError(async (server) => {
      await server.register(bokehApp, app);
      await server.register(bokehApp, { path: "/", app: counterApp });
    }),
    { code: "FST_BOKEH_INVALID_OPTION", message: /'path'.*index/ },
    "a root app after the index was mounted",
  );
});

t.test("valid objects are accepted: a store instance or class, a clock, hooks", async (t) => {
  for (const sessionStore of [new MemorySessionStore(), MemorySessionStore]) {
    t.equal(
      await registrationError(
        {
          sessionStore,
          clock: new FakeClock(),
          onServerLoaded: () => undefined,
          onServerUnloaded: async () => undefined,
        },
        app,
      ),
      undefined,
    );
  }
  t.equal(
    await registrationError({
      includeCookies: ["a"],
      excludeHeaders: ["cookie"],
      allowWebsocketOrigin: ["*", "*.corp:*", "[::1]:5006", "host"],
    }),
    undefined,
  );
});

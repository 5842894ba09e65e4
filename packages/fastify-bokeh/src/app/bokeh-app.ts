import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { bokehCore, bokehServerOf } from "../core/core-plugin.js";
import { bokehSiblingScope } from "../core/sibling-scope.js";
import { FST_BOKEH_INVALID_OPTION } from "../errors.js";
import { type BokehAppOptions, resolveAppOptions } from "../options/app-options.js";
import { bokehStaticPlugin } from "../resources/static-plugin.js";
import { appRoutes } from "./app-routes.js";
import { indexRoute } from "./index-route.js";
import { MountedApp } from "./mounted-app.js";

/**
 * One Bokeh application at `options.path`: its page, websocket, autoload.js and metadata routes, in an encapsulated
 * context of their own. Registers the server-wide core where it is missing, the BokehJS files at a prefix the core
 * does not serve them at, and the index of apps with the first app mounted at a prefix.
 *
 * Wrapped in fastify-plugin so that an automatically registered core is shared by sibling apps; apps in a scope that
 * does not see the server's core (sibling plugins) join it through {@link bokehSiblingScope}. Fastify's `prefix`
 * register option, which fastify-plugin would drop, is applied to the app's own context instead.
 */
const bokehAppPlugin: FastifyPluginAsync<BokehAppOptions> = async (fastify, options) => {
  const app = resolveAppOptions(options);
  if (!fastify.hasDecorator("bokeh")) {
    const existing = bokehServerOf(fastify);
    if (existing === undefined) await fastify.register(bokehCore);
    else await fastify.register(bokehSiblingScope, { server: existing });
  }
  const server = fastify.bokeh;
  const prefix = `${fastify.prefix}${app.mountPrefix}`;
  const mounted = new MountedApp({
    app,
    prefix,
    core: server.options,
    store: server.sessionStore,
    clock: server.clock,
    logger: fastify.log,
    metrics: server.metrics,
  });
  const mount = server.mountAt(prefix);
  const firstAtPrefix = mount.apps === 0;
  if (app.routePath === "" && mount.index) {
    throw new FST_BOKEH_INVALID_OPTION(
      "path",
      `'/' under '${prefix || "/"}' is the index of apps there; register the root app before the others, or set index: false`,
    );
  }
  server.addApp(mounted);
  mount.apps++;
  if (app.onServerLoaded !== undefined) server.serverLoaded.push(app.onServerLoaded);
  if (app.onServerUnloaded !== undefined) server.serverUnloaded.push(app.onServerUnloaded);

  const fastifyOptions = {
    prefix: app.mountPrefix,
    ...(app.logLevel !== undefined ? { logLevel: app.logLevel } : {}),
    ...(app.logSerializers !== undefined ? { logSerializers: app.logSerializers } : {}),
  };
  if (!mount.static) {
    mount.static = true;
    await fastify.register(bokehStaticPlugin, { prefix: app.mountPrefix });
  }
  // As in bokeh serve, an app at the prefix root replaces the index; a route of the user's own at "/" is kept.
  if (
    firstAtPrefix &&
    app.routePath !== "" &&
    server.options.index &&
    !fastify.hasRoute({ method: "GET", url: prefix || "/" })
  ) {
    mount.index = true;
    await fastify.register(indexRoute, { prefix: app.mountPrefix, mountPrefix: prefix });
  }
  await fastify.register(appRoutes, { ...fastifyOptions, mounted });
};

export const bokehApp = fp(bokehAppPlugin, { fastify: "5.x" });

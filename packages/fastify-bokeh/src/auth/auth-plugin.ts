/**
 * Puts bokeh's auth hooks in front of a server: every page, index, autoload.js, metadata and websocket upgrade asks
 * `getUser`; an anonymous browser is redirected to the login URL (with `?next=`, as Tornado's `@authenticated`
 * does), other anonymous requests are refused. The BokehJS files and the icon stay public, as in bokeh serve.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import {
  type AuthHooks,
  type AuthRouteHandler,
  HANDLER_VERBS,
  isAbsoluteUrl,
  validateAuthHooks,
} from "./auth-hooks.js";

export interface BokehAuthOptions {
  readonly hooks: AuthHooks;
  /** The server prefix (`""` or `/pfx`): relative login and logout URLs are below it. */
  readonly prefix?: string;
}

/** `url` below the prefix, as bokeh joins them (absolute URLs stay as they are). */
function belowPrefix(prefix: string, url: string): string {
  return isAbsoluteUrl(url) ? url : `${prefix}/${url.replace(/^\/+/, "")}`;
}

/** Routes anyone may fetch: the BokehJS files and app static folders, the icon, the login and logout routes. */
function isPublic(request: FastifyRequest, open: ReadonlySet<string>): boolean {
  const route = request.routeOptions.url;
  if (route === undefined) return true;
  return open.has(route) || route.includes("/static/") || route.endsWith("/favicon.ico");
}

/** Where an anonymous browser goes, with `next` pointing back (a full URL when the login page is elsewhere). */
function loginRedirect(hooks: AuthHooks, prefix: string, request: FastifyRequest): string {
  const url = hooks.getLoginUrl?.(request) ?? belowPrefix(prefix, hooks.loginUrl ?? "/");
  if (url.includes("?")) return url;
  const next = isAbsoluteUrl(url) ? `${request.protocol}://${request.host}${request.url}` : request.url;
  return `${url}?${new URLSearchParams({ next })}`;
}

/** Serves a LoginHandler or LogoutHandler class at `url`: a new instance per request, the method of the verb. */
function handlerRoute(fastify: FastifyInstance, url: string, Handler: AuthRouteHandler): void {
  const verbs = HANDLER_VERBS.filter((verb) => typeof Handler.prototype[verb] === "function");
  if (verbs.length === 0) return;
  fastify.route({
    method: verbs.map((verb) => verb.toUpperCase()),
    url,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      // Fastify answers HEAD with the GET route.
      const asked = request.method === "HEAD" ? "GET" : request.method;
      const verb = verbs.find((name) => name.toUpperCase() === asked);
      return verb === undefined ? reply.code(405).send() : new Handler()[verb]?.(request, reply);
    },
  });
}

async function bokehAuthPlugin(fastify: FastifyInstance, options: BokehAuthOptions): Promise<void> {
  const { hooks } = options;
  const prefix = options.prefix ?? "";
  validateAuthHooks(hooks);
  const open = new Set<string>();
  for (const [url, Handler] of [
    [hooks.loginUrl, hooks.LoginHandler],
    [hooks.logoutUrl, hooks.LogoutHandler],
  ] as const) {
    if (url === undefined || Handler === undefined) continue;
    open.add(belowPrefix(prefix, url));
    handlerRoute(fastify, belowPrefix(prefix, url), Handler);
  }
  const getUser = hooks.getUser;
  // Without getUser everyone is bokeh's "default_user": nothing to check.
  if (getUser === undefined) return;
  fastify.addHook("onRequest", async (request, reply) => {
    if (isPublic(request, open) || (await getUser(request))) return;
    if (request.headers.upgrade?.toLowerCase() === "websocket") {
      // An upgrade request's socket is no longer the HTTP server's to close at shutdown: close it with the answer.
      reply.raw.once("finish", () => request.raw.socket.destroy());
      return reply.code(401).send("websocket refused: not logged in");
    }
    if (request.method === "GET" || request.method === "HEAD")
      return reply.redirect(loginRedirect(hooks, prefix, request), 302);
    return reply.code(403).send("Forbidden: not logged in");
  });
}

/** bokeh's `--auth-module` hooks as a Fastify plugin, for the routes of the scope it is registered in and below. */
export const bokehAuth = fp(bokehAuthPlugin, { name: "fastify-bokeh-auth", fastify: "5.x" });

import type { ServerSession } from "@fastify-bokeh/session-store";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { isOriginAllowed } from "../core/origin.js";
import { serveWebsocket } from "../core/websocket-connection.js";
import { renderAppPage } from "../page/app-page.js";
import { renderAutoloadJs } from "../page/autoload.js";
import { newElementId } from "../page/element-id.js";
import { bokehJsScriptUrls, staticUrlRoot } from "../resources/bokehjs.js";
import { sendFiles } from "../resources/send-files.js";
import type { MountedApp } from "./mounted-app.js";
import { HttpRefusal, type ResolvedSession, resolveSession } from "./resolve-session.js";

const single = (value: unknown): string | undefined =>
  Array.isArray(value) ? value[0] : typeof value === "string" ? value : undefined;
const TEXT = "text/plain; charset=utf-8";

const rootsOf = (session: ServerSession) =>
  session.document.roots.map((root) => ({
    id: root.id,
    elementId: newElementId(),
    name: root.hasProperty("name") ? (root.getv("name") as string | null) : null,
  }));

/** The request's session (created if new) and its token, or undefined with the refusal already sent. */
async function sessionFor(
  mounted: MountedApp,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<{ resolved: ResolvedSession; session: ServerSession } | undefined> {
  let resolved: ResolvedSession;
  try {
    resolved = resolveSession(request.server.bokeh, request);
  } catch (error) {
    if (!(error instanceof HttpRefusal)) throw error;
    request.log.info({ reason: error.message }, "session request refused");
    await reply.code(error.statusCode).type(TEXT).send(error.message);
    return undefined;
  }
  const session = await mounted.context.getOrCreate({ ...resolved, url: request.url });
  return { resolved, session };
}

/**
 * The URLs of an app's page: bokeh serve matches `/app/?`, so `/app/` too, unless the router already treats the two
 * as one (`ignoreTrailingSlash`).
 */
function pageUrls(fastify: FastifyInstance, path: string): string[] {
  if (path === "") return ["/"];
  const config = fastify.initialConfig;
  const oneUrl = config.ignoreTrailingSlash === true || config.routerOptions?.ignoreTrailingSlash === true;
  return oneUrl ? [path] : [path, `${path}/`];
}

/**
 * No automatic HEAD routes for the page, autoload.js and metadata: a HEAD probe must not create a session. Like
 * bokeh serve's handlers, which implement GET only, they answer HEAD with 405.
 */
function headRoutes(fastify: FastifyInstance, path: string): void {
  for (const url of [...pageUrls(fastify, path), `${path}/autoload.js`, `${path}/metadata`])
    fastify.head(url, async (_request, reply) => reply.code(405).send());
}

/** The app's page, at `<path>` and `<path>/`. */
function pageRoute(fastify: FastifyInstance, mounted: MountedApp): void {
  const { app } = mounted;
  const scriptUrls = bokehJsScriptUrls(staticUrlRoot(mounted.prefix));
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const found = await sessionFor(mounted, request, reply);
    if (found === undefined) return reply;
    const html = renderAppPage({
      title: found.session.document.title,
      token: found.resolved.token,
      roots: rootsOf(found.session),
      scriptUrls,
      logLevel: fastify.bokeh.options.logLevel,
      ...(app.template !== undefined ? { template: app.template } : {}),
      ...(app.templateVariables !== undefined ? { templateVariables: app.templateVariables } : {}),
    });
    return reply.type("text/html; charset=utf-8").send(html);
  };
  for (const url of pageUrls(fastify, app.routePath)) fastify.get(url, { exposeHeadRoute: false }, handler);
}

/** `<path>/ws`: the Origin is checked before the upgrade, the token once the socket is open. */
function websocketRoute(fastify: FastifyInstance, mounted: MountedApp): void {
  const server = fastify.bokeh;
  const preValidation = async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = single(request.headers.origin);
    const allowlist = server.allowedOrigins();
    if (isOriginAllowed(origin, allowlist)) return;
    request.log.warn(
      { origin, allowed: allowlist },
      "Refusing websocket connection from this Origin; add its host:port to allowWebsocketOrigin (or BOKEH_ALLOW_WS_ORIGIN) to permit it",
    );
    return reply.code(403).type(TEXT).send("Cross origin websockets not allowed");
  };
  fastify.get(`${mounted.app.routePath}/ws`, { websocket: true, preValidation }, (socket, request) =>
    serveWebsocket(server, mounted, socket, request),
  );
}

/** What bokeh serve answers autoload.js requests with, so host pages on other origins may load it. */
function cors(request: FastifyRequest, reply: FastifyReply): void {
  const origin = single(request.headers.origin);
  reply.header(
    "Access-Control-Allow-Origin",
    request.headers.cookie !== undefined && origin !== undefined ? origin : "*",
  );
  reply.header("Access-Control-Allow-Headers", "*");
  reply.header("Access-Control-Allow-Credentials", "true");
}

/** `<path>/autoload.js` (and its CORS preflight): a script that embeds a session in a page of its host's. */
function autoloadRoute(fastify: FastifyInstance, mounted: MountedApp): void {
  const path = `${mounted.app.routePath}/autoload.js`;
  fastify.options(path, async (request, reply) => {
    cors(request, reply);
    reply.header("Access-Control-Allow-Methods", "PUT, GET, OPTIONS");
    reply.header("Access-Control-Allow-Origin", single(request.headers.origin) ?? "*");
    return reply.send("");
  });
  fastify.get(path, { exposeHeadRoute: false }, async (request, reply) => {
    cors(request, reply);
    const query = request.query as Record<string, unknown>;
    const elementId = single(query["bokeh-autoload-element"]);
    if (elementId === undefined || elementId === "")
      return reply.code(400).type(TEXT).send("No bokeh-autoload-element query parameter");
    const found = await sessionFor(mounted, request, reply);
    if (found === undefined) return reply;
    const absoluteUrl = single(query["bokeh-absolute-url"]);
    const resources = single(query.resources);
    const js = renderAutoloadJs({
      token: found.resolved.token,
      elementId,
      appPath: single(query["bokeh-app-path"]) ?? "/",
      ...(absoluteUrl !== undefined ? { absoluteUrl } : {}),
      scriptUrls: resources === "none" ? null : bokehJsScriptUrls(staticUrlRoot(mounted.prefix, absoluteUrl)),
      logLevel: fastify.bokeh.options.logLevel,
    });
    return reply.type("application/javascript").send(js);
  });
}

/**
 * The routes of one application, in their own encapsulated context (so hooks of the scope the app is registered
 * in, such as authentication, apply to all of them, the websocket upgrade included): the page, `ws`, `autoload.js`,
 * `metadata` and the app's static folder.
 */
export const appRoutes: FastifyPluginAsync<{ mounted: MountedApp }> = async (fastify, { mounted }) => {
  const { app } = mounted;
  const path = app.routePath;
  headRoutes(fastify, path);
  pageRoute(fastify, mounted);
  websocketRoute(fastify, mounted);
  autoloadRoute(fastify, mounted);
  fastify.get(`${path}/metadata`, { exposeHeadRoute: false }, async (_request, reply) => {
    const data = typeof app.metadata === "function" ? app.metadata() : (app.metadata ?? {});
    return reply.type("application/json").send(JSON.stringify({ url: path || "/", data }));
  });
  if (app.staticDir !== undefined) {
    await fastify.register(sendFiles, { root: app.staticDir, urlPrefix: `${path}/static/` });
  }
};

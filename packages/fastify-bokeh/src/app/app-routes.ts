import type { ServerSession } from "@fastify-bokeh/session-store";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { isOriginAllowed } from "../core/origin.js";
import { serveWebsocket } from "../core/websocket-connection.js";
import { renderAppPage } from "../page/app-page.js";
import { renderAutoloadJs } from "../page/autoload.js";
import { newElementId } from "../page/element-id.js";
import { bokehJsScriptUrls, staticUrlRoot } from "../resources/bokehjs.js";
import { sendFiles } from "../resources/send-files.js";
import type { AppRuntime } from "./app-runtime.js";
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
 * The routes of one application, in their own encapsulated context (so hooks of the scope the app is registered
 * in, such as authentication, apply to all of them, the websocket upgrade included): the page, `ws`, `autoload.js`,
 * `metadata` and the app's static folder.
 */
export const appRoutes: FastifyPluginAsync<{ runtime: AppRuntime }> = async (fastify, { runtime }) => {
  const server = fastify.bokeh;
  const { app } = runtime;
  const path = app.routePath;
  const scriptUrls = bokehJsScriptUrls(staticUrlRoot(runtime.prefix));

  /** The request's session (created if new), or the refusal already sent. */
  const sessionFor = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ resolved: ResolvedSession; session: ServerSession } | undefined> => {
    let resolved: ResolvedSession;
    try {
      resolved = resolveSession(server, request);
    } catch (error) {
      if (!(error instanceof HttpRefusal)) throw error;
      request.log.info({ reason: error.message }, "session request refused");
      await reply.code(error.statusCode).type(TEXT).send(error.message);
      return undefined;
    }
    const session = await runtime.getOrCreate(resolved.id, resolved.token, resolved.payload, request.url);
    return { resolved, session };
  };

  // No automatic HEAD routes for the page and autoload.js: a HEAD probe must not create a session. Like bokeh
  // serve's handlers, which implement GET only, they answer HEAD with 405.
  for (const url of [...pageUrls(fastify, path), `${path}/autoload.js`, `${path}/metadata`])
    fastify.head(url, async (_request, reply) => reply.code(405).send());
  for (const url of pageUrls(fastify, path)) fastify.get(url, { exposeHeadRoute: false }, pageHandler);

  async function pageHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const found = await sessionFor(request, reply);
    if (found === undefined) return reply;
    const html = renderAppPage({
      title: found.session.document.title,
      token: found.resolved.token,
      roots: rootsOf(found.session),
      scriptUrls,
      logLevel: server.options.logLevel,
      ...(app.template !== undefined ? { template: app.template } : {}),
      ...(app.templateVariables !== undefined ? { templateVariables: app.templateVariables } : {}),
    });
    return reply.type("text/html; charset=utf-8").send(html);
  }

  fastify.get(
    `${path}/ws`,
    {
      websocket: true,
      preValidation: async (request, reply) => {
        const origin = single(request.headers.origin);
        const allowlist = server.allowedOrigins();
        if (!isOriginAllowed(origin, allowlist)) {
          request.log.warn(
            { origin, allowed: allowlist },
            "Refusing websocket connection from this Origin; add its host:port to allowWebsocketOrigin (or BOKEH_ALLOW_WS_ORIGIN) to permit it",
          );
          return reply.code(403).type(TEXT).send("Cross origin websockets not allowed");
        }
      },
    },
    (socket, request) => serveWebsocket(server, runtime, socket, request),
  );

  const cors = (request: FastifyRequest, reply: FastifyReply) => {
    const origin = single(request.headers.origin);
    reply.header(
      "Access-Control-Allow-Origin",
      request.headers.cookie !== undefined && origin !== undefined ? origin : "*",
    );
    reply.header("Access-Control-Allow-Headers", "*");
    reply.header("Access-Control-Allow-Credentials", "true");
  };
  fastify.options(`${path}/autoload.js`, async (request, reply) => {
    cors(request, reply);
    reply.header("Access-Control-Allow-Methods", "PUT, GET, OPTIONS");
    reply.header("Access-Control-Allow-Origin", single(request.headers.origin) ?? "*");
    return reply.send("");
  });
  fastify.get(`${path}/autoload.js`, { exposeHeadRoute: false }, async (request, reply) => {
    cors(request, reply);
    const query = request.query as Record<string, unknown>;
    const elementId = single(query["bokeh-autoload-element"]);
    if (elementId === undefined || elementId === "")
      return reply.code(400).type(TEXT).send("No bokeh-autoload-element query parameter");
    const found = await sessionFor(request, reply);
    if (found === undefined) return reply;
    const absoluteUrl = single(query["bokeh-absolute-url"]);
    const resources = single(query.resources);
    const js = renderAutoloadJs({
      token: found.resolved.token,
      elementId,
      appPath: single(query["bokeh-app-path"]) ?? "/",
      ...(absoluteUrl !== undefined ? { absoluteUrl } : {}),
      scriptUrls: resources === "none" ? null : bokehJsScriptUrls(staticUrlRoot(runtime.prefix, absoluteUrl)),
      logLevel: server.options.logLevel,
    });
    return reply.type("application/javascript").send(js);
  });

  fastify.get(`${path}/metadata`, { exposeHeadRoute: false }, async (_request, reply) => {
    const data = typeof app.metadata === "function" ? app.metadata() : (app.metadata ?? {});
    return reply.type("application/json").send(JSON.stringify({ url: path || "/", data }));
  });

  if (app.staticDir !== undefined) {
    await fastify.register(sendFiles, { root: app.staticDir, urlPrefix: `${path}/static/` });
  }
};

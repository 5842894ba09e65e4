import fp from "fastify-plugin";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import {
  checkSessionIdSignature, decodeToken, generateSessionId, generateToken, type TokenPayload,
} from "@fastify-bokeh/session-store";
import { bokehCore } from "../core/core-plugin.js";
import type { BokehServer } from "../core/bokeh-server.js";
import { defaultAllowlist, isOriginAllowed } from "../core/origin.js";
import { requestPayload } from "../core/request-context.js";
import { serveWebsocket } from "../core/websocket-connection.js";
import { renderAppPage } from "../page/app-page.js";
import { renderAutoloadJs } from "../page/autoload.js";
import { newElementId } from "../page/element-id.js";
import { renderIndexPage } from "../page/index-page.js";
import { bokehJsScriptUrls, staticUrlRoot } from "../resources/bokehjs.js";
import { bokehStaticPlugin } from "../resources/static-plugin.js";
import { resolveAppOptions, type BokehAppOptions } from "../options/app-options.js";
import { AppRuntime } from "./app-runtime.js";
import type { ServerSession } from "@fastify-bokeh/session-store";

class HttpRefusal extends Error {
  constructor(readonly statusCode: number, message: string) {
    super(message);
  }
}

const single = (value: unknown): string | undefined => (Array.isArray(value) ? value[0] : typeof value === "string" ? value : undefined);

/** The session a page (or autoload.js) request is for: its id and token, and the decoded payload. */
function resolveSession(server: BokehServer, request: FastifyRequest): { id: string; token: string; payload: TokenPayload } {
  const query = request.query as Record<string, unknown>;
  const argId = single(query["bokeh-session-id"]);
  const headerId = single(request.headers["bokeh-session-id"]);
  const givenToken = single(query["bokeh-token"]);
  const { signSessions, secretKey } = server.options;
  if (argId !== undefined && headerId !== undefined) throw new HttpRefusal(403, "session ID was provided as an argument and header");
  const givenId = argId ?? headerId;
  if (givenToken !== undefined) {
    if (givenId !== undefined) throw new HttpRefusal(403, "Both token and session ID were provided");
    const decoded = decodeToken(givenToken);
    if (!decoded.ok) throw new HttpRefusal(403, `Invalid token: ${decoded.reason.message}`);
    if (signSessions && !checkSessionIdSignature(decoded.payload.sessionId, secretKey!)) throw new HttpRefusal(403, "Invalid token or session ID");
    return { id: decoded.payload.sessionId, token: givenToken, payload: decoded.payload };
  }
  if (givenId === "") throw new HttpRefusal(403, "Empty session ID");
  if (givenId !== undefined && signSessions && !checkSessionIdSignature(givenId, secretKey!)) throw new HttpRefusal(403, "Invalid token or session ID");
  const id = givenId ?? generateSessionId({ signed: signSessions, ...(secretKey !== undefined ? { secretKey } : {}) });
  const token = generateToken({
    sessionId: id,
    expiresAt: Math.floor(server.clock.now() / 1000) + server.options.sessionTokenExpiration,
    extraPayload: requestPayload(request, server.options),
    signed: signSessions,
    ...(secretKey !== undefined ? { secretKey } : {}),
  });
  const decoded = decodeToken(token);
  if (!decoded.ok) throw new Error(`minted an undecodable token: ${decoded.reason.message}`);
  return { id, token, payload: decoded.payload };
}

function refuse(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof HttpRefusal) return reply.code(error.statusCode).type("text/plain; charset=utf-8").send(error.message);
  throw error;
}

function listeningPort(fastify: FastifyInstance): number | undefined {
  const address = fastify.server.address();
  return typeof address === "object" && address !== null ? address.port : undefined;
}

const rootsOf = (session: ServerSession) =>
  session.document.roots.map((root) => ({
    id: root.id,
    elementId: newElementId(),
    name: root.hasProperty("name") ? (root.getv("name") as string | null) : null,
  }));

/** The routes of one application, in their own encapsulated context. */
const appRoutes: FastifyPluginAsync<{ runtime: AppRuntime; prefix: string }> = async (fastify, { runtime, prefix }) => {
  const server = fastify.bokeh;
  const { app } = runtime;
  const path = app.path.replace(/\/+$/, "");
  const scriptUrls = bokehJsScriptUrls(staticUrlRoot(prefix));

  fastify.get(path === "" ? "/" : path, async (request, reply) => {
    let resolved;
    try {
      resolved = resolveSession(server, request);
    } catch (error) {
      return refuse(reply, error);
    }
    const session = await runtime.getOrCreate(resolved.id, resolved.token, resolved.payload, request.url);
    const html = renderAppPage({
      title: session.document.title,
      token: resolved.token,
      roots: rootsOf(session),
      scriptUrls,
      logLevel: server.options.logLevel,
      ...(app.template !== undefined ? { template: app.template } : {}),
      ...(app.templateVariables !== undefined ? { templateVariables: app.templateVariables } : {}),
    });
    return reply.type("text/html").send(html);
  });

  fastify.get(`${path}/ws`, {
    websocket: true,
    preValidation: async (request, reply) => {
      const origin = single(request.headers.origin);
      const address = listeningPort(fastify);
      const allowlist = server.options.allowWebsocketOrigin ?? defaultAllowlist(request.headers.host, address);
      if (!isOriginAllowed(origin, allowlist)) {
        request.log.info({ origin }, "websocket refused: origin not allowed");
        return reply.code(403).type("text/plain; charset=utf-8").send("Cross origin websockets not allowed");
      }
    },
  }, (socket, request) => serveWebsocket(server, runtime, socket, request));

  const cors = (request: FastifyRequest, reply: FastifyReply) => {
    const origin = single(request.headers.origin);
    reply.header("Access-Control-Allow-Origin", request.headers.cookie !== undefined && origin !== undefined ? origin : "*");
    reply.header("Access-Control-Allow-Headers", "*");
    reply.header("Access-Control-Allow-Credentials", "true");
  };
  fastify.options(`${path}/autoload.js`, async (request, reply) => {
    cors(request, reply);
    reply.header("Access-Control-Allow-Methods", "PUT, GET, OPTIONS");
    reply.header("Access-Control-Allow-Origin", single(request.headers.origin) ?? "*");
    return reply.send("");
  });
  fastify.get(`${path}/autoload.js`, async (request, reply) => {
    cors(request, reply);
    const query = request.query as Record<string, unknown>;
    const elementId = single(query["bokeh-autoload-element"]);
    let resolved;
    try {
      resolved = resolveSession(server, request);
    } catch (error) {
      return refuse(reply, error);
    }
    if (elementId === undefined || elementId === "") return reply.code(400).type("text/plain; charset=utf-8").send("No bokeh-autoload-element query parameter");
    await runtime.getOrCreate(resolved.id, resolved.token, resolved.payload, request.url);
    const absoluteUrl = single(query["bokeh-absolute-url"]);
    const resources = single(query["resources"]);
    const js = renderAutoloadJs({
      token: resolved.token,
      elementId,
      appPath: single(query["bokeh-app-path"]) ?? "/",
      ...(absoluteUrl !== undefined ? { absoluteUrl } : {}),
      scriptUrls: resources === "none" ? null : bokehJsScriptUrls(staticUrlRoot(prefix, absoluteUrl)),
      logLevel: server.options.logLevel,
    });
    return reply.type("application/javascript").send(js);
  });

  fastify.get(`${path}/metadata`, async (_request, reply) => {
    const data = typeof app.metadata === "function" ? app.metadata() : app.metadata ?? {};
    return reply.type("application/json").send(JSON.stringify({ url: path || "/", data }));
  });

  if (app.staticDir !== undefined) {
    await fastify.register(fastifyStatic, { root: app.staticDir, prefix: `${path}/static/`, decorateReply: false });
  }
};

/** The index of applications at the prefix root, listing every app registered under that prefix. */
function registerIndex(fastify: FastifyInstance, server: BokehServer, prefix: string): void {
  fastify.get("/", async (_request, reply) => {
    const apps = [...server.apps.values()]
      .filter((app) => app.basePath.startsWith(prefix))
      .map((app) => ({ path: app.basePath.slice(prefix.length) || "/", ...(app.app.description !== undefined ? { description: app.app.description } : {}) }))
      .sort((a, b) => a.path.localeCompare(b.path));
    return reply.type("text/html").send(renderIndexPage({ prefix, apps }));
  });
}

/**
 * One Bokeh application at `options.path`: its page, websocket, autoload.js and metadata routes. Registers the
 * server-wide core (and the BokehJS static files) the first time it is needed.
 */
const bokehAppPlugin: FastifyPluginAsync<BokehAppOptions> = async (fastify, options) => {
  const app = resolveAppOptions(options);
  if (!fastify.hasDecorator("bokeh")) await fastify.register(bokehCore);
  const server = fastify.bokeh;
  const prefix = fastify.prefix;
  const runtime = new AppRuntime({
    app,
    basePath: `${prefix}${app.routePath}`,
    core: server.options,
    store: server.raw.sessionStore,
    clock: server.clock,
    logger: fastify.log,
  });
  server.addApp(runtime);
  if (server.claimStaticPrefix(prefix)) {
    await fastify.register(bokehStaticPlugin, { prefix: "" });
    const rootTaken = app.routePath === "";
    if (server.options.index && !rootTaken) registerIndex(fastify, server, prefix);
  }
  await fastify.register(appRoutes, { runtime, prefix });
};

export const bokehApp = fp(bokehAppPlugin, { fastify: "5.x" });

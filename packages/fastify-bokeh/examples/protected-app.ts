import { Div, type Document } from "@fastify-bokeh/document";
import fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { bokehApp, bokehCore } from "fastify-bokeh";

/** Stands in for your login system: session cookie value → user name. */
const LOGGED_IN = new Map([["c2VjcmV0LXNlc3Npb24", "alice"]]);

function userOf(request: FastifyRequest): string | undefined {
  const cookie = /(?:^|;\s*)session=([^;]+)/.exec(request.headers.cookie ?? "");
  return LOGGED_IN.get(cookie?.[1] ?? "");
}

function greeting(doc: Document): void {
  // The cookies (and headers, and query arguments) of the page request travel with the session.
  const user = LOGGED_IN.get(doc.session_context?.request.cookies.session ?? "");
  doc.add_root(new Div({ text: `Hello ${user ?? "stranger"}`, name: "greeting" }));
}

export async function buildServer(): Promise<FastifyInstance> {
  const app = fastify();
  // Server-wide options, and the BokehJS files (public: they are the same for everyone).
  await app.register(bokehCore);
  await app.register(bokehApp, { path: "/public", app: greeting });

  // Everything registered in this scope is behind the hook: each app's page, autoload.js, metadata and the
  // websocket upgrade, which Fastify routes like any other request (browsers send the cookie with it).
  await app.register(async (members) => {
    members.addHook("onRequest", async (request, reply) => {
      if (userOf(request) === undefined) return reply.code(401).send("Log in first");
    });
    await members.register(bokehApp, { path: "/members", app: greeting });
  });
  return app;
}

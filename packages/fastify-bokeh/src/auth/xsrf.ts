/**
 * `--enable-xsrf-cookies`: Tornado's XSRF protection. Every POST, PUT, PATCH and DELETE must echo the `_xsrf`
 * cookie's value, as an `_xsrf` form field or query argument or an `X-XSRFToken`/`X-CSRFToken` header, or is refused
 * with 403. A login form gets the value to put in its hidden field from `reply.xsrfToken()`, which sets the cookie
 * when the browser has none yet. bokeh's own routes are all GETs and websockets, so only handlers of your own (the
 * auth module's) are concerned.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyReply {
    /** The `_xsrf` token this request's form must send back (set as a cookie if the browser has none). */
    xsrfToken(): string;
  }
}

const COOKIE = "_xsrf";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function field(source: unknown): string | undefined {
  if (typeof source !== "object" || source === null || !(COOKIE in source)) return undefined;
  const value: unknown = source[COOKIE];
  return typeof value === "string" ? value : undefined;
}

/** The token a request sends back: form field or query argument, else header. */
function sentToken(request: FastifyRequest): string | undefined {
  const header = request.headers["x-xsrftoken"] ?? request.headers["x-csrftoken"];
  return field(request.body) ?? field(request.query) ?? (typeof header === "string" ? header : undefined);
}

const same = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function xsrfPlugin(fastify: FastifyInstance): Promise<void> {
  fastify.decorateReply("xsrfToken", function xsrfToken(this: FastifyReply): string {
    const existing = this.request.cookies[COOKIE];
    if (existing !== undefined && existing !== "") return existing;
    const token = randomBytes(16).toString("hex");
    this.setCookie(COOKIE, token, { path: "/", sameSite: "lax" });
    this.request.cookies[COOKIE] = token;
    return token;
  });
  // preHandler: the form body is parsed by then.
  fastify.addHook("preHandler", async (request, reply) => {
    if (!UNSAFE.has(request.method)) return;
    const sent = sentToken(request);
    if (sent === undefined) return reply.code(403).send(`'_xsrf' argument missing from ${request.method}`);
    const cookie = request.cookies[COOKIE];
    if (cookie === undefined || !same(cookie, sent))
      return reply.code(403).send(`XSRF cookie does not match ${request.method} argument`);
  });
}

/** Tornado's XSRF cookie check for the scope it is registered in; needs @fastify/cookie registered first. */
export const xsrfCookies = fp(xsrfPlugin, {
  name: "fastify-bokeh-xsrf",
  fastify: "5.x",
  dependencies: ["@fastify/cookie"],
});

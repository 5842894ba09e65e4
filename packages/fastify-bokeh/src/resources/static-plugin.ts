/**
 * Serves the BokehJS distribution at `{prefix}/static/`, with the caching behaviour of `bokeh serve`'s
 * StaticFileHandler: a ten-year cache lifetime only for versioned (`?v=`) URLs, so unversioned URLs always revalidate.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { BOKEHJS_STATIC_DIR } from "./bokehjs.js";
import { sendFiles } from "./send-files.js";

export interface BokehStaticOptions {
  /**
   * Server prefix (`""` or `"/pfx"`). Fastify itself applies a `prefix` register option to every route of this
   * (deliberately encapsulated) plugin, which is how the files end up at `{prefix}/static/…`.
   */
  prefix: string;
}

/** Tornado's `StaticFileHandler.CACHE_MAX_AGE`: ten years, in seconds. */
export const STATIC_CACHE_MAX_AGE = 86400 * 365 * 10;

function hasVersionArgument(request: FastifyRequest): boolean {
  const query: unknown = request.query;
  return typeof query === "object" && query !== null && Object.hasOwn(query, "v");
}

// Only responses that carry (or confirm) the file get the static headers; a 404 must not be cached for ten years.
function isFileResponse(reply: FastifyReply): boolean {
  return reply.statusCode === 200 || reply.statusCode === 206 || reply.statusCode === 304;
}

/**
 * Not wrapped in fastify-plugin on purpose: the onSend hook below must only see the static routes, never the
 * host application's routes.
 */
export const bokehStaticPlugin: FastifyPluginAsync<BokehStaticOptions> = async (fastify) => {
  fastify.addHook("onSend", async (request, reply, payload) => {
    if (!isFileResponse(reply)) return payload;
    // The `mime` table used by @fastify/send still says application/javascript; bokeh serve (and current
    // standards) say text/javascript.
    const type = reply.getHeader("content-type");
    if (typeof type === "string" && type.startsWith("application/javascript")) {
      reply.header("content-type", "text/javascript; charset=utf-8");
    }
    if (hasVersionArgument(request)) {
      reply.header("cache-control", `max-age=${STATIC_CACHE_MAX_AGE}`);
      reply.header("expires", new Date(Date.now() + STATIC_CACHE_MAX_AGE * 1000).toUTCString());
    }
    return payload;
  });

  // @fastify/send's weak ETag (size + mtime) rather than bokeh serve's SHA-512 of the content: it is what send's
  // If-None-Match / If-Match / If-Range handling compares against, and the installed files never change.
  await fastify.register(sendFiles, { root: BOKEHJS_STATIC_DIR, urlPrefix: "/static/" });
};

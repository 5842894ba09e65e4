/**
 * Serves the files under a folder at `{prefix}*` with @fastify/send (conditional requests, ranges, ETag and
 * Last-Modified): what @fastify/static does for a single root, without its directory listing and glob machinery,
 * whose dependencies alone weigh more than all the BokehJS bundles.
 */
import send from "@fastify/send";
import type { FastifyPluginAsync } from "fastify";

export interface SendFilesOptions {
  /** The folder served. */
  root: string;
  /** The URL prefix, with a trailing slash (`/static/`). */
  urlPrefix: string;
}

export const sendFiles: FastifyPluginAsync<SendFilesOptions> = async (fastify, { root, urlPrefix }) => {
  fastify.route<{ Params: { "*": string } }>({
    method: ["GET", "HEAD"],
    url: `${urlPrefix}*`,
    handler: async (request, reply) => {
      const result = await send(request.raw, encodeURI(`/${request.params["*"]}`), {
        root,
        index: false,
        // Cache-Control is the caller's to decide (per request); send's own `public, max-age=0` would contradict it.
        cacheControl: false,
        etag: true,
        lastModified: true,
        acceptRanges: true,
      });
      switch (result.type) {
        case "file":
          reply.code(result.statusCode).headers(result.headers);
          return reply.send(result.stream);
        case "directory":
          return reply.callNotFound();
        case "error":
          // A missing file is the application's 404; a directory (403) or a bad path (400) is sent as send rates it.
          if (result.statusCode === 404) return reply.callNotFound();
          return reply.code(result.statusCode).send(result.metadata.error);
      }
    },
  });
};

import type { WebsocketPluginOptions } from "@fastify/websocket";
import type { ResolvedCoreOptions } from "../options/core-options.js";

/** The `ws` server options every @fastify/websocket instance of a fastify-bokeh server gets. */
export function websocketServerOptions(resolved: ResolvedCoreOptions): NonNullable<WebsocketPluginOptions["options"]> {
  const compression = resolved.websocketCompression;
  return {
    maxPayload: resolved.websocketMaxMessageSize,
    perMessageDeflate:
      compression === undefined
        ? false
        : {
            zlibDeflateOptions: {
              ...(compression.level !== undefined ? { level: compression.level } : {}),
              ...(compression.memLevel !== undefined ? { memLevel: compression.memLevel } : {}),
            },
          },
    // BokehJS offers ["bokeh", token]; answer "bokeh" (the token is read from the request header).
    handleProtocols: (protocols: Set<string>) => (protocols.has("bokeh") ? "bokeh" : false),
  };
}

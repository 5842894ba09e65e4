import type { SessionRequest } from "@fastify-bokeh/document";
import type { TokenPayload } from "../tokens/token-payload.js";

/** Query arguments of a URL, each with all its values, in order. */
export function queryArguments(url: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const query = url.indexOf("?");
  if (query === -1) return out;
  for (const [name, value] of new URLSearchParams(url.slice(query + 1))) {
    const values = out[name];
    if (values === undefined) out[name] = [value];
    else values.push(value);
  }
  return out;
}

/**
 * The session request as app code sees it, from a token's payload (`bokeh-session-id` removed, as Bokeh does); the
 * arguments of `fallbackUrl` (the request that opened the session) when the token carries none.
 */
export function sessionRequest(payload: TokenPayload, fallbackUrl: string): SessionRequest {
  const args: Record<string, string[]> =
    payload.arguments !== undefined
      ? Object.fromEntries(
          Object.entries(payload.arguments).map(([name, values]) => [name, values.map((v) => v.toString("utf8"))]),
        )
      : queryArguments(fallbackUrl);
  delete args["bokeh-session-id"];
  return { arguments: args, headers: payload.headers ?? {}, cookies: payload.cookies ?? {} };
}

import { type ExtraPayload, queryArguments } from "@fastify-bokeh/session-store";
import type { FastifyRequest } from "fastify";
import type { ResolvedCoreOptions } from "../options/core-options.js";

/** Cookie header → name/value pairs (no dependency on @fastify/cookie; first occurrence wins, as browsers send). */
function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (header === undefined) return out;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name in out) continue;
    const raw = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

const filterNames = <T>(
  record: Record<string, T>,
  include: readonly string[] | undefined,
  exclude: readonly string[] | undefined,
): Record<string, T> => {
  const lower = (names: readonly string[]) => new Set(names.map((n) => n.toLowerCase()));
  const inc = include && lower(include);
  const exc = exclude && lower(exclude);
  return Object.fromEntries(
    Object.entries(record).filter(([name]) => (inc ? inc.has(name.toLowerCase()) : !exc?.has(name.toLowerCase()))),
  );
};

/** What a token carries about the page request: filtered headers and cookies, and the query arguments. */
export function requestPayload(request: FastifyRequest, options: ResolvedCoreOptions): ExtraPayload {
  const cookies = filterNames(parseCookies(request.headers.cookie), options.includeCookies, options.excludeCookies);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const kept = filterNames(headers, options.includeHeaders, options.excludeHeaders);
  // As in Bokeh: cookies travel on their own, so the raw header is dropped unless explicitly included.
  if (Object.keys(cookies).length > 0 && !(options.includeHeaders ?? []).some((h) => h.toLowerCase() === "cookie"))
    delete kept.cookie;
  const args = Object.fromEntries(
    Object.entries(queryArguments(request.url)).map(([name, values]) => [
      name,
      values.map((v) => Buffer.from(v, "utf8")),
    ]),
  );
  return { headers: kept, cookies, arguments: args };
}

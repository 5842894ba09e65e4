/**
 * `{prefix}/favicon.ico`, as bokeh serve serves one (`--ico-path`): fastify-bokeh's icon, the application's file, or
 * nothing. An application's own `/favicon.ico` route wins, whether it is registered before or after this one: the
 * built-in route carries a router constraint that stops matching once the router holds an unconstrained route of
 * the same URL, so the two never collide as duplicates.
 */
import { readFileSync } from "node:fs";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import { FST_BOKEH_INVALID_OPTION } from "../errors.js";
import { builtinFavicon } from "./favicon.js";

export interface BokehFaviconOptions {
  /** Path of an .ico file, false for no favicon, undefined for the built-in icon. */
  favicon: string | false | undefined;
}

/** The router constraint the built-in route carries; its value says whose route should answer. */
const CONSTRAINT = "fastifyBokehFavicon";
const BUILTIN = "builtin";

type Strategy = Parameters<FastifyInstance["addConstraintStrategy"]>[0];
type StoredHandler = Parameters<ReturnType<Strategy["storage"]>["set"]>[1];

function iconBytes(favicon: string | undefined): Buffer {
  if (favicon === undefined) return builtinFavicon();
  try {
    return readFileSync(favicon);
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new FST_BOKEH_INVALID_OPTION("favicon", `cannot read ${favicon} (${reason})`);
  }
}

/**
 * Adds the constraint to the router (one core, so one favicon URL, per server). It is derived for every request, so
 * other URLs get a constant; for the favicon URL the answer is cached once the server listens (routes are final).
 */
function addConstraint(fastify: FastifyInstance, url: string): void {
  let owner: string | undefined;
  fastify.addConstraintStrategy({
    name: CONSTRAINT,
    storage() {
      const handlers = new Map<unknown, StoredHandler>();
      return {
        get: (value: unknown) => handlers.get(value) ?? null,
        set: (value: unknown, handler: StoredHandler) => void handlers.set(value, handler),
      };
    },
    deriveConstraint(request: { url?: string }) {
      if (owner !== undefined || request.url === undefined || !request.url.startsWith(url)) return owner ?? BUILTIN;
      const found = fastify.hasRoute({ method: "GET", url }) ? "application" : BUILTIN;
      if (fastify.server.listening) owner = found;
      return found;
    },
    mustMatchWhenDerived: false,
  });
}

export const bokehFavicon: FastifyPluginAsync<BokehFaviconOptions> = async (fastify, { favicon }) => {
  if (favicon === false) return;
  const icon = iconBytes(favicon);
  addConstraint(fastify, `${fastify.prefix}/favicon.ico`);
  fastify.get(
    "/favicon.ico",
    { constraints: { [CONSTRAINT]: BUILTIN }, exposeHeadRoute: true },
    async (_request, reply) => reply.type("image/x-icon").header("cache-control", "max-age=86400").send(icon),
  );
};

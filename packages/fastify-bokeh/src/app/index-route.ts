import type { FastifyPluginAsync } from "fastify";
import { renderIndexPage } from "../page/index-page.js";

/**
 * The index of applications at a prefix root, listing the apps mounted at that prefix (looked up per request). As in
 * bokeh serve, a prefix with a single app redirects there instead, unless `indexRedirect` is false.
 */
export const indexRoute: FastifyPluginAsync<{ mountPrefix: string }> = async (fastify, { mountPrefix }) => {
  const server = fastify.bokeh;
  fastify.get("/", async (_request, reply) => {
    const apps = [...server.apps.values()]
      .filter((app) => app.prefix === mountPrefix)
      .map((app) => ({
        path: app.app.routePath || "/",
        ...(app.app.description !== undefined ? { description: app.app.description } : {}),
      }))
      .sort((a, b) => a.path.localeCompare(b.path));
    const [only] = apps;
    if (only !== undefined && apps.length === 1 && server.options.indexRedirect)
      return reply.redirect(`${mountPrefix}${only.path}`, 302);
    return reply.type("text/html; charset=utf-8").send(renderIndexPage({ prefix: mountPrefix, apps }));
  });
};

import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import Type, { type Static } from "typebox";
import { bokehApp } from "../app/bokeh-app.js";
import { optionsValidator } from "../options/validate.js";
import { adminDocument } from "./admin-document.js";

const AdminOptionsSchema = Type.Object(
  {
    /** Where the admin page is served (`/admin`). */
    path: Type.Optional(Type.String({ pattern: "^/" })),
    /** Milliseconds between refreshes of the page's tables (1000). */
    refresh: Type.Optional(Type.Integer({ minimum: 100 })),
  },
  { additionalProperties: false },
);

export type BokehAdminOptions = Static<typeof AdminOptionsSchema>;

const validate = optionsValidator(AdminOptionsSchema, "bokehAdmin");

/**
 * An admin page (off unless registered): the server's live sessions with their age and idle time, memory, and
 * callback timings (with the core's `metrics` on). It is a Bokeh application of its own, served like any other.
 */
const admin: FastifyPluginAsync<BokehAdminOptions> = async (fastify, options) => {
  validate(options);
  const path = options.path ?? "/admin";
  await fastify.register(bokehApp, {
    path,
    description: "Sessions, memory and callback timings of this server",
    app: (doc) => adminDocument(fastify.bokeh, `${fastify.prefix}${path}`, options.refresh ?? 1000)(doc),
  });
};

export const bokehAdmin = fp(admin, { fastify: "5.x", name: "fastify-bokeh-admin" });

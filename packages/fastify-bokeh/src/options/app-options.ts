import type { Document } from "@fastify-bokeh/document";
import type { SessionHook } from "@fastify-bokeh/session-store";
import type { RegisterOptions } from "fastify";
import Type from "typebox";
import { FST_BOKEH_INVALID_OPTION } from "../errors.js";
import type { AppPageTemplate } from "../page/app-page.js";
import type { ServerHook } from "./core-options.js";
import { optionsValidator } from "./validate.js";

/** Builds a session's document; runs once per session (may be async). */
export type BokehApplication = (doc: Document) => void | Promise<void>;

export type { SessionHook };

/** Options of one `bokehApp` registration: one Bokeh application at one path. */
export interface BokehAppOptions {
  /** The application's path, e.g. `/sliders` (`/` for the root). */
  path: string;
  app: BokehApplication;
  /** One line shown next to the app on the index page. */
  description?: string;
  /** The page title when the app sets none (`doc.title` wins); Bokeh's default is "Bokeh Application". */
  title?: string;
  /** A page template of your own instead of the default page. */
  template?: AppPageTemplate;
  /** Values handed to `template` as `templateVariables`. */
  templateVariables?: Record<string, unknown>;
  /** Served as JSON at `<path>/metadata` (a function is called per request). */
  metadata?: Record<string, unknown> | (() => Record<string, unknown>);
  /** A folder served at `<path>/static/`. */
  staticDir?: string;
  /** Runs before the app code of every new session. */
  onSessionCreated?: SessionHook;
  /** Runs when a session is destroyed (unused, or at shutdown), after the document's own on_session_destroyed callbacks. */
  onSessionDestroyed?: SessionHook;
  /** Runs when Fastify is ready (Bokeh's per-app `on_server_loaded`). */
  onServerLoaded?: ServerHook;
  /** Runs when Fastify closes, after every session has been destroyed. */
  onServerUnloaded?: ServerHook;
  /**
   * Fastify's register option: mounts the app (and, for the first app under it, the BokehJS files and the index)
   * below this prefix.
   */
  prefix?: string;
}

const AppOptionsSchema = Type.Object(
  {
    path: Type.String({ pattern: "^/[^?#]*$" }),
    app: Type.Unknown(),
    description: Type.Optional(Type.String()),
    title: Type.Optional(Type.String()),
    template: Type.Optional(Type.Unknown()),
    templateVariables: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    metadata: Type.Optional(Type.Unknown()),
    staticDir: Type.Optional(Type.String({ minLength: 1 })),
    onSessionCreated: Type.Optional(Type.Unknown()),
    onSessionDestroyed: Type.Optional(Type.Unknown()),
    onServerLoaded: Type.Optional(Type.Unknown()),
    onServerUnloaded: Type.Optional(Type.Unknown()),
    prefix: Type.Optional(Type.String({ pattern: "^(/[^?#]*)?$" })),
    // Fastify's own register options, passed on to the app's encapsulated routes.
    logLevel: Type.Optional(Type.String()),
    logSerializers: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

const validate = optionsValidator(AppOptionsSchema, "bokehApp");
const FUNCTIONS = [
  "app",
  "template",
  "onSessionCreated",
  "onSessionDestroyed",
  "onServerLoaded",
  "onServerUnloaded",
] as const;

/** Fastify's own register options that bokehApp passes on to the app's encapsulated routes. */
export type FastifyRouteOptions = Pick<RegisterOptions, "logLevel" | "logSerializers">;

export interface ResolvedAppOptions extends BokehAppOptions, FastifyRouteOptions {
  /** `path` without trailing slashes (`/sliders/` → `/sliders`, `/` → ``). */
  readonly routePath: string;
  /** `prefix` normalised the same way (`""` when absent). */
  readonly mountPrefix: string;
}

/** Validates `bokehApp` options and normalises the path and prefix. */
export function resolveAppOptions(options: BokehAppOptions & FastifyRouteOptions): ResolvedAppOptions {
  validate(options);
  for (const name of FUNCTIONS) {
    const value = options[name];
    if ((name === "app" || value !== undefined) && typeof value !== "function")
      throw new FST_BOKEH_INVALID_OPTION(name, "must be a function");
  }
  if (
    options.metadata !== undefined &&
    typeof options.metadata !== "function" &&
    (typeof options.metadata !== "object" || options.metadata === null)
  ) {
    throw new FST_BOKEH_INVALID_OPTION("metadata", "must be an object or a function");
  }
  return {
    ...options,
    routePath: options.path.replace(/\/+$/, ""),
    mountPrefix: (options.prefix ?? "").replace(/\/+$/, ""),
  };
}

import Type from "typebox";
import type { Document, SessionContext } from "@fastify-bokeh/document";
import type { AppPageTemplate } from "../page/app-page.js";
import { FST_BOKEH_INVALID_OPTION } from "../errors.js";
import { optionsValidator } from "./validate.js";

/** Builds a session's document; runs once per session (may be async). */
export type BokehApplication = (doc: Document) => void | Promise<void>;

/** Options of one `bokehApp` registration: one Bokeh application at one path. */
export interface BokehAppOptions {
  /** The application's path, e.g. `/sliders` (`/` for the root). */
  path: string;
  app: BokehApplication;
  /** One line shown next to the app on the index page. */
  description?: string;
  /** A page template of your own instead of the default page. */
  template?: AppPageTemplate;
  templateVariables?: Record<string, unknown>;
  /** Served as JSON at `<path>/metadata` (a function is called per request). */
  metadata?: Record<string, unknown> | (() => Record<string, unknown>);
  /** A folder served at `<path>/static/`. */
  staticDir?: string;
  onSessionCreated?: (context: SessionContext) => void | Promise<void>;
  onSessionDestroyed?: (context: SessionContext) => void | Promise<void>;
}

export const AppOptionsSchema = Type.Object({
  path: Type.String({ pattern: "^/[^?#]*$" }),
  app: Type.Unknown(),
  description: Type.Optional(Type.String()),
  template: Type.Optional(Type.Unknown()),
  templateVariables: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  metadata: Type.Optional(Type.Unknown()),
  staticDir: Type.Optional(Type.String({ minLength: 1 })),
  onSessionCreated: Type.Optional(Type.Unknown()),
  onSessionDestroyed: Type.Optional(Type.Unknown()),
});

const validate = optionsValidator(AppOptionsSchema);
const FUNCTIONS = ["app", "template", "onSessionCreated", "onSessionDestroyed"] as const;

/** Validates `bokehApp` options and normalises the path (`/sliders/` → `/sliders`, `/` → ``). */
export function resolveAppOptions(options: BokehAppOptions): BokehAppOptions & { routePath: string } {
  validate(options);
  for (const name of FUNCTIONS) {
    const value = options[name];
    if ((name === "app" || value !== undefined) && typeof value !== "function") throw new FST_BOKEH_INVALID_OPTION(name, "must be a function");
  }
  if (options.metadata !== undefined && typeof options.metadata !== "function" && (typeof options.metadata !== "object" || options.metadata === null)) {
    throw new FST_BOKEH_INVALID_OPTION("metadata", "must be an object or a function");
  }
  return { ...options, routePath: options.path.replace(/\/+$/, "") };
}

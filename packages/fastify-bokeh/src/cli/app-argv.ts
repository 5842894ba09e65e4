/**
 * `--args`: bokeh serve runs an app with `sys.argv` set to the script's file name and the arguments after `--args`;
 * `fastify-bokeh serve` hands the same list to the app function as its second argument.
 */
import type { Document } from "@fastify-bokeh/document";
import type { BokehApplication } from "../options/app-options.js";

/** What `fastify-bokeh serve` tells an app module's function besides its document. */
export interface ServeAppContext {
  /** The app module's file name, then the arguments after `--args` (bokeh's `sys.argv`). */
  readonly argv: readonly string[];
}

/** An app module's default export: `(doc) => …` works too, an app that needs no arguments ignores the second one. */
export type ServeApplication = (doc: Document, context: ServeAppContext) => void | Promise<void>;

/** The app as bokehApp runs it: the document only, the arguments bound. */
export function withArgv(app: ServeApplication, argv: readonly string[]): BokehApplication {
  const context: ServeAppContext = { argv: Object.freeze([...argv]) };
  return (doc) => app(doc, context);
}

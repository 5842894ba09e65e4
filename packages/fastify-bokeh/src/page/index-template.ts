/**
 * `--index TEMPLATE`: the index page from a template of the user's. bokeh serve renders it with `prefix` and
 * `items` (the sorted app paths); we take Jinja syntax through Nunjucks, autoescaped like bokeh's templates.
 */
import { basename, dirname } from "node:path";
import { optionalPackage } from "../resources/optional-package.js";

/** Renders the index for a prefix and its app paths. */
export type IndexTemplate = (context: { prefix: string; items: readonly string[] }) => string;

/** Compiles the template file now, so a missing file or a syntax error stops the server from starting. */
export function loadIndexTemplate(path: string): IndexTemplate {
  const nunjucks = optionalPackage<typeof import("nunjucks")>("nunjucks", `the index template ${path}`);
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dirname(path)), { autoescape: true });
  const template = env.getTemplate(basename(path), true);
  return (context) => template.render(context);
}

import type { Template } from "nunjucks";
import type { AppPageTemplateVariables } from "../page/app-page.js";
import { escapeHtml } from "../page/escape.js";

/** A document root as bokeh's templates see it (bokeh's `RenderRoot`). */
interface TemplateRoot {
  readonly elementid: string;
  readonly id: string;
  readonly name: string;
}

/** The roots: a list, and each named root by its name (`roots.scatter`), as bokeh's `RenderRoots`. */
type TemplateRoots = TemplateRoot[] & Record<string, TemplateRoot>;

/** The compiled `base` and `macros` templates of one Nunjucks environment. */
export interface BokehBaseTemplates {
  readonly base: Template;
  readonly macros: Template;
}

/** `embed(root)`: the element a root renders into (templates do not autoescape, as in bokeh). */
function embed(root: unknown): string {
  if (typeof root !== "object" || root === null || !("elementid" in root) || typeof root.elementid !== "string")
    throw new Error("embed() takes a root, e.g. embed(roots[0]) or embed(roots.name); no such root");
  const id = "id" in root && typeof root.id === "string" ? ` data-root-id="${escapeHtml(root.id)}"` : "";
  return `<div id="${escapeHtml(root.elementid)}"${id} style="display: contents;"></div>`;
}

function templateRoots(vars: AppPageTemplateVariables): TemplateRoots {
  const roots = vars.roots.map((root) => ({ elementid: root.elementId, id: root.id, name: root.name ?? "" }));
  const named: Record<string, TemplateRoot> = {};
  // The first root of a name wins, as bokeh's lookup by name finds it.
  for (const root of [...roots].reverse()) if (root.name !== "") named[root.name] = root;
  return Object.assign(roots, named);
}

/**
 * The variables a Bokeh page template receives (bokeh's `html_page_for_render_items`): the app's template
 * variables, then `title`, `bokeh_js`, `bokeh_css`, `plot_script`, `plot_div`, `docs`, `doc`, `roots`, `base`,
 * `macros` and the `embed` macro.
 */
export function jinjaContext(vars: AppPageTemplateVariables, templates: BokehBaseTemplates): Record<string, unknown> {
  const roots = templateRoots(vars);
  const doc = { ...vars.docs[0], roots };
  return {
    ...vars.templateVariables,
    title: vars.title,
    bokeh_js: vars.bokehJs,
    // BokehJS 3 brings its styles with its scripts: bokeh serve's pages have no CSS resources either.
    bokeh_css: "",
    plot_script: vars.plotScript,
    plot_div: vars.roots.map((root) => root.div).join("\n"),
    docs: [doc],
    doc,
    roots,
    base: templates.base,
    macros: templates.macros,
    embed,
  };
}

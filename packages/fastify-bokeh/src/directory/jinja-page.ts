import type { FastifyPluginAsync } from "fastify";
import type { Environment } from "nunjucks";
import type { AppPageTemplate } from "../page/app-page.js";
import { optionalPackage } from "../resources/optional-package.js";
import { BASE_TEMPLATE, MACROS_TEMPLATE } from "./base-template.js";
import { type BokehBaseTemplates, jinjaContext } from "./jinja-context.js";

type Render = (page: string, data: Record<string, unknown>) => Promise<string>;

/**
 * A directory app's `templates/index.html`, rendered as a Jinja-syntax template by Nunjucks through
 * `@fastify/view` (optional peer dependencies, both), with the variables bokeh's templates receive. Register
 * {@link plugin} (it keeps `@fastify/view` in a scope of its own, so several apps do not clash) before the page is
 * first served.
 */
export class JinjaPage {
  private render: Render | undefined;
  private templates: BokehBaseTemplates | undefined;

  /**
   * @param templatesDir the app's `templates` folder
   * @param reread read the template file again for every page (`--dev`), instead of once
   */
  constructor(
    readonly templatesDir: string,
    private readonly reread: boolean,
  ) {}

  readonly plugin: FastifyPluginAsync = async (scope) => {
    const neededFor = `${this.templatesDir}/index.html`;
    const nunjucks = optionalPackage<typeof import("nunjucks")>("nunjucks", neededFor);
    const view = optionalPackage<typeof import("@fastify/view")>("@fastify/view", neededFor).default;
    await scope.register(view, {
      engine: { nunjucks },
      root: this.templatesDir,
      production: !this.reread,
      options: {
        // Jinja's defaults, which bokeh keeps for app templates: no autoescaping, blocks keep their whitespace.
        autoescape: false,
        noCache: this.reread,
        onConfigure: (env: Environment) => {
          this.templates = {
            base: new nunjucks.Template(BASE_TEMPLATE, env, "bokeh/base.html"),
            macros: new nunjucks.Template(MACROS_TEMPLATE, env, "bokeh/macros.html"),
          };
        },
      },
    });
    this.render = (page, data) => scope.view(page, data);
  };

  /** The page template of the app's `bokehApp` options. */
  readonly template: AppPageTemplate = (vars) => {
    if (this.render === undefined || this.templates === undefined)
      throw new Error(`the template plugin for ${this.templatesDir} was not registered`);
    return this.render("index.html", jinjaContext(vars, this.templates));
  };
}

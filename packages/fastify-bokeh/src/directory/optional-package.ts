import { ServeArgsError } from "../cli/serve-args.js";

const codeOf = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "code" in error ? error.code : undefined;

/**
 * Imports one of the optional peer dependencies directory apps use (`nunjucks`, `@fastify/view`, `yaml`), which
 * keep fastify-bokeh's own install small; when it is missing, says what needs it and how to install it.
 */
export async function optionalPackage<T>(name: string, neededFor: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (codeOf(error) !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new ServeArgsError(`${neededFor} needs the ${name} package; install it in your project (npm i ${name})`);
  }
}

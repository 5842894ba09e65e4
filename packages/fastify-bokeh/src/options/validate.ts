import type { TSchema } from "typebox";
import { Compile } from "typebox/compile";
import { FST_BOKEH_INVALID_OPTION } from "../errors.js";

interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

interface Checker {
  Check(value: unknown): boolean;
  Errors(value: unknown): readonly SchemaError[];
}

const depth = (error: SchemaError): number => (error.instancePath === "" ? 0 : error.instancePath.split("/").length);

/**
 * One message for the errors at the deepest path: unions report every branch, so their alternatives are joined
 * ("must be boolean or object", "must be one of 'info', 'warn'") rather than reporting the first branch alone.
 */
function describe(errors: readonly SchemaError[], plugin: string): { path: string; message: string } {
  const deepest = Math.max(...errors.map(depth));
  const here = errors.filter((e) => depth(e) === deepest && e.keyword !== "anyOf");
  const first = here[0] ?? errors[0];
  if (first === undefined) return { path: "", message: "is invalid" };
  const path = first.instancePath.replace(/^\//, "").replace(/\//g, ".");
  if (here.some((e) => e.schemaPath.endsWith("/additionalProperties")))
    return { path, message: `is not an option of ${plugin}` };
  if (first.keyword === "required") {
    const [missing] = first.params.requiredProperties as string[];
    return { path: path === "" ? `${missing}` : `${path}.${missing}`, message: "is required" };
  }
  if (here.length > 1 && here.every((e) => e.keyword === "type"))
    return { path, message: `must be ${here.map((e) => String(e.params.type)).join(" or ")}` };
  if (here.length > 1 && here.every((e) => e.keyword === "const")) {
    return { path, message: `must be one of ${here.map((e) => JSON.stringify(e.params.allowedValue)).join(", ")}` };
  }
  return { path, message: first.message };
}

/** Compiles an options schema once; the returned function throws FST_BOKEH_INVALID_OPTION naming the bad option. */
export function optionsValidator(schema: TSchema, plugin: string): (options: unknown) => void {
  const checker = Compile(schema) as unknown as Checker;
  return (options) => {
    if (typeof options !== "object" || options === null)
      throw new FST_BOKEH_INVALID_OPTION("(options)", "must be an object");
    if (checker.Check(options)) return;
    const { path, message } = describe(checker.Errors(options), plugin);
    throw new FST_BOKEH_INVALID_OPTION(path === "" ? "(options)" : path, message);
  };
}

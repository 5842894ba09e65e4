import { Compile } from "typebox/compile";
import type { TSchema } from "typebox";
import { FST_BOKEH_INVALID_OPTION } from "../errors.js";

interface Checker {
  Check(value: unknown): boolean;
  Errors(value: unknown): ReadonlyArray<{ instancePath: string; message: string }>;
}

/** Compiles an options schema once; the returned function throws FST_BOKEH_INVALID_OPTION naming the bad option. */
export function optionsValidator(schema: TSchema): (options: unknown) => void {
  const checker = Compile(schema) as unknown as Checker;
  return (options) => {
    if (checker.Check(options)) return;
    const [first] = checker.Errors(options);
    const path = (first?.instancePath ?? "").replace(/^\//, "").replace(/\//g, ".");
    throw new FST_BOKEH_INVALID_OPTION(path === "" ? "(options)" : path, first?.message ?? "invalid value");
  };
}

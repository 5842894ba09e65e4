import type { Expr } from "../core/kinds.js";
import { stack } from "../transform/expressions.js";

/** Arguments of a stacking method: any argument of the glyph method, or a list with one value per stacker. */
export type StackArgs<Args> = { [K in keyof Args]?: Args[K] | readonly Args[K][] };

/** The arguments for one glyph per stacker: its `name`, its stack expressions, and the broadcast arguments. */
function perStacker(
  stackers: readonly string[],
  reserved: readonly string[],
  args: Readonly<Record<string, unknown>>,
  specs: (i: number) => Record<string, Expr>,
): Record<string, unknown>[] {
  if (!Array.isArray(stackers)) throw new Error("Stackers must be a sequence");
  for (const name of reserved) {
    if (name in args) throw new Error(`Stack property '${name}' cannot appear in keyword args`);
  }
  const lengths = new Set(Object.values(args).flatMap((v) => (Array.isArray(v) ? [v.length] : [])));
  if (lengths.size > 1) {
    const sorted = [...lengths].sort((a, b) => a - b);
    throw new Error(
      `Keyword argument sequences for broadcasting must all be the same lengths. Got lengths: [${sorted}]`,
    );
  }
  if (lengths.size === 1 && !lengths.has(stackers.length)) {
    throw new Error("Keyword argument sequences for broadcasting must be the same length as stackers");
  }
  return stackers.map((name, i) => {
    const out: Record<string, unknown> = { name, ...specs(i) };
    for (const [key, value] of Object.entries(args)) out[key] = Array.isArray(value) ? value[i] : value;
    return out;
  });
}

/** One glyph per stacker whose `spec` is the sum of the stackers so far (Python's `single_stack`). */
export const singleStack = (
  stackers: readonly string[],
  spec: string,
  args: Readonly<Record<string, unknown>>,
): Record<string, unknown>[] =>
  perStacker(stackers, [spec], args, (i) => ({ [spec]: stack(...stackers.slice(0, i + 1)) }));

/**
 * One glyph per stacker spanning from the sum of the previous stackers (`spec0`) to the sum including it (`spec1`),
 * as Python's `double_stack`.
 */
export const doubleStack = (
  stackers: readonly string[],
  spec0: string,
  spec1: string,
  args: Readonly<Record<string, unknown>>,
): Record<string, unknown>[] =>
  perStacker(stackers, [spec0, spec1], args, (i) => ({
    [spec0]: stack(...stackers.slice(0, i)),
    [spec1]: stack(...stackers.slice(0, i + 1)),
  }));

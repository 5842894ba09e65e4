/** Splitting a serve command line into app files and the values given per flag. */
import { ServeArgsError } from "./serve-args-error.js";
import { FLAGS, INT_RANGES } from "./serve-flags.js";
import { closest } from "./suggest.js";

function integer(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value)) throw new ServeArgsError(`${flag}: '${value}' is not an integer`);
  const number = Number(value);
  const [min, max] = INT_RANGES[flag] ?? [Number.NEGATIVE_INFINITY];
  if (number < min) throw new ServeArgsError(`${flag}: ${number} is below the smallest value, ${min}`);
  if (max !== undefined && number > max)
    throw new ServeArgsError(`${flag}: ${number} is above the largest value, ${max}`);
  return number;
}

function unknownFlag(flag: string): ServeArgsError {
  const suggestion = closest(flag, Object.keys(FLAGS));
  return new ServeArgsError(
    `unknown option ${flag}${suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`}`,
  );
}

/** The command line split into app files and the values given per flag, in order. */
export interface ParsedArgs {
  readonly files: string[];
  readonly values: Map<string, string[]>;
}

/**
 * Splits `argv` into app files and flag values. `--flag=value` and `--flag value` both work; list flags take every
 * following value up to the next flag; `--args` takes everything after it.
 */
export function splitArgs(argv: readonly string[]): ParsedArgs {
  const files: string[] = [];
  const values = new Map<string, string[]>();
  const rest = [...argv];
  let onlyFiles = false;
  for (let arg = rest.shift(); arg !== undefined; arg = rest.shift()) {
    if (onlyFiles || !arg.startsWith("-") || arg === "-") {
      files.push(arg);
    } else if (arg === "--") {
      onlyFiles = true;
    } else {
      flagValues(arg, rest, values);
    }
  }
  return { files, values };
}

/** Records the value(s) of the flag `arg`, taking them from `rest` when not given as `--flag=value`. */
function flagValues(arg: string, rest: string[], values: Map<string, string[]>): void {
  const eq = arg.indexOf("=");
  const flag = eq === -1 ? arg : arg.slice(0, eq);
  const kind = FLAGS[flag];
  if (kind === undefined) throw unknownFlag(flag);
  const given = values.get(flag) ?? [];
  values.set(flag, given);
  if (kind === "flag" || kind === "rest") {
    if (eq !== -1) throw new ServeArgsError(`${flag} takes no value after =`);
    if (kind === "rest") given.push(...rest.splice(0));
    return;
  }
  if ((kind === "list" || kind === "optional-list") && eq === -1) {
    const start = given.length;
    for (let next = rest[0]; next !== undefined && !next.startsWith("-"); next = rest[0]) {
      given.push(next);
      rest.shift();
    }
    if (given.length === start && kind === "list") throw new ServeArgsError(`${flag} needs at least one value`);
    return;
  }
  const value = eq === -1 ? rest.shift() : arg.slice(eq + 1);
  if (value === undefined || (eq === -1 && value.startsWith("--"))) throw new ServeArgsError(`${flag} needs a value`);
  if ((kind === "int" || kind === "string") && given.length > 0) throw new ServeArgsError(`${flag} was given twice`);
  given.push(value);
}

/** Reads flag values: the first of a flag, or the first as an integer. */
export class FlagValues {
  constructor(readonly values: ReadonlyMap<string, readonly string[]>) {}

  has(flag: string): boolean {
    return this.values.has(flag);
  }

  one(flag: string): string | undefined {
    return this.values.get(flag)?.[0];
  }

  int(flag: string): number | undefined {
    const value = this.one(flag);
    return value === undefined ? undefined : integer(flag, value);
  }
}

/**
 * Property kinds: runtime validators that mirror BokehJS's `core/kinds`, so a value the server accepts is one
 * BokehJS accepts too. `coerce` turns Bokeh's shorthands (e.g. a column name for a data spec) into the stored form.
 */
export interface Kind<T> {
  /** Type-level carrier only; never set at runtime. */
  readonly __type__?: T;
  valid(value: unknown): boolean;
  coerce?(value: unknown): unknown;
  toString(): string;
}

export type KindType<K> = K extends Kind<infer T> ? T : never;

const kind = <T>(name: string, valid: (value: unknown) => boolean, coerce?: (value: unknown) => unknown): Kind<T> => ({
  valid,
  ...(coerce !== undefined ? { coerce } : {}),
  toString: () => name,
});

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

export const Any: Kind<unknown> = kind("Any", () => true);
export const Unknown: Kind<unknown> = kind("Unknown", () => true);
export const Bool: Kind<boolean> = kind("Bool", (v) => typeof v === "boolean");
export const Float: Kind<number> = kind("Float", (v) => typeof v === "number");
export const Int: Kind<number> = kind("Int", (v) => typeof v === "number" && Number.isInteger(v));
export const Str: Kind<string> = kind("Str", (v) => typeof v === "string");
export const Null: Kind<null> = kind("Null", (v) => v === null);

export const Nullable = <T>(base: Kind<T>): Kind<T | null> =>
  kind(`Nullable(${base})`, (v) => v === null || base.valid(v), base.coerce && ((v) => (v === null ? v : base.coerce!(v))));

export const Opt = <T>(base: Kind<T>): Kind<T | undefined> =>
  kind(`Opt(${base})`, (v) => v === undefined || base.valid(v));

export const Or = <T extends unknown[]>(...types: { [I in keyof T]: Kind<T[I]> }): Kind<T[number]> =>
  kind(`Or(${types.join(", ")})`, (v) => types.some((t) => t.valid(v)), (v) => {
    for (const t of types) {
      if (t.valid(v)) return v;
    }
    for (const t of types) {
      if (t.coerce !== undefined) {
        const c = t.coerce(v);
        if (t.valid(c)) return c;
      }
    }
    return v;
  });

export const List = <T>(item: Kind<T>): Kind<T[]> =>
  kind(`List(${item})`, (v) => Array.isArray(v) && v.every((i) => item.valid(i)));

export const Dict = <T>(item: Kind<T>): Kind<Record<string, T> | Map<string, T>> =>
  kind(`Dict(${item})`, (v) =>
    (isPlainObject(v) && Object.values(v).every((i) => item.valid(i))) ||
    (v instanceof Map && [...v].every(([key, i]) => typeof key === "string" && item.valid(i))));

export const Set_ = <T>(item: Kind<T>): Kind<Set<T>> =>
  kind(`Set(${item})`, (v) => v instanceof Set && [...v].every((i) => item.valid(i)), (v) => (Array.isArray(v) ? new Set(v) : v));
export { Set_ as Set };

export const Enum = <T extends string | number>(...values: T[]): Kind<T> =>
  kind(`Enum(${values.map((v) => JSON.stringify(v)).join(", ")})`, (v) => values.includes(v as T));

export const Tuple = <T extends unknown[]>(...types: { [I in keyof T]: Kind<T[I]> }): Kind<T> =>
  kind(`Tuple(${types.join(", ")})`, (v) => Array.isArray(v) && v.length === types.length && types.every((t, i) => t.valid(v[i])));

/** Anything that knows its Bokeh model name chain; implemented by HasProps, checked structurally to avoid an import cycle. */
interface Named {
  isA(name: string): boolean;
}
const isNamed = (v: unknown): v is Named => typeof v === "object" && v !== null && typeof (v as Partial<Named>).isA === "function";

export const Ref = <T>(name: string): Kind<T> => kind(`Ref(${name})`, (v) => isNamed(v) && v.isA(name));
export const AnyRef = <T>(): Kind<T> => kind("AnyRef", (v) => isNamed(v));

import type { DType } from "./ndarray.js";

/**
 * The dtype of a 1-D NumPy array as far as appending columns needs it: the dtypes that travel in binary, plus
 * `object` and `str` (NumPy's `<U`, strings of any length).
 */
export type NumpyDType = DType | "object" | "str";

type Numeric = Exclude<NumpyDType, "object" | "str" | "bool">;

const INTS: Readonly<Record<string, { readonly signed: boolean; readonly bits: number }>> = {
  int8: { signed: true, bits: 8 },
  int16: { signed: true, bits: 16 },
  int32: { signed: true, bits: 32 },
  int64: { signed: true, bits: 64 },
  uint8: { signed: false, bits: 8 },
  uint16: { signed: false, bits: 16 },
  uint32: { signed: false, bits: 32 },
  uint64: { signed: false, bits: 64 },
};

const signedOf = (bits: number): Numeric => (bits <= 64 ? (`int${bits}` as Numeric) : "float64");

/** Two integer dtypes: the smallest that holds both (an unsigned one needs a signed one twice as wide). */
function promoteInts(a: Numeric, b: Numeric): Numeric {
  const x = INTS[a];
  const y = INTS[b];
  if (x === undefined || y === undefined) return "float64"; // not reached: both are integer dtypes
  if (x.signed === y.signed) return x.bits >= y.bits ? a : b;
  const [signed, unsigned] = x.signed ? [x, y] : [y, x];
  return unsigned.bits < signed.bits ? signedOf(signed.bits) : signedOf(unsigned.bits * 2);
}

/** A float and an integer dtype: float32 holds the integers of up to 16 bits exactly, wider ones need float64. */
const promoteFloatInt = (float: Numeric, int: Numeric): Numeric =>
  float === "float32" && (INTS[int]?.bits ?? 64) <= 16 ? "float32" : "float64";

const isFloat = (dtype: NumpyDType): boolean => dtype === "float32" || dtype === "float64";

/** The dtype of `np.append(a, b)` for arrays of dtypes `a` and `b` (NumPy's type promotion, numpy 2). */
export function promoteDTypes(a: NumpyDType, b: NumpyDType): NumpyDType {
  if (a === b) return a;
  if (a === "object" || b === "object") return "object";
  if (a === "str" || b === "str") return "str";
  if (a === "bool") return b;
  if (b === "bool") return a;
  if (isFloat(a) && isFloat(b)) return "float64";
  if (isFloat(a)) return promoteFloatInt(a, b);
  if (isFloat(b)) return promoteFloatInt(b, a);
  return promoteInts(a, b);
}

const INT64_MIN = -(2 ** 63);
const UINT64_LIMIT = 2 ** 64;

/** What NumPy makes of Python ints alone: int64, else uint64, else float64 (both signs), else object. */
function intsDType(min: number, max: number): NumpyDType {
  if (min >= INT64_MIN && max < 2 ** 63) return "int64";
  if (max >= UINT64_LIMIT || min < INT64_MIN) return "object";
  return min >= 0 ? "uint64" : "float64";
}

/** What one item of a list is to NumPy; `float` says whether a number is a float (e.g. written `1.0`). */
function itemKind(item: unknown, float: boolean): "bool" | "int" | "float" | "str" | "object" {
  switch (typeof item) {
    case "boolean":
      return "bool";
    case "number":
      return float || !Number.isInteger(item) ? "float" : "int";
    case "string":
      return "str";
    case "object":
      if (Array.isArray(item) || ArrayBuffer.isView(item))
        throw new TypeError("cannot append a list of sequences to an array column");
      return "object";
    default:
      return "object";
  }
}

/**
 * The dtype NumPy gives a Python list (`np.asarray(items)`): object if any item is None or a mapping, else
 * strings if any is a string, else float64 if any is a float, else the integers' dtype, else bool.
 * `isFloat(i)` says whether item `i` was written as a float (a whole number such as `1.0`).
 */
export function listDType(items: readonly unknown[], isFloatItem: (index: number) => boolean): NumpyDType {
  const kinds = new Set<string>();
  let min = 0;
  let max = 0;
  for (const [i, item] of items.entries()) {
    const kind = itemKind(item, isFloatItem(i));
    kinds.add(kind);
    if (kind === "int") {
      min = Math.min(min, item as number);
      max = Math.max(max, item as number);
    }
  }
  if (kinds.has("object")) return "object";
  if (kinds.has("str")) return "str";
  if (kinds.has("float") || kinds.size === 0) return "float64";
  if (kinds.has("int")) return intsDType(min, max);
  return "bool";
}

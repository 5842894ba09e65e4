import { copyWholeFloatKeys } from "@fastify-bokeh/protocol";

export type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/** 64-bit integer arrays: received from clients and sent back as they came, never computed with. */
export type WideIntArray = BigInt64Array | BigUint64Array;

/** Everything a binary (`{type: "ndarray"}` with a buffer) array can be held as. */
export type BinaryArray = TypedArray | WideIntArray;

export type DType =
  | "float64"
  | "float32"
  | "int32"
  | "uint32"
  | "int16"
  | "uint16"
  | "int8"
  | "uint8"
  | "bool"
  | "int64"
  | "uint64";

/** A NumPy `bool` array: bytes that are 0 or 1, kept apart from `uint8` so the dtype survives a round trip. */
export class BoolArray extends Uint8Array {}

/**
 * A NumPy `object` array (strings, mixed values, integers beyond 32 bits as Python sends them): a list that
 * remembers it travels as `{type: "ndarray", dtype: "object"}` rather than as a plain list.
 */
export class ObjectArray extends Array<unknown> {
  /** The array's shape; a flat list of `length` items unless set. */
  shape?: readonly number[];

  /** An array of this class holding `items` (and their whole-float marks). */
  static fromItems<T extends ObjectArray>(this: new () => T, items: readonly unknown[], shape?: readonly number[]): T {
    const out = new this();
    for (const item of items) out.push(item);
    copyWholeFloatKeys(items, out);
    if (shape !== undefined && shape.length !== 1) out.shape = shape;
    return out;
  }
}

/**
 * A NumPy string (`<U`) array: what appending numbers to strings makes (np.append). Written as an object array
 * of strings, as bokeh does, but appending more numbers to it makes strings of them again (an object array keeps
 * the numbers).
 */
export class StrArray extends ObjectArray {}

/**
 * A NumPy int64 array that appending made (np.append of, e.g., a list of ints and an int32 array). Its items are
 * numbers; bokeh writes it as int32 when every item fits, else as an object list.
 */
export class Int64Items extends ObjectArray {}

/** A NumPy uint64 array that appending made: written as uint32 when every item fits, else as an object list. */
export class UInt64Items extends ObjectArray {}

/** A typed array with a shape: what an N-dimensional column (e.g. an image) holds. 1-D columns are plain typed arrays. */
export class NDArray<T extends BinaryArray = TypedArray> {
  constructor(
    readonly array: T,
    readonly shape: readonly number[],
    readonly dtype: DType = dtypeOf(array),
  ) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== array.length)
      throw new RangeError(`shape [${shape.join(", ")}] does not match ${array.length} elements`);
  }
}

type BinaryArrayConstructor = new (buffer: ArrayBufferLike, offset: number, length: number) => BinaryArray;

const constructors: Record<DType, BinaryArrayConstructor & { readonly BYTES_PER_ELEMENT: number }> = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: BoolArray,
  int64: BigInt64Array,
  uint64: BigUint64Array,
};

/** A zero-filled typed array of `dtype` (not a 64-bit one) and `length` items. */
export const newTypedArray = (dtype: Exclude<DType, "int64" | "uint64">, length: number): TypedArray =>
  new constructors[dtype](new ArrayBuffer(length * constructors[dtype].BYTES_PER_ELEMENT), 0, length) as TypedArray;

export const isTypedArray = (value: unknown): value is TypedArray =>
  ArrayBuffer.isView(value) &&
  !(value instanceof DataView) &&
  !(value instanceof BigInt64Array) &&
  !(value instanceof BigUint64Array);

export const isWideIntArray = (value: unknown): value is WideIntArray =>
  value instanceof BigInt64Array || value instanceof BigUint64Array;

export function dtypeOf(array: BinaryArray): DType {
  if (array instanceof Float64Array) return "float64";
  if (array instanceof Float32Array) return "float32";
  if (array instanceof Int32Array) return "int32";
  if (array instanceof Uint32Array) return "uint32";
  if (array instanceof Int16Array) return "int16";
  if (array instanceof Uint16Array) return "uint16";
  if (array instanceof Int8Array) return "int8";
  if (array instanceof BigInt64Array) return "int64";
  if (array instanceof BigUint64Array) return "uint64";
  if (array instanceof BoolArray) return "bool";
  return "uint8";
}

export const isDType = (value: unknown): value is DType =>
  typeof value === "string" && Object.hasOwn(constructors, value);

/**
 * A typed array of `dtype` over `bytes`: a view when the bytes are suitably aligned (no copy), else a copy.
 * `order` is the byte order the sender wrote; big-endian data is swapped into a copy.
 */
export function typedArrayFrom(bytes: Uint8Array, dtype: DType, order: "little" | "big" = "little"): BinaryArray {
  const ctor = constructors[dtype];
  const width = ctor.BYTES_PER_ELEMENT;
  if (bytes.byteLength % width !== 0)
    throw new RangeError(`${bytes.byteLength} bytes is not a whole number of ${dtype} items`);
  let source = bytes;
  if (order === "big" && width > 1) {
    source = new Uint8Array(bytes);
    for (let i = 0; i < source.length; i += width) source.subarray(i, i + width).reverse();
  } else if (bytes.byteOffset % width !== 0) {
    source = new Uint8Array(bytes);
  }
  return new ctor(source.buffer, source.byteOffset, source.byteLength / width);
}

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

export type DType = "float64" | "float32" | "int32" | "uint32" | "int16" | "uint16" | "int8" | "uint8" | "bool";

/** A typed array with a shape: what an N-dimensional column (e.g. an image) holds. 1-D columns are plain typed arrays. */
export class NDArray<T extends TypedArray = TypedArray> {
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

const constructors: Record<DType, new (buffer: ArrayBufferLike, offset: number, length: number) => TypedArray> = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
  bool: Uint8Array,
};

export const isTypedArray = (value: unknown): value is TypedArray =>
  ArrayBuffer.isView(value) &&
  !(value instanceof DataView) &&
  !(value instanceof BigInt64Array) &&
  !(value instanceof BigUint64Array);

export function dtypeOf(array: TypedArray): DType {
  if (array instanceof Float64Array) return "float64";
  if (array instanceof Float32Array) return "float32";
  if (array instanceof Int32Array) return "int32";
  if (array instanceof Uint32Array) return "uint32";
  if (array instanceof Int16Array) return "int16";
  if (array instanceof Uint16Array) return "uint16";
  if (array instanceof Int8Array) return "int8";
  return "uint8";
}

export const isDType = (value: unknown): value is DType => typeof value === "string" && value in constructors;

/**
 * A typed array of `dtype` over `bytes`: a view when the bytes are suitably aligned (no copy), else a copy.
 * `order` is the byte order the sender wrote; big-endian data is swapped into a copy.
 */
export function typedArrayFrom(bytes: Uint8Array, dtype: DType, order: "little" | "big" = "little"): TypedArray {
  const ctor = constructors[dtype];
  const width = (ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
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

import { check } from "./bench-error.js";

/** A model definition found in document JSON. */
export interface ModelDef {
  id: string;
  /** The Bokeh model class, e.g. "Slider". */
  type: string;
  attributes: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every model definition (`{"type":"object","name":…,"id":…}`) anywhere in a JSON value, by model `name` attribute. */
export function modelsByName(value: unknown): Map<string, ModelDef> {
  const found = new Map<string, ModelDef>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (const element of item) if (typeof element === "object" && element !== null) stack.push(element);
      continue;
    }
    if (!isObject(item)) continue;
    if (item.type === "object" && typeof item.id === "string" && typeof item.name === "string") {
      const attributes = isObject(item.attributes) ? item.attributes : {};
      const name = attributes.name;
      if (typeof name === "string") found.set(name, { id: item.id, type: item.name, attributes });
    }
    for (const child of Object.values(item)) if (typeof child === "object" && child !== null) stack.push(child);
  }
  return found;
}

/** The model definition named `name`, checked to be of class `type`. */
export function requireModel(models: ReadonlyMap<string, ModelDef>, name: string, type: string): ModelDef {
  const model = models.get(name);
  check(model !== undefined, `no model named "${name}" in the document`);
  check(model.type === type, `model "${name}" is a ${model.type}, expected ${type}`);
  return model;
}

/** The entries of a `map` rep (`{"type":"map","entries":[[k, v], …]}`) as an object keyed by string. */
export function mapEntries(value: unknown): Map<string, unknown> {
  check(isObject(value) && value.type === "map", "expected a map rep");
  const entries = value.entries ?? [];
  check(Array.isArray(entries), "map rep entries must be an array");
  const result = new Map<string, unknown>();
  for (const entry of entries) {
    check(Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string", "bad map rep entry");
    result.set(entry[0] as string, entry[1]);
  }
  return result;
}

function float64Of(bytes: ArrayBufferView, length: number): Float64Array {
  check(bytes.byteLength === length * 8, `buffer has ${bytes.byteLength} bytes for ${length} float64 values`);
  // Frames may start at any offset of a pooled buffer; a Float64Array view needs 8-byte alignment.
  if (bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, length);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return new Float64Array(copy.buffer);
}

/**
 * A numeric column: a plain JSON list of numbers, or an ndarray/typed_array rep of little-endian float64 bytes
 * held in one of the message's buffers.
 */
export function numericColumn(value: unknown, buffers: ReadonlyMap<string, ArrayBufferView>): Float64Array | number[] {
  if (Array.isArray(value)) {
    check(
      value.every((v) => typeof v === "number"),
      "a list column holds a non-number",
    );
    return value as number[];
  }
  check(
    isObject(value) && (value.type === "ndarray" || value.type === "typed_array"),
    "column is neither a list nor an array rep",
  );
  check(
    value.dtype === "float64" && value.order === "little",
    `column dtype ${String(value.dtype)}/${String(value.order)}, expected float64/little`,
  );
  const array = value.array;
  check(isObject(array) && array.type === "bytes", "array rep without a bytes rep");
  const data = array.data;
  check(isObject(data) && typeof data.id === "string", "bytes rep must refer to a buffer");
  const bytes = buffers.get(data.id);
  check(bytes !== undefined, `buffer ${data.id} missing from the message`);
  let length = bytes.byteLength / 8;
  if (value.type === "ndarray") {
    const shape = value.shape;
    check(Array.isArray(shape) && shape.length === 1 && typeof shape[0] === "number", "ndarray column must be 1-D");
    length = shape[0] as number;
  }
  return float64Of(bytes, length);
}

/** Largest |a[i] − b[i]|, or Infinity when the lengths differ. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    // A missing item (a sparse array) counts as NaN, which makes the difference Infinity.
    const d = Math.abs((a[i] ?? NaN) - (b[i] ?? NaN));
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}

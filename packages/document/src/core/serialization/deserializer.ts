import { gunzipSync } from "node:zlib";
import { copyWholeFloatKeys, isWholeFloat, markWholeFloat, wholeFloatKeys } from "@fastify-bokeh/protocol";
import type { BokehEvent } from "../bokeh-events.js";
import { markExplicitSpec } from "../explicit-spec.js";
import { HasProps } from "../has-props.js";
import { Slice } from "../slice.js";
import { runToEnd, type Steps } from "../steps/steps.js";
import { type BinaryArray, isDType, NDArray, ObjectArray, typedArrayFrom } from "../util/ndarray.js";
import { DeserializationError, UnknownReferenceError } from "./errors.js";
import { isPlainRecord } from "./reps.js";

/** A long list may be interrupted after this many items, even when they are plain values. */
const ITEMS_PER_STEP = 1024;

export type ModelResolver = (id: string) => HasProps | undefined;

/**
 * Turns Bokeh 3 wire values back into values. Models defined in the message are created first and get their
 * attributes only at `finalize()`, so definitions may refer to each other in any order (and in cycles).
 * Containers it rebuilds keep the marks of members the client wrote as whole-number floats (see parseJson).
 */
export class Deserializer {
  private readonly created = new Map<string, HasProps>();
  private readonly pending: [HasProps, Record<string, unknown>][] = [];

  constructor(
    private readonly resolve: ModelResolver,
    private readonly buffers: ReadonlyMap<string, ArrayBufferView> = new Map(),
  ) {}

  /** Models this deserializer created from full definitions. */
  get newModels(): ReadonlyMap<string, HasProps> {
    return this.created;
  }

  decode(value: unknown): unknown {
    return runToEnd(this.decodeSteps(value));
  }

  /**
   * {@link decode} as steps: it may stop after each model it creates and every {@link ITEMS_PER_STEP} items of a
   * list, so that a huge value can be decoded in time slices.
   */
  *decodeSteps(value: unknown): Steps<unknown> {
    if (typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return yield* this.items(value);
    const obj = value as Record<string, unknown>;
    const type = obj.type;
    if (type === undefined) {
      if (typeof obj.id === "string" && Object.keys(obj).length === 1) return this.reference(obj.id);
      return yield* this.record(obj);
    }
    switch (type) {
      case "number":
        return this.number(obj.value);
      case "array":
        return yield* this.items(this.list(obj.entries));
      case "set":
        return this.set(yield* this.items(this.list(obj.entries)));
      case "map":
        return yield* this.map(obj.entries);
      case "bytes":
        return this.bytesValue(obj.data);
      case "typed_array":
        return this.typedArray(obj.array, obj.dtype, obj.order);
      case "ndarray":
        return yield* this.ndarray(obj);
      case "slice":
        return new Slice(this.intOrNull(obj.start), this.intOrNull(obj.stop), this.intOrNull(obj.step));
      case "value":
      case "field":
      case "expr":
        return markExplicitSpec(yield* this.record(obj, "type"));
      case "date":
        if (typeof obj.iso !== "string") throw new DeserializationError("date rep without an 'iso' string");
        return new Date(obj.iso);
      case "object":
        return yield* this.object(obj);
      case "event":
        return yield* this.event(obj);
      default:
        throw new DeserializationError(`unsupported representation type ${JSON.stringify(type)}`);
    }
  }

  /** Assigns the attributes of the models defined in the decoded values. */
  finalize(): void {
    runToEnd(this.finalizeSteps());
  }

  /** {@link finalize} as steps, one model each. */
  *finalizeSteps(): Steps<void> {
    for (const [model, attributes] of this.pending.splice(0)) {
      const floats = wholeFloatKeys(attributes);
      for (const [name, value] of Object.entries(attributes)) {
        if (model.hasProperty(name)) model.setv(name, value, null, floats?.has(name) === true);
      }
      yield;
    }
  }

  /** Each item decoded; plain values are taken as they are, without a step of their own. */
  private *items(list: readonly unknown[]): Steps<unknown[]> {
    const out: unknown[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      out[i] = typeof item === "object" && item !== null ? yield* this.decodeSteps(item) : item;
      if (i % ITEMS_PER_STEP === ITEMS_PER_STEP - 1) yield;
    }
    copyWholeFloatKeys(list, out);
    return out;
  }

  /** Each entry decoded, less the key `skip`; plain values as they are. */
  private *record(obj: Record<string, unknown>, skip?: string): Steps<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      const item = obj[key];
      if (key !== skip) out[key] = typeof item === "object" && item !== null ? yield* this.decodeSteps(item) : item;
    }
    copyWholeFloatKeys(obj, out);
    return out;
  }

  private reference(id: string): HasProps {
    const model = this.created.get(id) ?? this.resolve(id);
    if (model === undefined) throw new UnknownReferenceError(id);
    return model;
  }

  private number(value: unknown): number {
    if (typeof value === "number") return value;
    if (value === "nan") return NaN;
    if (value === "+inf") return Infinity;
    if (value === "-inf") return -Infinity;
    throw new DeserializationError(`invalid number rep value ${JSON.stringify(value)}`);
  }

  /** A set of `items`; a number a client wrote as a float (1.0) is marked as such, by its value. */
  private set(items: readonly unknown[]): Set<unknown> {
    const out = new Set(items);
    for (const key of wholeFloatKeys(items) ?? []) {
      const item = typeof key === "number" ? items[key] : undefined;
      if (typeof item === "number") markWholeFloat(out, item, true);
    }
    return out;
  }

  private list(entries: unknown): unknown[] {
    if (entries === undefined) return [];
    if (!Array.isArray(entries)) throw new DeserializationError("'entries' must be a list");
    return entries;
  }

  /** Maps with only string keys become plain objects (as in BokehJS), others stay Maps. */
  private *map(entries: unknown): Steps<Record<string, unknown> | Map<unknown, unknown>> {
    const pairs: (readonly [unknown, unknown, boolean])[] = [];
    for (const entry of this.list(entries)) {
      if (!Array.isArray(entry) || entry.length !== 2)
        throw new DeserializationError("map entries must be [key, value] pairs");
      pairs.push([yield* this.decodeSteps(entry[0]), yield* this.decodeSteps(entry[1]), isWholeFloat(entry, 1)]);
    }
    if (pairs.every(([key]) => typeof key === "string")) {
      const out: Record<string, unknown> = {};
      for (const [key, item, whole] of pairs) {
        out[key as string] = item;
        if (whole) markWholeFloat(out, key as string, true);
      }
      return out;
    }
    const out = new Map(pairs.map(([key, item]) => [key, item]));
    for (const [key, , whole] of pairs)
      if (whole && (typeof key === "string" || typeof key === "number")) markWholeFloat(out, key, true);
    return out;
  }

  private bytes(data: unknown): Uint8Array {
    if (typeof data === "string") {
      const raw = Buffer.from(data, "base64");
      const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    if (isPlainRecord(data) && typeof data.id === "string") {
      const buffer = this.buffers.get(data.id);
      if (buffer === undefined) throw new DeserializationError(`can't resolve buffer '${data.id}'`);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    throw new DeserializationError("bytes rep needs a buffer reference or a base64 string");
  }

  /** A `bytes` value (Python `bytes`): an ArrayBuffer of its own, sent back as bytes rather than as an array. */
  private bytesValue(data: unknown): ArrayBuffer {
    const view = this.bytes(data);
    const out = new ArrayBuffer(view.byteLength);
    new Uint8Array(out).set(view);
    return out;
  }

  private bytesOf(array: unknown): Uint8Array {
    if (!isPlainRecord(array) || array.type !== "bytes") throw new DeserializationError("expected a bytes rep");
    return this.bytes(array.data);
  }

  private order(order: unknown): "little" | "big" {
    if (order === undefined || order === "little" || order === "big") return order ?? "little";
    throw new DeserializationError(`invalid byte order ${JSON.stringify(order)}`);
  }

  private typedArray(array: unknown, dtype: unknown, order: unknown): BinaryArray {
    if (!isDType(dtype)) throw new DeserializationError(`unsupported dtype ${JSON.stringify(dtype)}`);
    try {
      return typedArrayFrom(this.bytesOf(array), dtype, this.order(order));
    } catch (error) {
      if (error instanceof RangeError) throw new DeserializationError(error.message);
      throw error;
    }
  }

  private *ndarray(obj: Record<string, unknown>): Steps<unknown> {
    const shape = obj.shape;
    if (!Array.isArray(shape) || !shape.every((n) => Number.isInteger(n) && n >= 0))
      throw new DeserializationError("ndarray needs an integer 'shape'");
    if (obj.dtype === "object") {
      if (!Array.isArray(obj.array)) throw new DeserializationError("object ndarray needs a list 'array'");
      return ObjectArray.fromItems(yield* this.items(obj.array), shape as number[]);
    }
    const array = this.typedArray(obj.array, obj.dtype, obj.order);
    if (shape.length <= 1) {
      if (shape.length === 1 && shape[0] !== array.length)
        throw new DeserializationError(`ndarray shape [${shape[0]}] does not match ${array.length} items`);
      return array;
    }
    try {
      return new NDArray(array, shape as number[]);
    } catch (error) {
      throw new DeserializationError((error as Error).message);
    }
  }

  private *object(obj: Record<string, unknown>): Steps<HasProps> {
    const { name, id, attributes } = obj;
    if (typeof name !== "string") throw new DeserializationError("object rep without a 'name'");
    if (typeof id !== "string")
      throw new DeserializationError(`object rep of '${name}' without an 'id' is not supported`);
    const existing = this.created.get(id) ?? this.resolve(id);
    if (existing !== undefined) {
      if (existing.__qualified__ !== name)
        throw new DeserializationError(`model '${id}' is a ${existing.__qualified__}, not a ${name}`);
      return existing;
    }
    if (HasProps.lookup(name) === undefined) throw new DeserializationError(`unknown model type '${name}'`);
    const model = HasProps.createWithId(name, id);
    this.created.set(id, model);
    if (attributes !== undefined) {
      if (!isPlainRecord(attributes)) throw new DeserializationError(`attributes of '${id}' must be an object`);
      this.pending.push([model, yield* this.record(attributes)]);
    }
    yield;
    return model;
  }

  private *event(obj: Record<string, unknown>): Steps<BokehEvent> {
    if (typeof obj.name !== "string") throw new DeserializationError("event rep without a 'name'");
    const values = obj.values === undefined ? {} : yield* this.decodeSteps(obj.values);
    if (!isPlainRecord(values)) throw new DeserializationError("event values must be a map with string keys");
    const model = values.model;
    return { ...values, event_name: obj.name, model: model instanceof HasProps ? model : null };
  }

  private intOrNull(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    if (Number.isInteger(value)) return value as number;
    throw new DeserializationError(`slice bound must be an integer or null, got ${JSON.stringify(value)}`);
  }
}

import { gzipSync } from "node:zlib";
import { type MemberKey, wholeFloat, wholeFloatKeys } from "@fastify-bokeh/protocol";
import { ServerEvent } from "../bokeh-events.js";
import { isExplicitSpec } from "../explicit-spec.js";
import { HasProps, type PropertyDef } from "../has-props.js";
import { Slice } from "../slice.js";
import type { Steps } from "../steps/steps.js";
import {
  type BinaryArray,
  type DType,
  dtypeOf,
  Int64Items,
  isWideIntArray,
  NDArray,
  ObjectArray,
  UInt64Items,
} from "../util/ndarray.js";
import { SerializationError } from "./errors.js";
import { type BytesRep, isPlainRecord, type NDArrayRep, type ObjectRep, type Ref } from "./reps.js";

export interface SerializerOptions {
  /**
   * The models the receiver already has; they travel as bare references. The set is updated as full definitions
   * are written, so one set per connection keeps every message self-sufficient for its receiver. Models are kept
   * by identity: a different model that reuses an id (a pushed document) is not known.
   */
  readonly known?: Set<HasProps>;
  /** Write every model as a bare reference (the receiver is known to have every model the values refer to). */
  readonly referencesOnly?: boolean;
  /** Bytes as binary buffers (websocket) rather than inline base64 (standalone, or BokehJS re-pulls). */
  readonly binary?: boolean;
  /** Prefix of the buffer ids this serializer makes, so the buffers of two serializers can share one message. */
  readonly bufferPrefix?: string;
}

/** A long list or record written in steps may be interrupted after this many plain members. */
const MEMBERS_PER_STEP = 1024;

const SPEC_KEYS = new Set(["field", "value", "expr", "transform", "units"]);

/** Whether a property holds data specs, whose `{field}`/`{value}`/`{expr}` objects have reps of their own. */
const isSpecProperty = (def: PropertyDef | undefined): boolean => def?.kind.dataSpec === true;

const isSpecValue = (value: Record<string, unknown>): boolean => {
  let kinds = 0;
  for (const key of Object.keys(value)) {
    if (!SPEC_KEYS.has(key)) return false;
    if (key === "field" || key === "value" || key === "expr") kinds++;
  }
  return kinds === 1;
};

const isBinaryArray = (value: object): value is BinaryArray =>
  (ArrayBuffer.isView(value) && !(value instanceof DataView)) || isWideIntArray(value);

const fitsIn = (items: readonly unknown[], min: number, max: number): boolean =>
  items.every((item) => typeof item === "number" && item >= min && item <= max);

/**
 * A NumPy int64/uint64 array as bokeh writes it: as int32/uint32 when every item fits (bokeh narrows them so
 * that BokehJS can read them), else undefined (an object list).
 */
function narrowed(array: ObjectArray): Int32Array | Uint32Array | undefined {
  if (array instanceof Int64Items && fitsIn(array, -(2 ** 31), 2 ** 31 - 1)) return Int32Array.from(array as number[]);
  if (array instanceof UInt64Items && fitsIn(array, 0, 2 ** 32 - 1)) return Uint32Array.from(array as number[]);
  return undefined;
}

/** Whether `key` of a container with these whole-float marks holds a number to write as a float (`12.0`). */
const writtenAsFloat = (marks: ReadonlySet<MemberKey> | undefined, key: MemberKey, item: unknown): boolean =>
  marks?.has(key) === true && Number.isInteger(item);

/** A model's full definition (`attributes` left out when it has none, as Python Bokeh writes it). */
function definition(model: HasProps, attributes: Record<string, unknown>, any: boolean): ObjectRep {
  return any
    ? { type: "object", name: model.__qualified__, id: model.id, attributes }
    : { type: "object", name: model.__qualified__, id: model.id };
}

/** Turns values (models, typed arrays, maps, specs, …) into the Bokeh 3 wire format. */
export class Serializer {
  readonly known: Set<HasProps>;
  readonly referencesOnly: boolean;
  readonly binary: boolean;
  readonly bufferPrefix: string;
  readonly buffers = new Map<string, ArrayBufferView>();

  constructor(options: SerializerOptions = {}) {
    this.known = options.known ?? new Set();
    this.referencesOnly = options.referencesOnly ?? false;
    this.binary = options.binary ?? true;
    this.bufferPrefix = options.bufferPrefix ?? "";
  }

  encode(value: unknown): unknown {
    switch (typeof value) {
      case "string":
      case "boolean":
        return value;
      case "number":
        return this.encodeNumber(value);
      case "undefined":
        return null;
      case "object":
        return value === null ? null : this.encodeObject(value);
      default:
        throw new SerializationError(`cannot serialize a value of type ${typeof value}`);
    }
  }

  private encodeNumber(value: number): unknown {
    if (Number.isFinite(value)) return value;
    return { type: "number", value: Number.isNaN(value) ? "nan" : value > 0 ? "+inf" : "-inf" };
  }

  private encodeObject(value: object): unknown {
    if (value instanceof HasProps) return this.encodeModel(value);
    if (value instanceof ObjectArray) return this.encodeObjectArray(value);
    if (Array.isArray(value)) return this.encodeList(value);
    if (isBinaryArray(value)) return this.encodeNDArray(value, [value.length], dtypeOf(value));
    if (value instanceof NDArray) return this.encodeNDArray(value.array, [...value.shape], value.dtype);
    if (value instanceof Map) {
      const marks = wholeFloatKeys(value);
      return value.size === 0
        ? { type: "map" }
        : {
            type: "map",
            entries: [...value].map(([k, v]) => [this.encode(k), this.encodeMember(marks, k as MemberKey, v)]),
          };
    }
    if (value instanceof Set) {
      const marks = wholeFloatKeys(value);
      return value.size === 0
        ? { type: "set" }
        : { type: "set", entries: [...value].map((v) => this.encodeMember(marks, v as MemberKey, v)) };
    }
    if (value instanceof Date) return value.getTime();
    if (value instanceof Slice) return { type: "slice", start: value.start, stop: value.stop, step: value.step };
    if (value instanceof ServerEvent)
      return { type: "event", name: value.event_name, values: this.encodeObject(value.values) };
    if (value instanceof ArrayBuffer) return this.encodeBytes(new Uint8Array(value));
    if (isExplicitSpec(value) && isSpecValue(value)) return this.encodeSpec(value);
    if (isPlainRecord(value)) {
      const entries = Object.entries(value);
      const marks = wholeFloatKeys(value);
      return entries.length === 0
        ? { type: "map" }
        : { type: "map", entries: entries.map(([k, v]) => [k, this.encodeMember(marks, k, v)]) };
    }
    throw new SerializationError(`cannot serialize an object of type ${value.constructor?.name ?? "unknown"}`);
  }

  /** A model: a bare reference when the receiver knows it, else its full definition. */
  encodeModel(model: HasProps): ObjectRep | Ref {
    if (this.referencesOnly || this.known.has(model)) return { id: model.id };
    this.known.add(model); // before the attributes, so cycles end in references
    const attributes: Record<string, unknown> = {};
    let any = false;
    const floats = model.wholeFloatAttributes();
    for (const [name, value] of model.serializableAttributes()) {
      attributes[name] = this.encodeAttribute(model.propertyDef(name), value, floats?.has(name) === true);
      any = true;
    }
    return definition(model, attributes, any);
  }

  /**
   * {@link encode} as steps: one per model written in full, and one per {@link MEMBERS_PER_STEP} plain members of
   * a list or record, so that a value bringing 100,000 new models can be written in time slices. Same result as
   * `encode`; what is neither a model, a list nor a plain record (bytes, specs, maps, …) is written in one step.
   */
  *encodeSteps(value: unknown): Steps<unknown> {
    if (value instanceof HasProps) return yield* this.modelSteps(value);
    if (Array.isArray(value) && !(value instanceof ObjectArray)) return yield* this.listSteps(value);
    if (isPlainRecord(value) && !(isExplicitSpec(value) && isSpecValue(value))) return yield* this.recordSteps(value);
    return this.encode(value);
  }

  /** {@link encodeAttribute} as steps (see {@link encodeSteps}). */
  *attributeSteps(def: PropertyDef | undefined, value: unknown, asFloat = false): Steps<unknown> {
    if (asFloat || isSpecProperty(def)) return this.encodeAttribute(def, value, asFloat);
    return yield* this.encodeSteps(value);
  }

  /** {@link encodeModel} as steps (see {@link encodeSteps}). */
  *modelSteps(model: HasProps): Steps<ObjectRep | Ref> {
    if (this.referencesOnly || this.known.has(model)) return { id: model.id };
    this.known.add(model);
    const attributes: Record<string, unknown> = {};
    let any = false;
    const floats = model.wholeFloatAttributes();
    for (const [name, value] of model.serializableAttributes()) {
      attributes[name] = yield* this.attributeSteps(model.propertyDef(name), value, floats?.has(name) === true);
      any = true;
    }
    yield;
    return definition(model, attributes, any);
  }

  private *listSteps(list: readonly unknown[]): Steps<unknown[]> {
    const marks = wholeFloatKeys(list);
    const out = new Array<unknown>(list.length);
    for (let i = 0; i < list.length; i++) {
      if (!(i in list)) continue; // a hole stays one, as with map()
      out[i] = yield* this.memberSteps(marks, i, list[i]);
      if (i % MEMBERS_PER_STEP === MEMBERS_PER_STEP - 1) yield;
    }
    return out;
  }

  private *recordSteps(record: Record<string, unknown>): Steps<unknown> {
    const keys = Object.keys(record);
    if (keys.length === 0) return { type: "map" };
    const marks = wholeFloatKeys(record);
    const entries: [string, unknown][] = [];
    for (const [i, key] of keys.entries()) {
      entries.push([key, yield* this.memberSteps(marks, key, record[key])]);
      if (i % MEMBERS_PER_STEP === MEMBERS_PER_STEP - 1) yield;
    }
    return { type: "map", entries };
  }

  /** {@link encodeMember} as steps; a plain value takes no step of its own. */
  private *memberSteps(marks: ReadonlySet<MemberKey> | undefined, key: MemberKey, item: unknown): Steps<unknown> {
    if (typeof item !== "object" || item === null) return this.encodeMember(marks, key, item);
    return yield* this.encodeSteps(item);
  }

  /**
   * A property value; data specs become `field`/`value`/`expr` reps as Python Bokeh sends them. `asFloat`: the
   * value is a number a client wrote as a float (see HasProps.holdsWholeFloat).
   */
  encodeAttribute(def: PropertyDef | undefined, value: unknown, asFloat = false): unknown {
    if (asFloat && Number.isInteger(value)) return wholeFloat(value as number);
    if (isSpecProperty(def) && isPlainRecord(value) && isSpecValue(value)) return this.encodeSpec(value);
    return this.encode(value);
  }

  /** A list, item by item; items a client wrote as whole-number floats are written as floats again. */
  private encodeList(list: readonly unknown[]): unknown[] {
    const marks = wholeFloatKeys(list);
    return marks === undefined
      ? list.map((item) => this.encode(item))
      : list.map((item, i) => this.encodeMember(marks, i, item));
  }

  /** A member of a container: a whole-number float when the client wrote it as one. */
  private encodeMember(marks: ReadonlySet<MemberKey> | undefined, key: MemberKey, item: unknown): unknown {
    return writtenAsFloat(marks, key, item) ? wholeFloat(item as number) : this.encode(item);
  }

  private encodeSpec(spec: Record<string, unknown>): unknown {
    const type = "field" in spec ? "field" : "value" in spec ? "value" : "expr";
    const rep: Record<string, unknown> = { type };
    const marks = wholeFloatKeys(spec);
    for (const [key, item] of Object.entries(spec))
      if (item !== undefined) rep[key] = this.encodeMember(marks, key, item);
    return rep;
  }

  private encodeNDArray(array: BinaryArray, shape: number[], dtype: DType): NDArrayRep {
    return { type: "ndarray", array: this.encodeBytes(array), shape, dtype, order: "little" };
  }

  /** An object array: its items (floats as written); 64-bit integers in binary when they fit 32 bits, as bokeh does. */
  private encodeObjectArray(array: ObjectArray): NDArrayRep {
    const narrow = narrowed(array);
    if (narrow !== undefined) return this.encodeNDArray(narrow, [narrow.length], dtypeOf(narrow));
    const shape = array.shape === undefined ? [array.length] : [...array.shape];
    return { type: "ndarray", array: this.encodeList(array), shape, dtype: "object", order: "little" };
  }

  private encodeBytes(view: ArrayBufferView): BytesRep {
    if (this.binary) {
      const id = this.bufferPrefix + String(this.buffers.size);
      this.buffers.set(id, view);
      return { type: "bytes", data: { id } };
    }
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    return { type: "bytes", data: gzipSync(bytes, { level: 2 }).toString("base64") };
  }
}

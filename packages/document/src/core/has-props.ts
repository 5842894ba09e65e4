import {
  copyWholeFloatKeys,
  isWholeFloat,
  type MemberKey,
  markWholeFloat,
  wholeFloatKeys,
} from "@fastify-bokeh/protocol";
import type { DocumentChangedEvent } from "../document/events.js";
import {
  type BokehEvent,
  DOCUMENT_EVENTS,
  eventName,
  type ModelEventMap,
  type ModelEventName,
} from "./bokeh-events.js";
import { PropertyValueError, UnknownPropertyError } from "./errors.js";
import { nextModelId } from "./ids.js";
import type { Kind } from "./kinds.js";
import { PYTHON_SENT_DEFAULTS } from "./serialization/python-sent-defaults.js";
import { isEqual } from "./util/eq.js";

/** A default is a constant (primitives) or a factory, so containers and models are fresh per instance. */
export type PropertyDefault<T> = T | (() => T);
/** BokehJS property options: `internal` properties are client-side state (never serialized); `readonly` ones are set by clients. */
export interface PropertyOptions {
  readonly internal?: boolean;
  readonly readonly?: boolean;
  /**
   * The kind Python Bokeh gives the property where it accepts values BokehJS's kind refuses: a value a client
   * sends is stored (as bokeh serve stores it) when either kind accepts it.
   */
  readonly python?: Kind<unknown>;
}
export type PropertySpec<T> = readonly [kind: Kind<T>, defaultValue?: PropertyDefault<T>, options?: PropertyOptions];
export type PropertySpecs<P> = { readonly [K in keyof P]-?: PropertySpec<P[K]> };

export interface PropertyDef {
  readonly name: string;
  readonly kind: Kind<unknown>;
  readonly hasDefault: boolean;
  /** Returns the default value; a fresh one per call for factory defaults. */
  readonly defaultValue: () => unknown;
  readonly isFactory: boolean;
  /** BokehJS-internal (never sent by BokehJS, so never sent by us either). */
  readonly internal: boolean;
  readonly readonly: boolean;
  /** Python Bokeh's kind, where it is laxer than BokehJS's (see PropertyOptions.python). */
  readonly pythonKind: Kind<unknown> | null;
}

/** Who made a change: a client connection applying a patch, or nobody (server code). Opaque to the model. */
export type Setter = object | null;

/**
 * What a model reports to the document it belongs to. Declared here (not imported from the document) so the
 * property system stays independent of the Document.
 */
export interface ModelOwner {
  emit(event: DocumentChangedEvent): void;
  propertyChanged(model: HasProps, attr: string, old: unknown, value: unknown, setter: Setter): void;
  /** Runs a user callback: what it throws or rejects with is reported, and an async one is awaited by the session. */
  runGuarded(fn: () => unknown, where: string): void;
}

export type ChangeCallback<T = unknown> = (attr: string, old: T, value: T) => void | Promise<void>;
export type EventCallback<E extends BokehEvent = BokehEvent> = (event: E) => void | Promise<void>;

export type HasPropsClass = (abstract new (...args: never[]) => HasProps) & typeof HasProps;
type ConcreteClass = new (attrs?: object) => HasProps;

const registry = new Map<string, HasPropsClass>();
let pendingId: string | undefined;

/**
 * The property system every Bokeh model stands on: typed properties with defaults, validation on assignment,
 * change notification to the owning document, and Python-style `on_change` / `on_event` callbacks.
 */
export abstract class HasProps {
  /** The model's Bokeh name on the wire (`Slider`, `ColumnDataSource`). */
  static readonly __qualified__: string = "HasProps";
  static readonly __props__: ReadonlyMap<string, PropertyDef> = new Map();

  readonly id: string;
  document: ModelOwner | null = null;

  private readonly _values = new Map<string, unknown>();
  /** Factory defaults once read (containers, models); created on first need, as most models never read one. */
  private _defaults?: Map<string, unknown>;
  private _changeCallbacks?: Map<string, ChangeCallback[]>;
  private _eventCallbacks?: Map<string, EventCallback[]>;

  constructor(attrs: object = {}) {
    const { id, ...rest } = attrs as { id?: unknown };
    this.id = pendingId ?? (typeof id === "string" ? id : nextModelId());
    pendingId = undefined;
    for (const [name, value] of Object.entries(rest)) {
      if (value !== undefined) this.setv(name, value);
    }
  }

  /** Registers a model class under its Bokeh name and installs accessors for its own properties. */
  protected static define<P>(this: HasPropsClass, name: string, specs: PropertySpecs<P>): void {
    const parent = Object.getPrototypeOf(this) as typeof HasProps;
    const props = new Map(parent.__props__);
    for (const [prop, spec] of Object.entries(specs) as [string, PropertySpec<unknown>][]) {
      const [kind, dflt, options] = spec;
      const isFactory = typeof dflt === "function";
      props.set(prop, {
        name: prop,
        kind,
        hasDefault: dflt !== undefined,
        isFactory,
        defaultValue: isFactory ? (dflt as () => unknown) : () => dflt,
        internal: options?.internal ?? false,
        readonly: options?.readonly ?? false,
        pythonKind: options?.python ?? null,
      });
      if (!Object.hasOwn(this.prototype, prop)) {
        Object.defineProperty(this.prototype, prop, {
          get(this: HasProps) {
            return this.getv(prop);
          },
          set(this: HasProps, value: unknown) {
            this.setv(prop, value);
          },
          configurable: true,
          enumerable: false,
        });
      }
    }
    Object.defineProperty(this, "__qualified__", { value: name, writable: false, configurable: true });
    Object.defineProperty(this, "__props__", { value: props, writable: false, configurable: true });
    registry.set(name, this);
  }

  /**
   * Narrows the kind of a property on this class and its subclasses, for properties BokehJS checks loosely
   * (`Unknown`) while its typings and Python Bokeh restrict them (slider values).
   */
  static refineKind(this: HasPropsClass, name: string, kind: Kind<unknown>): void {
    for (const cls of registry.values()) {
      if (cls !== this && !(cls.prototype instanceof this)) continue;
      const def = cls.__props__.get(name);
      if (def !== undefined) (cls.__props__ as Map<string, PropertyDef>).set(name, { ...def, kind });
    }
  }

  /** The class registered under a Bokeh model name, if any. */
  static lookup(name: string): HasPropsClass | undefined {
    return registry.get(name);
  }

  static get registeredNames(): string[] {
    return [...registry.keys()];
  }

  /** Creates a model of a registered type with a given id, as the deserializer does for client-defined models. */
  static createWithId(name: string, id: string): HasProps {
    const cls = registry.get(name);
    if (cls === undefined) throw new Error(`unknown model type '${name}'`);
    pendingId = id;
    try {
      return new (cls as unknown as ConcreteClass)();
    } finally {
      pendingId = undefined;
    }
  }

  get __qualified__(): string {
    return (this.constructor as typeof HasProps).__qualified__;
  }

  /** True if this model is, or derives from, the Bokeh model named `name`. */
  isA(name: string): boolean {
    for (let cls = this.constructor as typeof HasProps; cls !== HasProps; cls = Object.getPrototypeOf(cls)) {
      if (Object.hasOwn(cls, "__qualified__") && cls.__qualified__ === name) return true;
    }
    return false;
  }

  propertyDef(name: string): PropertyDef | undefined {
    return (this.constructor as typeof HasProps).__props__.get(name);
  }

  hasProperty(name: string): boolean {
    return (this.constructor as typeof HasProps).__props__.has(name);
  }

  properties(): string[] {
    return [...(this.constructor as typeof HasProps).__props__.keys()];
  }

  private def(name: string): PropertyDef {
    const def = (this.constructor as typeof HasProps).__props__.get(name);
    if (def === undefined) throw new UnknownPropertyError(this.__qualified__, name);
    return def;
  }

  /** The defaults kept per instance (factory defaults and defaults holding models), created on first use. */
  private keptDefaults(): Map<string, unknown> {
    this._defaults ??= new Map();
    return this._defaults;
  }

  getv(name: string): unknown {
    if (this._values.has(name)) return this._values.get(name);
    if (this._defaults?.has(name) === true) return this._defaults.get(name);
    const def = this.def(name);
    const value = def.defaultValue();
    // Factory defaults are kept, so later reads see (and mutations land in) the same instance.
    if (def.isFactory) this.keptDefaults().set(name, value);
    return value;
  }

  /**
   * Sets a property; returns false (and reports nothing) when the value equals the current one. `wholeFloat`: the
   * value is a number a client wrote as a float (`12.0`), sent on as one; any other assignment clears that.
   */
  setv(name: string, value: unknown, setter: Setter = null, wholeFloat = false): boolean {
    const def = this.def(name);
    const coerced = this.accepted(def, value);
    const old = this.getv(name);
    // An equal value (12.0 for 12 too) keeps the current one, as in Python.
    if (this._values.has(name) && isEqual(old, coerced)) return false;
    const equal = isEqual(old, coerced);
    this._values.set(name, coerced);
    markWholeFloat(this._values, name, wholeFloat && typeof coerced === "number");
    this._defaults?.delete(name);
    // An explicit assignment of the default still marks the property as set (Python does the same).
    if (equal) return false;
    this.document?.propertyChanged(this, name, old, coerced, setter);
    this.triggerChange(name, old, coerced);
    return true;
  }

  /** Whether the property holds a number a client wrote as a float (`12.0`), to be written back as one. */
  holdsWholeFloat(name: string): boolean {
    return isWholeFloat(this._values, name);
  }

  /** The properties that hold numbers a client wrote as floats, if any (see holdsWholeFloat). */
  wholeFloatAttributes(): ReadonlySet<MemberKey> | undefined {
    return wholeFloatKeys(this._values);
  }

  /** The value to store: coerced by BokehJS's kind, else as given when Python's kind accepts it, else refused. */
  private accepted(def: PropertyDef, value: unknown): unknown {
    const coerced = def.kind.coerce !== undefined ? def.kind.coerce(value) : value;
    // A tuple or list coerced item by item keeps which items were whole floats.
    if (Array.isArray(value) && Array.isArray(coerced) && coerced.length === value.length)
      copyWholeFloatKeys(value, coerced);
    if (def.kind.valid(coerced)) return coerced;
    if (def.pythonKind?.valid(value) === true) return value;
    const expected = def.pythonKind === null ? String(def.kind) : `${def.kind} or ${def.pythonKind}`;
    throw new PropertyValueError(this.__qualified__, def.name, expected, value);
  }

  /** Whether the property was assigned (as opposed to holding its default). */
  isSet(name: string): boolean {
    return this._values.has(name);
  }

  /**
   * The attributes that travel in a model definition: every assigned property, plus defaults the server created
   * that clients could not recreate identically (models, and containers changed in place), plus the defaults
   * Python Bokeh always sends for this model (see PYTHON_SENT_DEFAULTS).
   */
  serializableAttributes(): [string, unknown][] {
    const out: [string, unknown][] = [];
    for (const [name, value] of this._values) {
      if (value !== undefined && !this.def(name).internal) out.push([name, value]);
    }
    for (const [name, value] of this._defaults ?? []) {
      const def = this.def(name);
      // Defaults holding models always travel (and are never compared: a fresh default would mint new models).
      if (!def.internal && (modelsIn(value).next().done === false || !isEqual(value, def.defaultValue())))
        out.push([name, value]);
    }
    for (const name of PYTHON_SENT_DEFAULTS[this.__qualified__] ?? []) {
      if (!this._values.has(name) && !out.some(([sent]) => sent === name)) out.push([name, this.getv(name)]);
    }
    return out;
  }

  /**
   * Models directly referenced by this model's property values. Defaults that hold models are created here (as
   * Python Bokeh does when a model joins a document), so server and clients share one instance with one id.
   */
  *childModels(): Iterable<HasProps> {
    for (const value of this._values.values()) yield* modelsIn(value);
    for (const def of (this.constructor as typeof HasProps).__props__.values()) {
      if (def.isFactory && !this._values.has(def.name) && this._defaults?.has(def.name) !== true) {
        const value = def.defaultValue();
        if (!modelsIn(value).next().done) this.keptDefaults().set(def.name, value);
      }
    }
    for (const value of this._defaults?.values() ?? []) yield* modelsIn(value);
  }

  /** This model and every model reachable from it. */
  references(): Set<HasProps> {
    const seen = new Set<HasProps>();
    const stack: HasProps[] = [this];
    for (let model = stack.pop(); model !== undefined; model = stack.pop()) {
      if (seen.has(model)) continue;
      seen.add(model);
      for (const child of model.childModels()) if (!seen.has(child)) stack.push(child);
    }
    return seen;
  }

  on_change<K extends keyof this & string>(attr: K | K[], ...callbacks: ChangeCallback<this[K]>[]): void {
    this._changeCallbacks ??= new Map();
    for (const name of Array.isArray(attr) ? attr : [attr]) {
      this.def(name);
      const list = this._changeCallbacks.get(name) ?? [];
      list.push(...(callbacks as ChangeCallback[]));
      this._changeCallbacks.set(name, list);
    }
  }

  remove_on_change<K extends keyof this & string>(attr: K, ...callbacks: ChangeCallback<this[K]>[]): void {
    const all = this._changeCallbacks;
    const list = all?.get(attr);
    if (all === undefined || list === undefined) return;
    all.set(
      attr,
      list.filter((cb) => !(callbacks as ChangeCallback[]).includes(cb)),
    );
  }

  /**
   * Runs `callbacks` when BokehJS sends the UI event `name` for this model (wire names such as `doubletap`, or
   * readable ones such as `double_tap`); also subscribes the model to it, since BokehJS only publishes events
   * listed in `subscribed_events`. Document events (`document_ready`, …) are `Document.on_event`'s.
   */
  on_event<N extends ModelEventName>(name: N, ...callbacks: EventCallback<ModelEventMap[N]>[]): void {
    const event = eventName(name);
    if (DOCUMENT_EVENTS.has(event)) throw new Error(`'${event}' is a document event; use doc.on_event`);
    this._eventCallbacks ??= new Map();
    const list = this._eventCallbacks.get(event) ?? [];
    list.push(...(callbacks as EventCallback[]));
    this._eventCallbacks.set(event, list);
    if (this.hasProperty("subscribed_events")) {
      const current = this.getv("subscribed_events") as Set<string>;
      if (!current.has(event)) this.setv("subscribed_events", new Set([...current, event]));
    }
  }

  hasEventCallbacks(event: string): boolean {
    return (this._eventCallbacks?.get(event)?.length ?? 0) > 0;
  }

  /** Runs this model's callbacks for a UI event; errors go to the owning document's error reporter. */
  triggerEvent(event: BokehEvent): void {
    for (const cb of this._eventCallbacks?.get(event.event_name) ?? []) {
      this.guard(() => cb(event), `on_event('${event.event_name}') of ${this.__qualified__}(${this.id})`);
    }
  }

  /**
   * Replaces a property's value without validation, events or callbacks: for in-place data operations (stream,
   * patch) that report their own, more compact, events.
   */
  setRaw(name: string, value: unknown): void {
    this.def(name);
    this._values.set(name, value);
    markWholeFloat(this._values, name, false);
    this._defaults?.delete(name);
  }

  /** Runs the `on_change` callbacks of `attr`. */
  triggerChange(attr: string, old: unknown, value: unknown): void {
    for (const cb of this._changeCallbacks?.get(attr) ?? []) {
      this.guard(() => cb(attr, old, value), `on_change('${attr}') of ${this.__qualified__}(${this.id})`);
    }
  }

  /** Runs a callback through the owning document (which reports errors and awaits async ones); alone, errors propagate. */
  private guard(fn: () => unknown, where: string): void {
    if (this.document !== null) this.document.runGuarded(fn, where);
    else fn();
  }

  toString(): string {
    return `${this.__qualified__}(id=${JSON.stringify(this.id)})`;
  }
}

/**
 * Whether {@link modelsIn} would find a model in `value`, stopping at the first. A plain recursion, not generators:
 * it runs on every property change, and most values hold no models.
 */
export function holdsModels(value: unknown): boolean {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return false;
  if (value instanceof HasProps) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === "object" && item !== null && holdsModels(item)) return true;
    return false;
  }
  if (value instanceof Map) {
    for (const [key, item] of value) if (holdsModels(key) || holdsModels(item)) return true;
    return false;
  }
  if (value instanceof Set) {
    for (const item of value) if (holdsModels(item)) return true;
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) if (holdsModels((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** Models found inside a property value (arrays, plain objects, maps, sets and spec objects), not descending into models. */
export function* modelsIn(value: unknown): Generator<HasProps> {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value)) return;
  if (value instanceof HasProps) {
    yield value;
  } else if (Array.isArray(value)) {
    // Models and plain values inline: a list of 100,000 models must not make 100,000 generators.
    for (const item of value) {
      if (item instanceof HasProps) yield item;
      else if (typeof item === "object" && item !== null) yield* modelsIn(item);
    }
  } else if (value instanceof Map) {
    for (const [key, item] of value) {
      yield* modelsIn(key);
      yield* modelsIn(item);
    }
  } else if (value instanceof Set) {
    for (const item of value) yield* modelsIn(item);
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      for (const item of Object.values(value)) yield* modelsIn(item);
    }
  }
}

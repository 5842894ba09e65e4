import { nextModelId } from "../core/ids.js";
import { HasProps, modelsIn, type ModelOwner, type Setter } from "../core/has-props.js";
import { DOCUMENT_EVENTS, type BokehEvent } from "../core/bokeh-events.js";
import { Serializer } from "../core/serialization/serializer.js";
import type { DocumentChangedEvent } from "./events.js";
import { SessionCallbacks } from "./session-callbacks.js";
import type { SessionContext } from "./session-context.js";

/** The BokehJS version whose models and wire format this document targets; sent as the document `version`. */
export const BOKEH_VERSION = "3.9.2";
export const DEFAULT_TITLE = "Bokeh Application";

export type DocumentListener = (event: DocumentChangedEvent) => void;
export type DocumentEventCallback = (event: BokehEvent) => void | Promise<void>;
export type MessageHandler = (data: unknown) => void | Promise<void>;
export type CallbackErrorHandler = (error: unknown, where: string) => void;

/** The document JSON of PULL-DOC-REPLY and PUSH-DOC. */
export interface DocJson {
  version: string;
  title: string;
  config?: unknown;
  roots: unknown[];
}

/**
 * A Bokeh document: roots, title and every model reachable from them. Server-side changes become
 * DocumentChangedEvents for the listeners (the session turns them into PATCH-DOCs per connection).
 */
export class Document implements ModelOwner {
  private readonly _roots: HasProps[] = [];
  private _title = DEFAULT_TITLE;
  private readonly _models = new Map<string, HasProps>();
  /** Ids that belonged to this document once: patches to them are dropped silently, as bokeh serve does. */
  private readonly _removedIds = new Set<string>();
  private readonly _listeners = new Set<DocumentListener>();
  private readonly _eventCallbacks = new Map<string, DocumentEventCallback[]>();
  private readonly _messageHandlers = new Map<string, MessageHandler[]>();
  private readonly _destroyedCallbacks: Array<(context: SessionContext | null) => void | Promise<void>> = [];
  readonly callbacks = new SessionCallbacks();
  readonly config: HasProps | null;
  session_context: SessionContext | null = null;
  onCallbackError: CallbackErrorHandler = (error, where) => console.error(`${where} failed:`, error);

  constructor() {
    const Config = HasProps.lookup("DocumentConfig");
    this.config = Config === undefined ? null : HasProps.createWithId("DocumentConfig", nextModelId());
    if (this.config !== null) this.attach(this.config);
  }

  get roots(): readonly HasProps[] {
    return this._roots;
  }

  get title(): string {
    return this._title;
  }

  set title(title: string) {
    this.set_title(title);
  }

  set_title(title: string, setter: Setter = null): void {
    if (title === this._title) return;
    this._title = title;
    this.emit({ kind: "TitleChanged", title, setter });
  }

  add_root(model: HasProps, setter: Setter = null): void {
    if (this._roots.includes(model)) return;
    this._roots.push(model);
    this.attach(model);
    this.emit({ kind: "RootAdded", model, setter });
  }

  remove_root(model: HasProps, setter: Setter = null): void {
    const index = this._roots.indexOf(model);
    if (index === -1) return;
    this._roots.splice(index, 1);
    this.recompute();
    this.emit({ kind: "RootRemoved", model, setter });
  }

  clear(): void {
    for (const root of [...this._roots]) this.remove_root(root);
  }

  get models(): ReadonlyMap<string, HasProps> {
    return this._models;
  }

  get_model_by_id(id: string): HasProps | undefined {
    return this._models.get(id);
  }

  /** True for ids of models that were in this document and were removed since. */
  wasRemoved(id: string): boolean {
    return this._removedIds.has(id);
  }

  get_model_by_name(name: string): HasProps | undefined {
    for (const model of this._models.values()) {
      if (model.hasProperty("name") && model.getv("name") === name) return model;
    }
    return undefined;
  }

  select_one(query: { name: string }): HasProps | undefined {
    return this.get_model_by_name(query.name);
  }

  /** Listens to every change of this document; returns the unsubscribe function. */
  subscribe(listener: DocumentListener): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** Reports a change made outside the property system (streams, patches, custom messages). */
  emit(event: DocumentChangedEvent): void {
    for (const listener of this._listeners) listener(event);
  }

  propertyChanged(model: HasProps, attr: string, old: unknown, value: unknown, setter: Setter): void {
    for (const child of modelsIn(value)) this.attach(child);
    if (modelsIn(old).next().done === false) this.recompute();
    if (attr === "data" && model.isA("ColumnDataSource")) {
      this.emit({ kind: "ColumnDataChanged", model, attr, data: value as Record<string, unknown>, cols: null, setter });
    } else {
      this.emit({ kind: "ModelChanged", model, attr, value, setter });
    }
  }

  reportCallbackError(error: unknown, where: string): void {
    this.onCallbackError(error, where);
  }

  /** Runs `fn`, reporting (not throwing) what it throws or rejects with. */
  runGuarded(fn: () => unknown, where: string): void {
    try {
      const result = fn();
      if (result instanceof Promise) result.catch((error: unknown) => this.reportCallbackError(error, where));
    } catch (error) {
      this.reportCallbackError(error, where);
    }
  }

  /** Document-level events (`document_ready`, `client_reconnected`, `connection_lost`). */
  on_event(event: string, ...callbacks: DocumentEventCallback[]): void {
    if (!DOCUMENT_EVENTS.has(event)) throw new Error(`'${event}' is not a document event; use model.on_event for UI events`);
    this._eventCallbacks.set(event, [...(this._eventCallbacks.get(event) ?? []), ...callbacks]);
  }

  /** Delivers a UI or document event from a client to its callbacks. */
  triggerEvent(event: BokehEvent): void {
    if (event.model !== null) {
      event.model.triggerEvent(event);
      return;
    }
    for (const cb of this._eventCallbacks.get(event.event_name) ?? []) this.runGuarded(() => cb(event), `document on_event('${event.event_name}')`);
  }

  /** Handlers for MessageSent patches whose `msg_type` is not `bokeh_event`. */
  on_message(msgType: string, ...handlers: MessageHandler[]): void {
    this._messageHandlers.set(msgType, [...(this._messageHandlers.get(msgType) ?? []), ...handlers]);
  }

  triggerMessage(msgType: string, data: unknown): void {
    for (const handler of this._messageHandlers.get(msgType) ?? []) this.runGuarded(() => handler(data), `on_message('${msgType}')`);
  }

  /** Sends a custom message to the clients (a MessageSent patch). */
  send_message(msgType: string, data: unknown): void {
    this.emit({ kind: "MessageSent", msg_type: msgType, msg_data: data, setter: null });
  }

  on_session_destroyed(...callbacks: Array<(context: SessionContext | null) => void | Promise<void>>): void {
    this._destroyedCallbacks.push(...callbacks);
  }

  get sessionDestroyedCallbacks(): ReadonlyArray<(context: SessionContext | null) => void | Promise<void>> {
    return this._destroyedCallbacks;
  }

  add_periodic_callback(callback: () => unknown, periodMs: number): number {
    return this.callbacks.add({ kind: "periodic", callback, ms: periodMs });
  }

  add_timeout_callback(callback: () => unknown, timeoutMs: number): number {
    return this.callbacks.add({ kind: "timeout", callback, ms: timeoutMs });
  }

  add_next_tick_callback(callback: () => unknown): number {
    return this.callbacks.add({ kind: "next_tick", callback, ms: 0 });
  }

  remove_periodic_callback(id: number): void {
    this.callbacks.remove(id);
  }

  remove_timeout_callback(id: number): void {
    this.callbacks.remove(id);
  }

  remove_next_tick_callback(id: number): void {
    this.callbacks.remove(id);
  }

  /**
   * The whole document as PULL-DOC-REPLY sends it. Pass the connection's serializer so that it learns every
   * model the reply defines.
   */
  toJSON(serializer: Serializer = new Serializer()): DocJson {
    return {
      version: BOKEH_VERSION,
      title: this._title,
      ...(this.config !== null ? { config: serializer.encode(this.config) } : {}),
      roots: this._roots.map((root) => serializer.encode(root)),
    };
  }

  private attach(model: HasProps): void {
    if (this._models.has(model.id)) return;
    for (const ref of model.references()) {
      if (this._models.has(ref.id)) continue;
      if (ref.document !== null && ref.document !== this) throw new Error(`${ref} already belongs to another document`);
      ref.document = this;
      this._models.set(ref.id, ref);
      this._removedIds.delete(ref.id);
    }
  }

  /** Drops the models no longer reachable from a root or the config. */
  private recompute(): void {
    const reachable = new Set<HasProps>();
    for (const root of this.config !== null ? [this.config, ...this._roots] : this._roots) {
      for (const ref of root.references()) reachable.add(ref);
    }
    for (const [id, model] of this._models) {
      if (!reachable.has(model)) {
        model.document = null;
        this._models.delete(id);
        this._removedIds.add(id);
      }
    }
  }
}

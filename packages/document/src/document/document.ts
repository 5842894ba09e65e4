import { type DocJson, markWholeFloat } from "@fastify-bokeh/protocol";
import {
  type BokehEvent,
  DOCUMENT_EVENTS,
  type DocumentEventMap,
  type DocumentEventName,
  eventName,
  type ServerEvent,
} from "../core/bokeh-events.js";
import { HasProps, holdsModels, type ModelOwner, modelsIn, type Setter } from "../core/has-props.js";
import { nextModelId } from "../core/ids.js";
import { Deserializer } from "../core/serialization/deserializer.js";
import { DeserializationError } from "../core/serialization/errors.js";
import { Serializer } from "../core/serialization/serializer.js";
import type { Steps } from "../core/steps/steps.js";
import { documentTheme, setDocumentTheme, type ThemeLike } from "../themes/document-theme.js";
import type { Theme } from "../themes/theme.js";
import type { DocumentChangedEvent } from "./events.js";
import { SessionCallbacks } from "./session-callbacks.js";
import type { SessionContext } from "./session-context.js";
import { SessionState } from "./session-state.js";

/** The BokehJS version whose models and wire format this document targets; sent as the document `version`. */
export const BOKEH_VERSION = "3.9.2";
export const DEFAULT_TITLE = "Bokeh Application";

export type DocumentListener = (event: DocumentChangedEvent) => void;
export type DocumentEventCallback<E extends BokehEvent = BokehEvent> = (event: E) => void | Promise<void>;
/** Told which models just left the document (no longer reachable from a root). */
export type DetachListener = (models: readonly HasProps[]) => void;
export type MessageHandler = (data: unknown) => void | Promise<void>;
export type CallbackErrorHandler = (error: unknown, where: string) => void;

/** The models {@link Document.attachSteps} added, and the removed ids it brought back. */
export interface Attachment {
  readonly models: HasProps[];
  readonly revived: string[];
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
  private _removedIds?: Set<string>;
  private readonly _listeners = new Set<DocumentListener>();
  private _detachListeners?: Set<DetachListener>;
  private _eventCallbacks?: Map<string, DocumentEventCallback[]>;
  private _jsEventCallbacks?: Map<string, HasProps[]>;
  private _messageHandlers?: Map<string, MessageHandler[]>;
  private _destroyedCallbacks?: Array<(context: SessionContext | null) => void | Promise<void>>;
  /** Async callbacks still running: the session holds its lock until they finish. */
  private _running?: Set<Promise<void>>;
  /** The change whose new models were attached ahead of it (see changeAttached). */
  private _attachedAhead: { readonly model: HasProps; readonly attr: string } | undefined;
  readonly callbacks = new SessionCallbacks();
  private _config: HasProps | null;
  session_context: SessionContext | null = null;
  /** Values the page template receives besides Bokeh's own (Python's `doc.template_variables`). */
  template_variables: Record<string, unknown> = {};
  /** The app's per-session values that must survive the session moving to another server process. */
  readonly state = new SessionState();
  onCallbackError: CallbackErrorHandler = (error, where) => console.error(`${where} failed:`, error);

  constructor() {
    const Config = HasProps.lookup("DocumentConfig");
    this._config = Config === undefined ? null : HasProps.createWithId("DocumentConfig", nextModelId());
    if (this._config !== null) this.attach(this._config);
  }

  /** A document made from document JSON (a PULL-DOC-REPLY's or PUSH-DOC's `doc`), with fresh models. */
  static from_json(json: DocJson, buffers: ReadonlyMap<string, ArrayBufferView> = new Map()): Document {
    const { title, config, roots } = decodeDocJson(json, buffers);
    const doc = new Document();
    if (config !== null) {
      doc._config = config;
      doc.recompute();
      doc.attach(config);
    }
    for (const root of roots) doc.add_root(root);
    doc.set_title(title);
    return doc;
  }

  /**
   * Replaces the roots and title with those of document JSON, as bokeh serve does for PUSH-DOC: the models are
   * decoded afresh (the pusher's ids may be reused), old roots are removed, new ones added.
   */
  replace_with_json(
    json: DocJson,
    buffers: ReadonlyMap<string, ArrayBufferView> = new Map(),
    setter: Setter = null,
  ): void {
    const { title, roots } = decodeDocJson(json, buffers);
    for (const root of [...this._roots]) this.remove_root(root, setter);
    for (const root of roots) this.add_root(root, setter);
    this.set_title(title, setter);
  }

  /** The document's DocumentConfig model (connection notifications, reconnection), sent with every pull. */
  get config(): HasProps | null {
    return this._config;
  }

  get roots(): readonly HasProps[] {
    return this._roots;
  }

  /** The document's theme (Python's `doc.theme`): a Theme, theme JSON, a built-in theme name, or null. */
  get theme(): Theme | null {
    return documentTheme(this);
  }

  set theme(theme: ThemeLike | null) {
    setDocumentTheme(this, theme);
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

  clear(setter: Setter = null): void {
    for (const root of [...this._roots]) this.remove_root(root, setter);
  }

  get models(): ReadonlyMap<string, HasProps> {
    return this._models;
  }

  get_model_by_id(id: string): HasProps | undefined {
    return this._models.get(id);
  }

  /** True for ids of models that were in this document and were removed since. */
  wasRemoved(id: string): boolean {
    return this._removedIds?.has(id) === true;
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

  /** Listens for models leaving the document; returns the unsubscribe function. */
  onDetach(listener: DetachListener): () => void {
    this._detachListeners ??= new Set();
    this._detachListeners.add(listener);
    return () => this._detachListeners?.delete(listener);
  }

  /** Reports a change made outside the property system (streams, patches, custom messages). */
  emit(event: DocumentChangedEvent): void {
    for (const listener of this._listeners) listener(event);
  }

  propertyChanged(model: HasProps, attr: string, old: unknown, value: unknown, setter: Setter): void {
    const ahead = this._attachedAhead;
    this._attachedAhead = undefined; // for this change only: what its callbacks change is checked as usual
    if ((ahead?.model !== model || ahead.attr !== attr) && holdsModels(value))
      for (const child of modelsIn(value)) this.attach(child);
    if (holdsModels(old)) this.recompute();
    if (attr === "data" && model.isA("ColumnDataSource")) {
      this.emit({ kind: "ColumnDataChanged", model, attr, data: value as Record<string, unknown>, cols: null, setter });
    } else {
      const event = { kind: "ModelChanged", model, attr, value, setter } as const;
      // Written back as a float (12.0) when a client sent it as one (see HasProps.holdsWholeFloat).
      if (model.holdsWholeFloat(attr)) markWholeFloat(event, "value", true);
      this.emit(event);
    }
  }

  reportCallbackError(error: unknown, where: string): void {
    this.onCallbackError(error, where);
  }

  /** Runs a user callback, reporting (not throwing) what it throws or rejects with; async ones are tracked. */
  runGuarded(fn: () => unknown, where: string): void {
    let result: unknown;
    try {
      result = fn();
    } catch (error) {
      this.reportCallbackError(error, where);
      return;
    }
    if (result instanceof Promise) {
      this._running ??= new Set();
      const running = this._running;
      const done: Promise<void> = result.then(
        () => void running.delete(done),
        (error: unknown) => {
          running.delete(done);
          this.reportCallbackError(error, where);
        },
      );
      running.add(done);
    }
  }

  /** Whether async callbacks started by its changes are still running (see {@link settled}). */
  get settling(): boolean {
    return this._running !== undefined && this._running.size > 0;
  }

  /** Resolves once every async callback started so far, and every one those started, has finished. */
  async settled(): Promise<void> {
    while (this._running !== undefined && this._running.size > 0) await Promise.all(this._running);
  }

  /** Document-level events (`document_ready`, `client_reconnected`, `connection_lost`). */
  on_event<N extends DocumentEventName>(event: N, ...callbacks: DocumentEventCallback<DocumentEventMap[N]>[]): void {
    if (!DOCUMENT_EVENTS.has(event))
      throw new Error(`'${event}' is not a document event; use model.on_event for UI events`);
    this._eventCallbacks ??= new Map();
    const all = this._eventCallbacks;
    all.set(event, [...(all.get(event) ?? []), ...(callbacks as DocumentEventCallback[])]);
  }

  /**
   * Runs `CustomJS` (or any Callback model) in the browser when BokehJS raises `event` on the document; they travel
   * in the document JSON's `callbacks`, so register them before the first pull.
   */
  js_on_event(event: string, ...callbacks: HasProps[]): void {
    const name = eventName(event);
    for (const cb of callbacks)
      if (!cb.isA("Callback")) throw new TypeError(`js_on_event needs Callback models (CustomJS, …), got ${cb}`);
    this._jsEventCallbacks ??= new Map();
    const all = this._jsEventCallbacks;
    const list = all.get(name) ?? [];
    for (const cb of callbacks) if (!list.includes(cb)) list.push(cb);
    all.set(name, list);
  }

  /** Delivers a UI or document event from a client to its callbacks. */
  triggerEvent(event: BokehEvent): void {
    if (event.model !== null) {
      event.model.triggerEvent(event);
      return;
    }
    for (const cb of this._eventCallbacks?.get(event.event_name) ?? [])
      this.runGuarded(() => cb(event), `document on_event('${event.event_name}')`);
  }

  /** Handlers for MessageSent patches whose `msg_type` is not `bokeh_event`. */
  on_message(msgType: string, ...handlers: MessageHandler[]): void {
    this._messageHandlers ??= new Map();
    const all = this._messageHandlers;
    all.set(msgType, [...(all.get(msgType) ?? []), ...handlers]);
  }

  triggerMessage(msgType: string, data: unknown): void {
    for (const handler of this._messageHandlers?.get(msgType) ?? [])
      this.runGuarded(() => handler(data), `on_message('${msgType}')`);
  }

  /** Sends a custom message to the clients (a MessageSent patch). */
  send_message(msgType: string, data: unknown): void {
    this.emit({ kind: "MessageSent", msg_type: msgType, msg_data: data, setter: null });
  }

  /** Sends a server event to the browsers (a `bokeh_event` MessageSent patch), e.g. `clear_input` for a FileInput. */
  send_event(event: ServerEvent): void {
    this.send_message("bokeh_event", event);
  }

  on_session_destroyed(...callbacks: Array<(context: SessionContext | null) => void | Promise<void>>): void {
    this._destroyedCallbacks ??= [];
    this._destroyedCallbacks.push(...callbacks);
  }

  get sessionDestroyedCallbacks(): ReadonlyArray<(context: SessionContext | null) => void | Promise<void>> {
    return this._destroyedCallbacks ?? [];
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
      config: this.config !== null ? serializer.encode(this.config) : null,
      roots: this._roots.map((root) => serializer.encode(root)),
      ...(this._jsEventCallbacks !== undefined ? { callbacks: serializer.encode(this._jsEventCallbacks) } : {}),
    };
  }

  private attach(model: HasProps): void {
    if (this._models.get(model.id) === model) return;
    for (const ref of model.references()) this.adopt(ref);
  }

  /**
   * Adds `model` and the models reachable from it, as steps of one model each: how a very large patch brings in its
   * new models ahead of the change that refers to them, in time slices. Nothing may read the document until that
   * change is made, or {@link unattach} has taken them back.
   */
  *attachSteps(model: HasProps): Steps<Attachment> {
    const attachment: Attachment = { models: [], revived: [] };
    const seen = new Set<HasProps>();
    const stack = [model];
    try {
      for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
        // A model already here has everything it refers to here too.
        if (seen.has(next) || this._models.get(next.id) === next) continue;
        seen.add(next);
        const revived = this.wasRemoved(next.id);
        this.adopt(next);
        attachment.models.push(next);
        if (revived) attachment.revived.push(next.id);
        for (const child of next.childModels()) if (!seen.has(child)) stack.push(child);
        yield;
      }
    } catch (error) {
      this.unattach(attachment);
      throw error;
    }
    return attachment;
  }

  /**
   * Makes `change`, the change of `model.attr` to a value whose models {@link attachSteps} has attached ahead of
   * it: that value is not walked again to attach them (100,000 models: ~100 ms in one go).
   */
  changeAttached<T>(model: HasProps, attr: string, change: () => T): T {
    this._attachedAhead = { model, attr };
    try {
      return change();
    } finally {
      this._attachedAhead = undefined;
    }
  }

  /** Takes back what {@link attachSteps} added, as if it had never been: no event, no detach listener told. */
  unattach(attachment: Attachment): void {
    for (const model of attachment.models) {
      this._models.delete(model.id);
      model.document = null;
    }
    for (const id of attachment.revived) {
      this._removedIds ??= new Set();
      this._removedIds.add(id);
    }
  }

  /** Makes `ref` one of this document's models (a no-op when it is). */
  private adopt(ref: HasProps): void {
    const existing = this._models.get(ref.id);
    if (existing === ref) return;
    if (existing !== undefined) throw new Error(`${ref} has the id of ${existing}, already in this document`);
    if (ref.document !== null && ref.document !== this) throw new Error(`${ref} already belongs to another document`);
    ref.document = this;
    this._models.set(ref.id, ref);
    this._removedIds?.delete(ref.id);
  }

  /** Drops the models no longer reachable from a root or the config. */
  private recompute(): void {
    const reachable = new Set<HasProps>();
    for (const root of this.config !== null ? [this.config, ...this._roots] : this._roots) {
      for (const ref of root.references()) reachable.add(ref);
    }
    const detached: HasProps[] = [];
    for (const [id, model] of this._models) {
      if (!reachable.has(model)) {
        model.document = null;
        this._models.delete(id);
        this._removedIds ??= new Set();
        this._removedIds.add(id);
        detached.push(model);
      }
    }
    if (detached.length > 0) for (const listener of this._detachListeners ?? []) listener(detached);
  }
}

/** The title, config and roots of document JSON, decoded into new models (none resolved from an existing document). */
function decodeDocJson(
  json: DocJson,
  buffers: ReadonlyMap<string, ArrayBufferView>,
): { title: string; config: HasProps | null; roots: HasProps[] } {
  if (typeof json !== "object" || json === null || !Array.isArray(json.roots))
    throw new DeserializationError("document JSON needs a 'roots' list");
  const deserializer = new Deserializer(() => undefined, buffers);
  const roots = json.roots.map((root) => deserializer.decode(root));
  const config = json.config === undefined || json.config === null ? null : deserializer.decode(json.config);
  deserializer.finalize();
  for (const root of roots)
    if (!(root instanceof HasProps)) throw new DeserializationError("document roots must be models");
  if (config !== null && !(config instanceof HasProps && config.isA("DocumentConfig")))
    throw new DeserializationError("document config must be a DocumentConfig");
  return {
    title: typeof json.title === "string" ? json.title : DEFAULT_TITLE,
    config: config as HasProps | null,
    roots: roots as HasProps[],
  };
}

import { isWholeFloat, type PatchEvent } from "@fastify-bokeh/protocol";
import { type BokehEvent, DOCUMENT_EVENTS, MODEL_EVENTS } from "../core/bokeh-events.js";
import type { Setter } from "../core/has-props.js";
import { HasProps, modelsIn } from "../core/has-props.js";
import { Deserializer } from "../core/serialization/deserializer.js";
import { DeserializationError, UnknownReferenceError } from "../core/serialization/errors.js";
import { isPlainRecord } from "../core/serialization/reps.js";
import { runInSlices, runToEnd, type Steps } from "../core/steps/steps.js";
import { patchColumns, streamColumns, updateColumns } from "./column-data.js";
import type { Attachment, Document } from "./document.js";
import type { PatchIndex } from "./events.js";

/** A PATCH-DOC event that cannot be applied (bad shape, unknown kind or event name). */
export class PatchError extends Error {
  override readonly name = "PatchError";
}

export interface PatchOutcome {
  /** False when the patch referred to a model already removed from the document and was dropped whole. */
  readonly applied: boolean;
  /** Attributes the server does not know, ignored as bokeh serve ignores them. */
  readonly ignored: readonly string[];
  /** The models the patch defined: the client that sent it knows them. */
  readonly defined: readonly HasProps[];
}

const model = (value: unknown, what: string): HasProps => {
  if (!(value instanceof HasProps)) throw new PatchError(`${what} must be a model reference`);
  return value;
};

const str = (value: unknown, what: string): string => {
  if (typeof value !== "string") throw new PatchError(`${what} must be a string`);
  return value;
};

/**
 * Python Bokeh sends a change of a spec's units as a change of `<spec>_units` (its own property, never sent in a
 * model definition, where the units ride in the spec): the units go into the spec, as bokeh serve stores them.
 */
function setSpecUnits(target: HasProps, attr: string, units: unknown, setter: Setter): boolean {
  if (!attr.endsWith("_units") || target.hasProperty(attr) || typeof units !== "string") return false;
  const base = attr.slice(0, -"_units".length);
  if (target.propertyDef(base)?.kind.dataSpec !== true) return false;
  const spec = target.getv(base);
  if (!isPlainRecord(spec)) return false;
  target.setv(base, { ...spec, units }, setter);
  return true;
}

/**
 * Applies a client's PATCH-DOC events in order, with `setter` (the connection) as the author of every change so
 * it is not echoed back to it. Callbacks run as the changes land.
 */
export function applyPatch(
  doc: Document,
  events: readonly PatchEvent[],
  buffers: ReadonlyMap<string, ArrayBufferView>,
  setter: Setter,
): PatchOutcome {
  return runToEnd(patchSteps(doc, events, buffers, setter));
}

/**
 * {@link applyPatch} in time slices of a few ms, so that a huge patch (100,000 new models) does not hold up the
 * event loop. A small one finishes in its first slice and returns its outcome at once (or throws), not a promise.
 * Otherwise the document must be left alone until the promise settles: the caller queues other work on it behind
 * (a server session's lock). Each event's changes are made at once, and whatever fails before them leaves the
 * document as it was, as with {@link applyPatch}.
 */
export function applyPatchInSlices(
  doc: Document,
  events: readonly PatchEvent[],
  buffers: ReadonlyMap<string, ArrayBufferView>,
  setter: Setter,
): PatchOutcome | Promise<PatchOutcome> {
  return runInSlices(patchSteps(doc, events, buffers, setter));
}

/** Decodes every event (new models get their attributes), then applies them one by one. */
function* patchSteps(
  doc: Document,
  events: readonly PatchEvent[],
  buffers: ReadonlyMap<string, ArrayBufferView>,
  setter: Setter,
): Steps<PatchOutcome> {
  const deserializer = new Deserializer((id) => doc.get_model_by_id(id), buffers);
  const decoded = yield* decodeEvents(doc, deserializer, events);
  if (decoded === undefined) return { applied: false, ignored: [], defined: [] };
  yield* deserializer.finalizeSteps();
  const ignored: string[] = [];
  for (const event of decoded) yield* applyEventSteps(doc, event, setter, ignored);
  return { applied: true, ignored, defined: [...deserializer.newModels.values()] };
}

/** The decoded events, or undefined when one refers to a model that already left the document. */
function* decodeEvents(
  doc: Document,
  deserializer: Deserializer,
  events: readonly PatchEvent[],
): Steps<Record<string, unknown>[] | undefined> {
  const decoded: Record<string, unknown>[] = [];
  try {
    for (const event of events) {
      if (!isPlainRecord(event) || typeof event.kind !== "string")
        throw new PatchError("each event must be an object with a 'kind'");
      decoded.push((yield* deserializer.decodeSteps(event)) as Record<string, unknown>);
    }
  } catch (error) {
    // bokeh serve drops a patch to a model that left the document, rather than failing it.
    if (error instanceof UnknownReferenceError && doc.wasRemoved(error.id)) return undefined;
    throw error;
  }
  return decoded;
}

/**
 * What holds the models an event brings into the document (new ones, or already there), if anything: a change of a
 * model outside the document (one the patch defines) brings none.
 */
function incoming(doc: Document, event: Record<string, unknown>): unknown {
  if (event.kind === "ModelChanged" && event.model instanceof HasProps && event.model.document === doc)
    return event.new;
  return event.kind === "RootAdded" ? event.model : undefined;
}

/**
 * One event: the models it brings are attached first, in steps, then the change is made at once; they are taken
 * back when it fails or does not keep them (an ignored attribute, an unchanged value).
 */
function* applyEventSteps(
  doc: Document,
  event: Record<string, unknown>,
  setter: Setter,
  ignored: string[],
): Steps<void> {
  const attachments: Attachment[] = [];
  let kept = false;
  try {
    const value = incoming(doc, event);
    if (typeof value === "object" && value !== null)
      for (const model of modelsIn(value)) attachments.push(yield* doc.attachSteps(model));
    const target = event.model;
    kept =
      attachments.length > 0 && event.kind === "ModelChanged" && target instanceof HasProps
        ? doc.changeAttached(target, String(event.attr), () => applyEvent(doc, event, setter, ignored))
        : applyEvent(doc, event, setter, ignored);
  } finally {
    if (!kept) for (const attachment of attachments.reverse()) doc.unattach(attachment);
  }
}

/**
 * One decoded event; a change to a property the model does not have is skipped and listed in `ignored`. False when
 * the models it brings stay out of the document (nothing changed).
 */
function applyEvent(doc: Document, event: Record<string, unknown>, setter: Setter, ignored: string[]): boolean {
  switch (event.kind) {
    case "ModelChanged":
      return applyModelChanged(event, setter, ignored);
    case "ColumnDataChanged":
    case "ColumnsStreamed":
    case "ColumnsPatched":
      applyColumnEvent(event, setter);
      return true;
    case "RootAdded":
      doc.add_root(model(event.model, "RootAdded.model"), setter);
      return true;
    case "RootRemoved":
      doc.remove_root(model(event.model, "RootRemoved.model"), setter);
      return true;
    case "TitleChanged":
      doc.set_title(str(event.title, "TitleChanged.title"), setter);
      return true;
    case "MessageSent":
      applyMessage(doc, event);
      return true;
    default:
      throw new PatchError(`unknown patch event kind ${JSON.stringify(event.kind)}`);
  }
}

/** ModelChanged; false when nothing changed. */
function applyModelChanged(event: Record<string, unknown>, setter: Setter, ignored: string[]): boolean {
  const target = model(event.model, "ModelChanged.model");
  const attr = str(event.attr, "ModelChanged.attr");
  if (setSpecUnits(target, attr, event.new, setter)) return true;
  if (!target.hasProperty(attr)) {
    ignored.push(`${target.__qualified__}.${attr}`);
    return false;
  }
  return target.setv(attr, event.new, setter, isWholeFloat(event, "new"));
}

/** ColumnDataChanged, ColumnsStreamed and ColumnsPatched. */
function applyColumnEvent(event: Record<string, unknown>, setter: Setter): void {
  switch (event.kind) {
    case "ColumnDataChanged": {
      const source = model(event.model, "ColumnDataChanged.model");
      const data = event.data;
      if (!isPlainRecord(data)) throw new PatchError("ColumnDataChanged.data must be a map of columns");
      const cols = event.cols;
      if (cols === null || cols === undefined) source.setv("data", data, setter);
      else updateColumns(source, data, setter);
      break;
    }
    case "ColumnsStreamed": {
      const data = event.data;
      if (!isPlainRecord(data)) throw new PatchError("ColumnsStreamed.data must be a map of columns");
      const rollover = event.rollover ?? null;
      if (rollover !== null && typeof rollover !== "number")
        throw new PatchError("ColumnsStreamed.rollover must be a number or null");
      streamColumns(model(event.model, "ColumnsStreamed.model"), data, rollover, setter);
      break;
    }
    case "ColumnsPatched": {
      const patches = event.patches;
      if (!isPlainRecord(patches)) throw new PatchError("ColumnsPatched.patches must be a map of columns");
      patchColumns(
        model(event.model, "ColumnsPatched.model"),
        patches as Record<string, Array<[PatchIndex, unknown]>>,
        setter,
      );
      break;
    }
  }
}

/** MessageSent: a UI event (`bokeh_event`) or a custom message for the document's handlers. */
function applyMessage(doc: Document, event: Record<string, unknown>): void {
  const msgType = str(event.msg_type, "MessageSent.msg_type");
  if (msgType === "bokeh_event") {
    const uiEvent = event.msg_data as BokehEvent;
    if (!isPlainRecord(uiEvent) || typeof uiEvent.event_name !== "string")
      throw new DeserializationError("bokeh_event needs an event rep");
    if (!MODEL_EVENTS.has(uiEvent.event_name) && !DOCUMENT_EVENTS.has(uiEvent.event_name))
      throw new PatchError(`unknown event name '${uiEvent.event_name}'`);
    doc.triggerEvent(uiEvent);
  } else {
    doc.triggerMessage(msgType, event.msg_data);
  }
}

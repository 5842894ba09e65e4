import { isWholeFloat, type PatchEvent } from "@fastify-bokeh/protocol";
import { ServerEvent } from "../core/bokeh-events.js";
import { type HasProps, holdsModels, modelsIn } from "../core/has-props.js";
import type { Serializer } from "../core/serialization/serializer.js";
import { runInSlices, type Steps } from "../core/steps/steps.js";
import type { DocumentChangedEvent } from "./events.js";

/** A document change as a PATCH-DOC event, in the shape bokeh serve sends (models the receiver lacks travel inside). */
export function encodeEvent(event: DocumentChangedEvent, serializer: Serializer): PatchEvent {
  switch (event.kind) {
    case "ModelChanged": {
      const model = serializer.encodeModel(event.model);
      return {
        kind: "ModelChanged",
        model,
        attr: event.attr,
        new: serializer.encodeAttribute(event.model.propertyDef(event.attr), event.value, isWholeFloat(event, "value")),
      };
    }
    case "ColumnDataChanged":
      return {
        kind: "ColumnDataChanged",
        model: serializer.encodeModel(event.model),
        attr: event.attr,
        data: serializer.encode(event.data),
        cols: event.cols,
      };
    case "ColumnsStreamed":
      return {
        kind: "ColumnsStreamed",
        model: serializer.encodeModel(event.model),
        attr: event.attr,
        data: serializer.encode(event.data),
        rollover: event.rollover,
      };
    case "ColumnsPatched":
      return {
        kind: "ColumnsPatched",
        model: serializer.encodeModel(event.model),
        attr: event.attr,
        patches: serializer.encode(event.patches),
      };
    case "RootAdded":
      return { kind: "RootAdded", model: serializer.encodeModel(event.model) };
    case "RootRemoved":
      return { kind: "RootRemoved", model: { id: event.model.id } };
    case "TitleChanged":
      return { kind: "TitleChanged", title: event.title };
    case "MessageSent":
      return { kind: "MessageSent", msg_type: event.msg_type, msg_data: serializer.encode(event.msg_data) };
  }
}

/**
 * {@link encodeEvent} in time slices of a few ms: an event bringing 100,000 new models (a huge patch relayed to a
 * session's other connection) is written without holding up the event loop. Same result as `encodeEvent`. The
 * models must not change until the promise settles (the caller holds the session's lock).
 */
export async function encodeEventInSlices(event: DocumentChangedEvent, serializer: Serializer): Promise<PatchEvent> {
  return runInSlices(encodeEventSteps(event, serializer));
}

/** The values that can be large (a new value, data, a new root) are written in steps, the rest at once. */
function* encodeEventSteps(event: DocumentChangedEvent, serializer: Serializer): Steps<PatchEvent> {
  switch (event.kind) {
    case "ModelChanged": {
      const { model, attr, value } = event;
      const ref = serializer.encodeModel(model);
      const asFloat = isWholeFloat(event, "value");
      return {
        kind: "ModelChanged",
        model: ref,
        attr,
        new: yield* serializer.attributeSteps(model.propertyDef(attr), value, asFloat),
      };
    }
    case "ColumnDataChanged": {
      const model = serializer.encodeModel(event.model);
      const data = yield* serializer.encodeSteps(event.data);
      return { kind: "ColumnDataChanged", model, attr: event.attr, data, cols: event.cols };
    }
    case "ColumnsStreamed": {
      const model = serializer.encodeModel(event.model);
      const data = yield* serializer.encodeSteps(event.data);
      return { kind: "ColumnsStreamed", model, attr: event.attr, data, rollover: event.rollover };
    }
    case "RootAdded":
      return { kind: "RootAdded", model: yield* serializer.modelSteps(event.model) };
    default:
      return encodeEvent(event, serializer);
  }
}

/**
 * The models an event's encoding starts from (not descending into them): if the receiver knows all of them, the
 * event is written with references only, the same for every such receiver.
 */
export function modelsMentioned(event: DocumentChangedEvent): HasProps[] {
  return [...mentioned(event)];
}

/**
 * How many models {@link modelsMentioned} lists, counted no further than `limit`: whether an event is huge (mentions
 * 100,000 models) is told without walking it whole.
 */
export function countMentioned(event: DocumentChangedEvent, limit: number): number {
  let count = 0;
  for (const _model of mentioned(event)) if (++count >= limit) break;
  return count;
}

function* mentioned(event: DocumentChangedEvent): Generator<HasProps> {
  switch (event.kind) {
    case "ModelChanged":
      yield event.model;
      if (holdsModels(event.value)) yield* modelsIn(event.value);
      return;
    case "ColumnDataChanged":
    case "ColumnsStreamed":
      yield event.model;
      if (holdsModels(event.data)) yield* modelsIn(event.data);
      return;
    case "ColumnsPatched":
      yield event.model;
      if (holdsModels(event.patches)) yield* modelsIn(event.patches);
      return;
    case "RootAdded":
      yield event.model;
      return;
    case "RootRemoved":
    case "TitleChanged":
      return;
    case "MessageSent":
      yield* modelsIn(event.msg_data instanceof ServerEvent ? event.msg_data.values : event.msg_data);
  }
}

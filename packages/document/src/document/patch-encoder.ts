import { isWholeFloat, type PatchEvent } from "@fastify-bokeh/protocol";
import { ServerEvent } from "../core/bokeh-events.js";
import { type HasProps, modelsIn } from "../core/has-props.js";
import type { Serializer } from "../core/serialization/serializer.js";
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
 * The models an event's encoding starts from (not descending into them): if the receiver knows all of them, the
 * event is written with references only, the same for every such receiver.
 */
export function modelsMentioned(event: DocumentChangedEvent): HasProps[] {
  switch (event.kind) {
    case "ModelChanged":
      return [event.model, ...modelsIn(event.value)];
    case "ColumnDataChanged":
    case "ColumnsStreamed":
      return [event.model, ...modelsIn(event.data)];
    case "ColumnsPatched":
      return [event.model, ...modelsIn(event.patches)];
    case "RootAdded":
      return [event.model];
    case "RootRemoved":
    case "TitleChanged":
      return [];
    case "MessageSent":
      return [...modelsIn(event.msg_data instanceof ServerEvent ? event.msg_data.values : event.msg_data)];
  }
}

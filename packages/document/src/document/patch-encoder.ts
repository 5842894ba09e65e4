import type { Serializer } from "../core/serialization/serializer.js";
import type { DocumentChangedEvent } from "./events.js";

/** A document change as a PATCH-DOC event, in the shape bokeh serve sends (models the receiver lacks travel inside). */
export function encodeEvent(event: DocumentChangedEvent, serializer: Serializer): Record<string, unknown> {
  switch (event.kind) {
    case "ModelChanged": {
      const model = serializer.encode(event.model);
      return { kind: "ModelChanged", model, attr: event.attr, new: serializer.encodeAttribute(event.model.propertyDef(event.attr), event.value) };
    }
    case "ColumnDataChanged":
      return { kind: "ColumnDataChanged", model: serializer.encode(event.model), attr: event.attr, data: serializer.encode(event.data), cols: event.cols };
    case "ColumnsStreamed":
      return { kind: "ColumnsStreamed", model: serializer.encode(event.model), attr: event.attr, data: serializer.encode(event.data), rollover: event.rollover };
    case "ColumnsPatched":
      return { kind: "ColumnsPatched", model: serializer.encode(event.model), attr: event.attr, patches: serializer.encode(event.patches) };
    case "RootAdded":
      return { kind: "RootAdded", model: serializer.encode(event.model) };
    case "RootRemoved":
      return { kind: "RootRemoved", model: { id: event.model.id } };
    case "TitleChanged":
      return { kind: "TitleChanged", title: event.title };
    case "MessageSent":
      return { kind: "MessageSent", msg_type: event.msg_type, msg_data: serializer.encode(event.msg_data) };
  }
}

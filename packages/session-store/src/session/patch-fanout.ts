import {
  type DocumentChangedEvent,
  encodeEvent,
  type HasProps,
  modelsMentioned,
  Serializer,
} from "@fastify-bokeh/document";
import { type Message, type PatchEvent, patchDoc } from "@fastify-bokeh/protocol";
import type { ServerConnection } from "./server-connection.js";

interface Encoded {
  readonly wire: PatchEvent;
  /** Buffer ids (in the shared serializer) the event refers to. */
  readonly buffers: readonly string[];
}

/**
 * Sends one turn's document changes to the connections of a session, one PATCH-DOC each. An event is encoded once
 * (with bare references) for every connection that already knows the models it mentions, and per connection only
 * where models must travel in full; connections receiving the same events get the same message.
 */
export function fanOut(events: readonly DocumentChangedEvent[], connections: Iterable<ServerConnection>): void {
  let shared: Serializer | undefined;
  const encoded: (Encoded | undefined)[] = new Array(events.length);
  const mentioned: (readonly HasProps[] | undefined)[] = new Array(events.length);
  const messages = new Map<string, Message>();

  const sharedEncoding = (i: number): Encoded => {
    let out = encoded[i];
    if (out === undefined) {
      shared ??= new Serializer({ referencesOnly: true, bufferPrefix: "s" });
      const before = shared.buffers.size;
      const wire = encodeEvent(events[i]!, shared) as unknown as PatchEvent;
      const ids = [...shared.buffers.keys()].slice(before);
      out = encoded[i] = { wire, buffers: ids };
    }
    return out;
  };

  for (const connection of connections) {
    if (!connection.pulled) continue;
    const wire: PatchEvent[] = [];
    const bufferIds: string[] = [];
    let own: Serializer | undefined;
    let key = "";
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.setter === connection) continue;
      const models = (mentioned[i] ??= modelsMentioned(event));
      if (models.every((model) => connection.known.has(model))) {
        const { wire: w, buffers } = sharedEncoding(i);
        wire.push(w);
        bufferIds.push(...buffers);
        key += `${i},`;
      } else {
        own ??= new Serializer({ known: connection.known, bufferPrefix: "c" });
        wire.push(encodeEvent(event, own) as unknown as PatchEvent);
        key = "!";
      }
    }
    if (wire.length === 0) continue;
    let message = own === undefined ? messages.get(key) : undefined;
    if (message === undefined) {
      const buffers = new Map<string, ArrayBufferView>();
      for (const id of bufferIds) buffers.set(id, shared!.buffers.get(id)!);
      for (const [id, view] of own?.buffers ?? []) buffers.set(id, view);
      message = patchDoc(wire, buffers);
      if (own === undefined) messages.set(key, message);
    }
    connection.send(message);
  }
}

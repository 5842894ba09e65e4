import {
  countMentioned,
  type DocumentChangedEvent,
  encodeEvent,
  encodeEventInSlices,
  type HasProps,
  modelsMentioned,
  Serializer,
} from "@fastify-bokeh/document";
import { encodeInSlices, type Message, type PatchEvent, patchDoc } from "@fastify-bokeh/protocol";
import type { EncodedMessage, ServerConnection } from "../connection/server-connection.js";

/**
 * Models an event may mention (per connection, all events of the turn counted) and still be encoded at once. Above
 * it (a relayed patch adding 100,000 models: ~0.5 s of encoding) the connection's PATCH-DOC is encoded in time
 * slices; below it, as for a slider's change, the encoding costs too little to be worth a detour.
 */
const SLICED_ABOVE_MODELS = 1000;

type ModelsOf = (index: number, event: DocumentChangedEvent) => readonly HasProps[];

interface Encoded {
  readonly wire: PatchEvent;
  /** Buffer ids (in the shared serializer) the event refers to. */
  readonly buffers: readonly string[];
}

/** Events encoded once, with bare references, for every connection that knows the models they mention. */
class SharedEncoding {
  private serializer: Serializer | undefined;
  private readonly encoded = new Map<number, Encoded>();

  /** The shared encoding of the event at `index`. */
  of(index: number, event: DocumentChangedEvent): Encoded {
    let out = this.encoded.get(index);
    if (out === undefined) {
      this.serializer ??= new Serializer({ referencesOnly: true, bufferPrefix: "s" });
      const serializer = this.serializer;
      const before = serializer.buffers.size;
      const wire = encodeEvent(event, serializer);
      out = { wire, buffers: [...serializer.buffers.keys()].slice(before) };
      this.encoded.set(index, out);
    }
    return out;
  }

  buffer(id: string): ArrayBufferView | undefined {
    return this.serializer?.buffers.get(id);
  }
}

/** One connection's PATCH-DOC: its events, and `key` naming them when they are all shared (else undefined). */
interface Patch {
  readonly wire: PatchEvent[];
  readonly bufferIds: string[];
  readonly own: Serializer | undefined;
  readonly key: string | undefined;
}

/**
 * Sends one turn's document changes to the connections of a session, one PATCH-DOC each. An event is encoded once
 * (with bare references) for every connection that already knows the models it mentions, and per connection only
 * where models must travel in full; connections receiving the same events get the same message. A very large
 * PATCH-DOC is encoded in time slices, in its connection's order of messages: the promise (undefined when all went
 * out at once) settles once it is encoded, and the document must not change until then.
 */
export function fanOut(
  events: readonly DocumentChangedEvent[],
  connections: Iterable<ServerConnection>,
): Promise<void> | undefined {
  const shared = new SharedEncoding();
  const mentioned = new Map<number, readonly HasProps[]>();
  const modelsOf: ModelsOf = (index, event) => {
    let models = mentioned.get(index);
    if (models === undefined) {
      models = modelsMentioned(event);
      mentioned.set(index, models);
    }
    return models;
  };
  const messages = new Map<string, Message>();
  const sliced: Promise<void>[] = [];
  for (const connection of connections) {
    if (!connection.pulled) continue;
    if (isLarge(connection, events)) {
      sliced.push(connection.sendEncoded(encodeInSlicesFor(connection, events)));
      continue;
    }
    const patch = patchFor(connection, events, shared, modelsOf);
    if (patch.wire.length === 0) continue;
    let message = patch.key === undefined ? undefined : messages.get(patch.key);
    if (message === undefined) {
      message = patchDoc(patch.wire, patchBuffers(patch, shared));
      if (patch.key !== undefined) messages.set(patch.key, message);
    }
    connection.send(message);
  }
  return sliced.length === 0 ? undefined : Promise.all(sliced).then(() => undefined);
}

/**
 * Whether the events `connection` is sent mention more than {@link SLICED_ABOVE_MODELS} models (each counted once
 * per event); a huge event is not walked whole to tell.
 */
function isLarge(connection: ServerConnection, events: readonly DocumentChangedEvent[]): boolean {
  let left = SLICED_ABOVE_MODELS + 1;
  for (const event of events) {
    if (event.setter !== connection) left -= countMentioned(event, left);
    if (left <= 0) return true;
  }
  return false;
}

/** The PATCH-DOC of `connection` (all events but its own), encoded in time slices with its own serializer. */
async function encodeInSlicesFor(
  connection: ServerConnection,
  events: readonly DocumentChangedEvent[],
): Promise<EncodedMessage> {
  const serializer = new Serializer({ known: connection.known, bufferPrefix: "c" });
  const wire: PatchEvent[] = [];
  for (const event of events) if (event.setter !== connection) wire.push(await encodeEventInSlices(event, serializer));
  const message = patchDoc(wire, serializer.buffers);
  return { message, frames: await encodeInSlices(message) };
}

/** The events `connection` is sent (all but its own), each shared where it knows every model mentioned. */
function patchFor(
  connection: ServerConnection,
  events: readonly DocumentChangedEvent[],
  shared: SharedEncoding,
  modelsOf: ModelsOf,
): Patch {
  const wire: PatchEvent[] = [];
  const bufferIds: string[] = [];
  let own: Serializer | undefined;
  let key = "";
  for (const [index, event] of events.entries()) {
    if (event.setter === connection) continue;
    if (modelsOf(index, event).every((model) => connection.known.has(model))) {
      const encoded = shared.of(index, event);
      wire.push(encoded.wire);
      bufferIds.push(...encoded.buffers);
      key += `${index},`;
    } else {
      own ??= new Serializer({ known: connection.known, bufferPrefix: "c" });
      wire.push(encodeEvent(event, own));
    }
  }
  return { wire, bufferIds, own, key: own === undefined ? key : undefined };
}

function patchBuffers(patch: Patch, shared: SharedEncoding): Map<string, ArrayBufferView> {
  const buffers = new Map<string, ArrayBufferView>();
  for (const id of patch.bufferIds) {
    const view = shared.buffer(id);
    if (view !== undefined) buffers.set(id, view);
  }
  for (const [id, view] of patch.own?.buffers ?? []) buffers.set(id, view);
  return buffers;
}

import type { DocJson, PatchEvent } from "@fastify-bokeh/protocol";
/**
 * One change a client made to a session, as the session's log keeps it: enough to make the same change again on
 * a re-created document. Buffers are base64, so an entry is plain JSON.
 */
export type JournalEntry =
  | {
      readonly kind: "patch";
      readonly events: readonly PatchEvent[];
      readonly buffers: Readonly<Record<string, string>>;
    }
  | { readonly kind: "push"; readonly doc: DocJson; readonly buffers: Readonly<Record<string, string>> };

/** A message's binary buffers as base64 strings, by id. */
export function encodeBuffers(buffers: ReadonlyMap<string, ArrayBufferView>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, view] of buffers)
    out[id] = Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("base64");
  return out;
}

/** The buffers of a logged entry, back as bytes. */
export function decodeBuffers(buffers: Readonly<Record<string, string>>): Map<string, ArrayBufferView> {
  const out = new Map<string, ArrayBufferView>();
  for (const [id, base64] of Object.entries(buffers)) out.set(id, new Uint8Array(Buffer.from(base64, "base64")));
  return out;
}

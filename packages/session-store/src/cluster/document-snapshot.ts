import { type Document, Serializer } from "@fastify-bokeh/document";
import type { PatchEvent } from "@fastify-bokeh/protocol";
import type { JournalEntry } from "./journal-entry.js";
import type { SessionSnapshot } from "./ownership.js";

type Json = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The document as JSON, in Bokeh's serialized form with its model ids, buffers inlined (plain JSON). */
export function snapshotOf(doc: Document): SessionSnapshot {
  return { doc: doc.toJSON(new Serializer({ binary: false })) };
}

/** The attributes of every model defined anywhere in a serialized value, by id. */
function definitions(value: unknown, out = new Map<string, Json>()): Map<string, Json> {
  if (Array.isArray(value)) for (const item of value) definitions(item, out);
  else if (isRecord(value)) {
    const { type, id, attributes } = value;
    if (type === "object" && typeof id === "string" && isRecord(attributes) && !out.has(id)) out.set(id, attributes);
    for (const item of Object.values(value)) definitions(item, out);
  }
  return out;
}

const rootIds = (roots: readonly unknown[]): string[] =>
  roots.flatMap((root) => (isRecord(root) && typeof root.id === "string" ? [root.id] : []));

/**
 * The change that brings a document re-built by its app (same model ids) to a snapshot of it: the roots, title and
 * every attribute of an existing model whose value differs; models the snapshot has and the document lacks are
 * created from their definitions. Applied like a client's patch, so the app's change callbacks see it.
 */
export function restoreEntry(doc: Document, snapshot: SessionSnapshot): JournalEntry {
  const saved = snapshot.doc;
  const savedRoots = saved.roots;
  const now = definitions(snapshotOf(doc).doc.roots);
  const events: PatchEvent[] = [];
  for (const [id, attributes] of definitions(savedRoots)) {
    if (doc.get_model_by_id(id) === undefined) continue;
    const before = now.get(id) ?? {};
    for (const [attr, value] of Object.entries(attributes))
      if (JSON.stringify(value) !== JSON.stringify(before[attr]))
        events.push({ kind: "ModelChanged", model: { id }, attr, new: value });
  }
  const kept = new Set(rootIds(savedRoots));
  const present = new Set(doc.roots.map((root) => root.id));
  for (const root of doc.roots) if (!kept.has(root.id)) events.push({ kind: "RootRemoved", model: { id: root.id } });
  for (const root of savedRoots)
    if (isRecord(root) && typeof root.id === "string" && !present.has(root.id))
      events.push({ kind: "RootAdded", model: { ...root, id: root.id } });
  if (saved.title !== doc.title) events.push({ kind: "TitleChanged", title: saved.title });
  return { kind: "patch", events, buffers: {} };
}

/**
 * The document JSON and render items of standalone output, as Python's `OutputDocumentFor` and
 * `standalone_docs_json_and_render_items` make them.
 */

import type { DocJson } from "@fastify-bokeh/protocol";
import type { HasProps } from "../core/has-props.js";
import { Serializer } from "../core/serialization/serializer.js";
import { DEFAULT_TITLE, Document } from "../document/document.js";
import { newDocId, newElementId } from "./ids.js";

/** A root model and the element it is rendered into. */
export interface RenderRoot {
  /** Id of the `<div>` the root renders into. */
  elementid: string;
  /** The root model's id. */
  id: string;
  /** The root model's `name`, so that a template can place a particular root. */
  name: string | null;
}

/** One document to render and where its roots go. */
export interface RenderItem {
  docid: string;
  roots: RenderRoot[];
}

/** A render item as `Bokeh.embed.embed_items` reads it. */
export interface RenderItemJson {
  docid: string;
  roots: Record<string, string>;
  root_ids: string[];
}

export function renderItemJson(item: RenderItem): RenderItemJson {
  return {
    docid: item.docid,
    roots: Object.fromEntries(item.roots.map((root) => [root.id, root.elementid])),
    root_ids: item.roots.map((root) => root.id),
  };
}

/**
 * The document the output is made from. Models that are exactly the roots of one document are output as that
 * document; models without a document become the roots of a new one (which stays theirs, as in Python); any
 * other selection is output as a stand-in document holding just those roots, with a fresh config and the
 * default title, while the models stay where they are.
 */
export type OutputDocument = { kind: "document"; doc: Document } | { kind: "stand-in"; roots: readonly HasProps[] };

export function outputDocumentFor(models: readonly HasProps[]): OutputDocument {
  if (models.length === 0) throw new Error("standalone output needs at least one model");
  const docs = new Set(models.map((model) => model.document));
  if (docs.size === 1 && docs.has(null)) {
    const doc = new Document();
    for (const model of models) doc.add_root(model);
    return { kind: "document", doc };
  }
  const [only] = docs;
  if (docs.size === 1 && only instanceof Document && sameMembers(only.roots, models))
    return { kind: "document", doc: only };
  return { kind: "stand-in", roots: models };
}

const sameMembers = (a: readonly HasProps[], b: readonly HasProps[]): boolean =>
  new Set(a).size === new Set(b).size && b.every((model) => a.includes(model));

export function outputRoots(output: OutputDocument): readonly HasProps[] {
  return output.kind === "document" ? output.doc.roots : output.roots;
}

export function outputTitle(output: OutputDocument): string {
  return output.kind === "document" ? output.doc.title : DEFAULT_TITLE;
}

/** The document JSON with every byte buffer inline (base64), since standalone output has no binary frames. */
export function outputDocJson(output: OutputDocument): DocJson {
  const serializer = new Serializer({ binary: false });
  if (output.kind === "document") return output.doc.toJSON(serializer);
  return { ...new Document().toJSON(serializer), roots: output.roots.map((root) => serializer.encode(root)) };
}

/** Python's `standalone_docs_json_and_render_items` for models that share one output document. */
export function standaloneDocsJsonAndRenderItems(output: OutputDocument): {
  docs_json: Record<string, DocJson>;
  render_items: RenderItem[];
} {
  const docid = newDocId();
  const roots = outputRoots(output).map((model) => ({
    elementid: newElementId(),
    id: model.id,
    name: nameOf(model),
  }));
  return { docs_json: { [docid]: outputDocJson(output) }, render_items: [{ docid, roots }] };
}

function nameOf(model: HasProps): string | null {
  const name = model.hasProperty("name") ? model.getv("name") : null;
  return typeof name === "string" ? name : null;
}

/** Python's `bokeh.io.save`: standalone HTML written to a file. */
import { writeFile } from "node:fs/promises";
import type { ResourcesLike } from "../embed/resources.js";
import { file_html, type ModelsOrDocument } from "../embed/standalone.js";

export interface SaveOptions {
  /** Where the page loads BokehJS from; the CDN by default. */
  resources?: ResourcesLike;
  /** The page title; the document's title by default. */
  title?: string;
}

/** Writes the page `file_html` makes for the models to `filename` (UTF-8) and resolves to the file name. */
export async function save(obj: ModelsOrDocument, filename: string, options: SaveOptions = {}): Promise<string> {
  await writeFile(filename, file_html(obj, options.resources ?? "cdn", options.title), "utf8");
  return filename;
}

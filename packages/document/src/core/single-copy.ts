/**
 * Guards against two copies of this package in one process. Models carry their class registry and id counter with
 * them: a Document from one copy cannot serialize models built with the other, which shows up much later as a
 * blank page or a SerializationError. Each copy records itself under a process-wide symbol when it loads, and the
 * second one to load refuses with a coded error that says how to fix the install.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The process-wide key (Symbol.for is shared by every module copy) under which the first copy records itself. */
const LOADED = Symbol.for("@fastify-bokeh/document.loaded");

/** Where a copy of the package lives, and its version. */
export interface DocumentCopy {
  readonly root: string;
  readonly version: string;
}

/** A second, different copy of `@fastify-bokeh/document` was loaded while another one is in use. */
export class DuplicateDocumentError extends Error {
  override readonly name = "DuplicateDocumentError";
  readonly code = "FST_BOKEH_DUPLICATE_DOCUMENT";
  constructor(
    readonly first: DocumentCopy,
    readonly second: DocumentCopy,
  ) {
    super(
      `two copies of @fastify-bokeh/document are loaded (${first.version} at ${first.root}, ${second.version} at ${second.root}); ` +
        "models of one are unknown to the other. Install a single copy: make every package use the same version " +
        "(`npm ls @fastify-bokeh/document`, then `npm dedupe` or align the versions)",
    );
  }
}

// This file sits two levels below the package root both as source (src/core) and as built code (dist/core).
function thisCopy(): DocumentCopy {
  const root = new URL("../../", import.meta.url);
  let version = "unknown";
  try {
    const parsed: unknown = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
    if (typeof parsed === "object" && parsed !== null && "version" in parsed && typeof parsed.version === "string")
      version = parsed.version;
  } catch {
    // Bundled without its package.json: the path alone still tells the copies apart.
  }
  return { root: fileURLToPath(root), version };
}

function isCopy(value: unknown): value is DocumentCopy {
  return typeof value === "object" && value !== null && "root" in value && typeof value.root === "string";
}

/** Records this copy as the process' one, or throws {@link DuplicateDocumentError} if another copy got there first. */
export function claimSingleCopy(): DocumentCopy {
  const registry = globalThis as { [LOADED]?: unknown };
  const mine = thisCopy();
  const first = registry[LOADED];
  if (isCopy(first) && first.root !== mine.root) throw new DuplicateDocumentError(first, mine);
  registry[LOADED] = mine;
  return mine;
}

import { randomUUID } from "node:crypto";

/** A fresh id for a standalone document (`docs_json` key), a random UUID as Python Bokeh makes. */
export function newDocId(): string {
  return randomUUID();
}

/**
 * A fresh id for an element of generated HTML (root div, JSON script, autoload script tag): a random UUID that
 * starts with a letter, so that it is also a valid CSS id selector (`#id`), as Python Bokeh's are.
 */
export function newElementId(): string {
  for (;;) {
    const id = randomUUID();
    if (/^[a-f]/.test(id)) return id;
  }
}

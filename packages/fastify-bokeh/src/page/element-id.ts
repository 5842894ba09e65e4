import { randomUUID } from "node:crypto";

/**
 * A fresh id for an element of a generated page (root div, JSON script, autoload script tag): a random UUID that
 * starts with a letter, so it is also usable unquoted in CSS selectors such as `#id` (as Python bokeh's ids are).
 */
export function newElementId(): string {
  for (;;) {
    const id = randomUUID();
    if (/^[a-f]/.test(id)) return id;
  }
}

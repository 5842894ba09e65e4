/** Escaping for what the standalone HTML and scripts interpolate. */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Escapes `&`, `<` and `>` only, as Python's `html.escape(quote=False)`: this is how Bokeh makes document JSON safe
 * inside a `<script>` element; BokehJS's `embed_items` undoes exactly these entities before parsing the JSON.
 */
export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * A JavaScript expression for a value: its JSON, with `<`, `>`, `&` and U+2028/U+2029 as `\u` escapes so that no
 * `</script>` or `<!--` can appear and older parsers do not see line terminators inside string literals.
 */
export function jsLiteral(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError("value is not representable as JSON");
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Indents every non-empty line of a block of text. */
export function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line) => (line === "" ? line : pad + line))
    .join("\n");
}

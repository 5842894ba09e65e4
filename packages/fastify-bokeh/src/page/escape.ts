/** Escaping for everything the page and script generators interpolate. */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and (quoted) attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * JSON that is safe both as a JavaScript literal and inside an HTML `<script>` element: `<`, `>` and `&` become
 * `\u` escapes so no `</script>` or `<!--` can appear, and U+2028/U+2029 are escaped because older JavaScript
 * parsers treat them as line terminators inside string literals.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError("value is not representable as JSON");
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** What {@link toPythonJson} can write. `undefined` members are left out, as JSON.stringify does. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

// Python's json.dumps (ensure_ascii) escapes everything outside printable
// ASCII; JSON.stringify has already escaped the control characters.
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/g;

function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

function pythonString(text: string): string {
  return JSON.stringify(text).replace(NOT_PRINTABLE_ASCII, escapeChar);
}

/**
 * JSON text as Python's `json.dumps(value)` writes it with its defaults
 * (`", "` and `": "` separators, non-ASCII escaped), so our tokens match
 * Python's byte for byte and stay ASCII for BokehJS's `atob`. Object
 * members come out in JavaScript's key order.
 */
export function toPythonJson(value: JsonValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} as JSON`);
      return JSON.stringify(value);
    case "string":
      return pythonString(value);
  }
  if (isArray(value)) return `[${value.map(toPythonJson).join(", ")}]`;
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) members.push(`${pythonString(key)}: ${toPythonJson(member)}`);
  }
  return `{${members.join(", ")}}`;
}

// Array.isArray does not narrow readonly arrays.
function isArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

const MAX_PREVIEW = 120;

/** A short, readable rendering of a refused value: JSON-like, with models, arrays and buffers named. */
const preview = (value: unknown): string => {
  const seen = new Set<object>();
  const render = (v: unknown, depth: number): string => {
    if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v !== "object" || v === null) return String(v);
    if (seen.has(v) || depth > 3) return "…";
    seen.add(v);
    if (v instanceof ArrayBuffer) return `bytes(${v.byteLength})`;
    if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${"length" in v ? String(v.length) : v.byteLength})`;
    if (Array.isArray(v)) return `[${v.map((item) => render(item, depth + 1)).join(", ")}]`;
    if (v instanceof Map) return `Map{${[...v].map(([k, i]) => `${render(k, depth + 1)}: ${render(i, depth + 1)}`)}}`;
    if (v instanceof Set) return `Set{${[...v].map((i) => render(i, depth + 1)).join(", ")}}`;
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return String(v); // models print as Name(id="…")
    const entries = Object.entries(v).map(([k, i]) => `${k}: ${render(i, depth + 1)}`);
    return `{${entries.join(", ")}}`;
  };
  const text = render(value, 0);
  return text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW)}…` : text;
};

/** Assigning a value of the wrong kind: names the model, the property and the expected kind. */
export class PropertyValueError extends TypeError {
  override readonly name = "PropertyValueError";
  constructor(
    readonly model: string,
    readonly property: string,
    readonly expected: string,
    readonly value: unknown,
  ) {
    super(`${model}.${property}: expected a value of kind ${expected}, got ${preview(value)}`);
  }
}

export class UnknownPropertyError extends Error {
  override readonly name = "UnknownPropertyError";
  constructor(
    readonly model: string,
    readonly property: string,
  ) {
    super(`${model} has no property '${property}'`);
  }
}

const preview = (value: unknown): string => {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object" && value !== null) {
    return ArrayBuffer.isView(value)
      ? value.constructor.name
      : Array.isArray(value)
        ? `array(${value.length})`
        : String(value);
  }
  return String(value);
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

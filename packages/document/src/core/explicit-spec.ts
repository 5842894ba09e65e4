/**
 * Spec objects (`{value}`, `{field}`, `{expr}`) that a client sent as `{type: "value" | "field" | "expr"}` reps.
 * They are sent back as such reps whatever the property's kind, so a value Python wraps (its `HatchProps` on
 * `HArea`, say, where BokehJS has scalars) keeps its wrapper through the server.
 */
const explicitSpecs = new WeakSet<object>();

export const markExplicitSpec = <T extends object>(spec: T): T => {
  explicitSpecs.add(spec);
  return spec;
};

export const isExplicitSpec = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && explicitSpecs.has(value);

import type { HasProps } from "../core/has-props.js";
import { isPlainObject } from "../core/kinds.js";
import { isEqual } from "../core/util/eq.js";

/**
 * Whether assigning `value` leaves the property as it is, judged as Python judges it: values are compared as given,
 * so a column name `"x"` differs from a default `{field: "x"}` (Python stores the name and sends it), while `1`
 * equals a default `{value: 1}`.
 */
function unchanged(model: HasProps, name: string, value: unknown): boolean {
  const kind = model.propertyDef(name)?.kind;
  const current = model.getv(name);
  if (kind?.dataSpec === true && !isPlainObject(value)) {
    return (
      isPlainObject(current) && Object.keys(current).length === 1 && "value" in current && isEqual(current.value, value)
    );
  }
  return isEqual(current, kind?.coerce !== undefined ? kind.coerce(value) : value);
}

/**
 * Sets the given properties, skipping values equal to the current ones. Python Bokeh ignores such assignments (the
 * property stays unset and is not serialized), while `setv` marks the property as set; the plotting helpers pass
 * many values that are usually the defaults (`line_alpha: 1`, `dimension: 0`), so they go through here to send
 * exactly what bokeh serve sends.
 */
export function assignChanged(model: HasProps, attrs: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || (model.hasProperty(name) && unchanged(model, name, value))) continue;
    model.setv(name, value);
  }
}

/** A new model of `cls` with `attrs` assigned as {@link assignChanged} does. */
export function create<M extends HasProps>(
  cls: new (attrs?: object) => M,
  attrs: Readonly<Record<string, unknown>>,
): M {
  const model = new cls();
  assignChanged(model, attrs);
  return model;
}

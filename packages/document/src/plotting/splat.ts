import type { HasProps } from "../core/has-props.js";

/**
 * Several models seen as one for assignment, as Python's `p.xaxis` and BokehJS's `ModelProxy`: setting a property
 * sets it on each model (`p.yaxis.axis_label = "price"`); the models are also the elements of a read-only array.
 */
export type ModelSplat<M extends HasProps, P> = readonly M[] & Partial<P>;

export function modelSplat<M extends HasProps, P>(models: readonly M[]): ModelSplat<M, P> {
  return new Proxy([...models], {
    set(target, property, value) {
      if (typeof property !== "string" || property in target)
        throw new Error(`cannot set '${String(property)}' on a list of models`);
      for (const model of target) model.setv(property, value);
      return true;
    },
    get(target, property, receiver) {
      if (
        typeof property === "string" &&
        !(property in target) &&
        target.some((model) => model.hasProperty(property))
      ) {
        throw new Error(`only setting '${property}' is supported on a list of models; read it from one of them`);
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  }) as unknown as ModelSplat<M, P>;
}

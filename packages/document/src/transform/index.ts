export { factor_hatch, factor_mark } from "./categorical.js";
export { eqhist_cmap, type Factors, factor_cmap, linear_cmap, log_cmap } from "./color-mappers.js";
export { cumsum, stack, transform } from "./expressions.js";
export { dodge, jitter } from "./positions.js";

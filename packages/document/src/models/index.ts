export * from "./generated/index.js";

import "./column-data-source.js";
import "./model-callbacks.js";
import "./file-input.js";
import "./slider-values.js";

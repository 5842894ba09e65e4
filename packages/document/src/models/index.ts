export * from "./generated/index.js";
import "./column-data-source.js";

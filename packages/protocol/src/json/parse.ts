import { SlicedJsonParser } from "./sliced-json.js";
import { mayHoldWideInteger } from "./wide-integers.js";

/**
 * A number literal written as a whole float somewhere in the text: `12.0`, or a positive exponent with its sign as
 * Python and JavaScript write them (`1e+16`; an unsigned `e` would also match hex ids such as UUIDs). Cheap, and
 * may also match inside strings: it only decides whether the marking parser runs, which returns the same values.
 */
const MAY_HOLD_WHOLE_FLOAT = /\d\.0+(?!\d)|\d[eE]\+/;

/**
 * JSON.parse, plus a record of which members were written as whole-number floats, or as integers Python sends as
 * floats (see wholeFloatKeys). Text without such a literal, nearly every message, goes to JSON.parse alone. Throws
 * what JSON.parse throws.
 */
export function parseJson(text: string): unknown {
  if (!MAY_HOLD_WHOLE_FLOAT.test(text) && !mayHoldWideInteger(text)) return JSON.parse(text);
  const parser = new SlicedJsonParser(text);
  try {
    parser.run(Number.POSITIVE_INFINITY);
  } catch {
    // Invalid JSON: JSON.parse says why, in its own words.
    return JSON.parse(text);
  }
  return parser.result();
}

/**
 * A whole-number float on its way out: JSON.stringify writes it as a number, except inside {@link stringifyJson},
 * which writes it with a `.0` (as Python's json does), so Python clients read back a float.
 */
export class WholeFloat {
  constructor(readonly value: number) {}

  toJSON(): unknown {
    return writing.active && isPlainInteger(this.value) ? sentinelFor(this.value) : this.value;
  }
}

/** Marks a number for {@link stringifyJson} to write as a float. */
export const wholeFloat = (value: number): WholeFloat => new WholeFloat(value);

/** Digits only (with a sign): what `String(n)` gives for the whole numbers JSON writes without an exponent. */
const isPlainInteger = (value: number): boolean => Number.isInteger(value) && Math.abs(value) < 1e21;

// A string no client or app can write by accident: it carries a per-process random part.
const NONCE = Math.random().toString(36).slice(2, 10);
const SENTINEL = `\u0000wholefloat${NONCE}:`;
// As JSON.stringify writes the sentinel string (the NUL escaped).
const WRITTEN = new RegExp(`"\\\\u0000wholefloat${NONCE}:(-?\\d+)"`, "g");

const writing = { active: false, sentinels: 0 };

function sentinelFor(value: number): string {
  writing.sentinels++;
  return `${SENTINEL}${Object.is(value, -0) ? "-0" : String(value)}`;
}

/** JSON.stringify, writing {@link WholeFloat}s as `N.0`; the text is only rescanned when one was written. */
export function stringifyJson(value: unknown): string {
  writing.active = true;
  writing.sentinels = 0;
  let text: string;
  try {
    text = JSON.stringify(value);
  } finally {
    writing.active = false;
  }
  return writing.sentinels === 0 ? text : text.replace(WRITTEN, "$1.0");
}

/**
 * Integer literals beyond what Python's serializer writes as an int. It writes an int n as an int only inside
 * -(2**53 - 1) < n <= 2**53 - 1 (its own bounds, lopsided as they are), every other as float(n). So bokeh serve,
 * holding the exact int a client wrote as a literal, sends it back as a float; we mark such literals as whole-number
 * floats (see wholeFloatKeys) to do the same (a double holds float(n) exactly).
 */
export const isPythonSafeInteger = (value: number): boolean =>
  value > -Number.MAX_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER;

/** Fewest digits of an integer beyond 2**53 - 1 (9007199254740992). */
const RUN = 16;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/**
 * Whether `text` may hold an integer literal beyond 2**53 - 1: a run of 16 digits or more, not part of a fraction
 * (0.30000000000000004, which JavaScript writes often) nor the mantissa of an exponent. It may also be inside a
 * string: that only sends the text to the marking parser, which returns the same values. It looks at about one
 * character in 16 where digits are sparse (ids, strings), instead of a regular expression's every one.
 */
export function mayHoldWideInteger(text: string): boolean {
  const length = text.length;
  // `end`: the last character of a possible run; no run of 16 digits ends before it.
  for (let end = RUN - 1; end < length; ) {
    if (!isDigit(text.charCodeAt(end))) {
      end += RUN;
      continue;
    }
    let start = end;
    while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
    if (end - start + 1 < RUN) {
      end = start + RUN - 1;
      continue;
    }
    let stop = end + 1;
    while (stop < length && isDigit(text.charCodeAt(stop))) stop++;
    if (isInteger(text.charCodeAt(start - 1), text.charCodeAt(stop))) return true;
    end = stop + RUN;
  }
  return false;
}

/** Whether the digits between `before` and `after` (NaN at either end of the text) are an integer literal. */
const isInteger = (before: number, after: number): boolean =>
  before !== 0x2e /* . */ && after !== 0x2e && after !== 0x65 /* e */ && after !== 0x45 /* E */;

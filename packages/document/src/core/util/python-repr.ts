/*
 * Numbers written as Python (and NumPy, when it turns numbers into strings) writes them: `1.0`, `1e+20`, `nan`,
 * `True`. Used where NumPy would convert numbers to strings (appending numbers to a string column).
 */

/** `digits` (no dot) × 10^exponent, positional (`0.001`, `12.0`) or scientific (`1e-05`, `1.5e+16`). */
function layout(digits: string, exponent: number, scientific: boolean): string {
  if (scientific) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `0.${"0".repeat(-exponent - 1)}${digits}`;
  if (exponent >= digits.length - 1) return `${digits}${"0".repeat(exponent - digits.length + 1)}.0`;
  return `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/**
 * A float written from its shortest round-trip digits in exponential form (`1.5e+3`); `scientific` says, from the
 * value and its decimal exponent, whether to write it in scientific notation.
 */
function fromExponential(
  value: number,
  exponential: string,
  scientific: (value: number, exponent: number) => boolean,
): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const [mantissa = "0", exponent = "0"] = exponential.replace(/^-/, "").split("e");
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  return sign + layout(mantissa.replace(".", ""), Number(exponent), scientific(Math.abs(value), Number(exponent)));
}

/** `repr(float(value))` in Python: the shortest digits that read back as the same float64. */
export const pythonFloatRepr = (value: number): string =>
  fromExponential(value, value.toExponential(), (_, exponent) => exponent < -4 || exponent >= 16);

/** NumPy writes a float32 in scientific notation below 1e-4 and from 1e6 on (measured on the value itself). */
const float32Scientific = (magnitude: number): boolean => magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e6);

/** `str(np.float32(value))`: the shortest digits that read back as the same float32. */
export function float32Repr(value: number): string {
  for (let digits = 1; digits < 9; digits++) {
    const text = value.toExponential(digits - 1);
    if (Math.fround(Number(text)) === value) return fromExponential(value, text, float32Scientific);
  }
  return fromExponential(value, value.toExponential(8), float32Scientific);
}

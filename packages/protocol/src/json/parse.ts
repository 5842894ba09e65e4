import { markWholeFloat } from "./whole-floats.js";

/**
 * A number literal written as a whole float somewhere in the text: `12.0`, or a positive exponent with its sign as
 * Python and JavaScript write them (`1e+16`; an unsigned `e` would also match hex ids such as UUIDs). Cheap, and
 * may also match inside strings: it only decides whether the marking parser runs, which returns the same values.
 */
const MAY_HOLD_WHOLE_FLOAT = /\d\.0+(?!\d)|\d[eE]\+/;

/**
 * JSON.parse, plus a record of which members were written as whole-number floats (see wholeFloatKeys). Text
 * without such a literal, nearly every message, goes to JSON.parse alone. Throws what JSON.parse throws.
 */
export function parseJson(text: string): unknown {
  if (!MAY_HOLD_WHOLE_FLOAT.test(text)) return JSON.parse(text);
  let value: unknown;
  try {
    value = new MarkingParser(text).document();
  } catch {
    // Invalid JSON (or nesting too deep for this parser): JSON.parse says why, or parses it without marks.
    return JSON.parse(text);
  }
  return value;
}

/** Thrown at the first character this parser does not accept; never seen by callers. */
class SyntaxFault extends Error {}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A strict recursive-descent JSON parser giving JSON.parse's values, which marks whole-number float members. */
class MarkingParser {
  private at = 0;

  constructor(private readonly text: string) {}

  document(): unknown {
    const value = this.value();
    this.skipWhitespace();
    if (this.at !== this.text.length) throw new SyntaxFault();
    return value;
  }

  private skipWhitespace(): void {
    WHITESPACE.lastIndex = this.at;
    WHITESPACE.test(this.text);
    this.at = WHITESPACE.lastIndex;
  }

  /** Whether the value just parsed was a whole-number float: its container marks the member it went into. */
  private lastWasWholeFloat = false;

  private value(): unknown {
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.at);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    this.lastWasWholeFloat = false;
    if (c === QUOTE) return this.string();
    if (c === 0x7b) return this.afterContainer(this.object());
    if (c === 0x5b) return this.afterContainer(this.array());
    if (this.literal("true")) return true;
    if (this.literal("false")) return false;
    if (this.literal("null")) return null;
    throw new SyntaxFault();
  }

  /** A container's last member may have been a whole float; the container itself is not one. */
  private afterContainer<T>(container: T): T {
    this.lastWasWholeFloat = false;
    return container;
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.at)) return false;
    this.at += word.length;
    return true;
  }

  private number(): number {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (match === null) throw new SyntaxFault();
    this.at = NUMBER.lastIndex;
    const value = Number(match[0]);
    this.lastWasWholeFloat = (match[1] !== undefined || match[2] !== undefined) && Number.isInteger(value);
    return value;
  }

  private string(): string {
    const start = this.at;
    let escaped = false;
    for (let i = start + 1; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (c === QUOTE) {
        this.at = i + 1;
        const literal = this.text.slice(start, i + 1);
        // Escapes are rare in Bokeh messages: JSON.parse decodes (and checks) them.
        return escaped ? (JSON.parse(literal) as string) : literal.slice(1, -1);
      }
      if (c === BACKSLASH) {
        escaped = true;
        i++;
      } else if (c < 0x20) {
        throw new SyntaxFault();
      }
    }
    throw new SyntaxFault();
  }

  private expect(c: number): void {
    this.skipWhitespace();
    if (this.text.charCodeAt(this.at) !== c) throw new SyntaxFault();
    this.at++;
  }

  /** Whether the next character (after whitespace) is `c`, consumed if so. */
  private take(c: number): boolean {
    this.skipWhitespace();
    if (this.text.charCodeAt(this.at) !== c) return false;
    this.at++;
    return true;
  }

  private array(): unknown[] {
    this.at++;
    const out: unknown[] = [];
    if (this.take(0x5d)) return out;
    do {
      out.push(this.value());
      if (this.lastWasWholeFloat) markWholeFloat(out, out.length - 1, true);
    } while (this.take(0x2c));
    this.expect(0x5d);
    return out;
  }

  private object(): Record<string, unknown> {
    this.at++;
    const out: Record<string, unknown> = {};
    if (this.take(0x7d)) return out;
    do {
      this.skipWhitespace();
      if (this.text.charCodeAt(this.at) !== QUOTE) throw new SyntaxFault();
      const key = this.string();
      this.expect(0x3a);
      const item = this.value();
      const again = Object.hasOwn(out, key);
      // As JSON.parse: `__proto__` is an own member, not the prototype.
      if (key === "__proto__")
        Object.defineProperty(out, key, { value: item, writable: true, enumerable: true, configurable: true });
      else out[key] = item;
      // A repeated key: the last value counts, as in JSON.parse.
      if (this.lastWasWholeFloat || again) markWholeFloat(out, key, this.lastWasWholeFloat);
    } while (this.take(0x2c));
    this.expect(0x7d);
    return out;
  }
}

import { markWholeFloat } from "./whole-floats.js";
import { isPythonSafeInteger } from "./wide-integers.js";

/**
 * JSON.parse of a very large text (a PATCH-DOC adding 100,000 models is ~8 MiB, 200–400 ms in one go) in time
 * slices, so that the event loop keeps serving other connections while it is read. Same result as JSON.parse
 * (keys named `__proto__` included), whole-number floats marked as parseJson marks them; syntax errors are
 * SyntaxErrors naming the position.
 */
export async function parseJsonInSlices(text: string, sliceMs = 2): Promise<unknown> {
  const parser = new SlicedJsonParser(text);
  while (!parser.run(performance.now() + sliceMs)) await new Promise<void>((resolve) => setImmediate(resolve));
  return parser.result();
}

/** How many values are read between two looks at the clock. */
const VALUES_PER_CHECK = 512;

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

type Container = { readonly kind: "array"; readonly value: unknown[] } | ObjectContainer;

interface ObjectContainer {
  readonly kind: "object";
  readonly value: Record<string, unknown>;
  key: string;
}

/**
 * A JSON parser that keeps its place (an explicit stack, no recursion), so it can stop at any value and go on. It
 * marks the members written as whole-number floats (`12.0`, `1e+16`), or as integers beyond what Python writes as an
 * int (see isPythonSafeInteger), in their containers (see wholeFloatKeys).
 */
export class SlicedJsonParser {
  private pos = 0;
  private readonly stack: Container[] = [];
  private root: { readonly value: unknown } | undefined;
  /** Whether the number just read was written as a float with a whole value. */
  private wholeFloat = false;

  constructor(private readonly text: string) {}

  /** Reads values until the text is done (true) or `deadline` (a performance.now() time) has passed (false). */
  run(deadline: number): boolean {
    for (let count = 1; this.root === undefined; count++) {
      if (count % VALUES_PER_CHECK === 0 && performance.now() >= deadline) return false;
      this.step();
    }
    return true;
  }

  result(): unknown {
    if (this.root === undefined) throw new Error("the JSON text has not been read to its end");
    return this.root.value;
  }

  /** One value: a scalar, or the opening of a container (its first key read), and what closes after it. */
  private step(): void {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      this.pos++;
      this.skipSpace();
      const closing = c === 0x7b ? 0x7d : 0x5d;
      if (this.text.charCodeAt(this.pos) === closing) {
        this.pos++;
        this.done(c === 0x7b ? {} : []);
      } else if (c === 0x7b) {
        this.stack.push({ kind: "object", value: {}, key: this.key() });
      } else {
        this.stack.push({ kind: "array", value: [] });
      }
      return;
    }
    this.wholeFloat = false;
    const value = this.scalar(c);
    this.done(value, this.wholeFloat);
  }

  /** A value is complete: it goes into its container, and the containers it completes are closed. */
  private done(value: unknown, wholeFloat = false): void {
    for (;;) {
      const top = this.stack.at(-1);
      if (top === undefined) {
        this.skipSpace();
        if (this.pos < this.text.length) throw this.unexpected();
        this.root = { value };
        return;
      }
      if (top.kind === "array") {
        top.value.push(value);
        if (wholeFloat) markWholeFloat(top.value, top.value.length - 1, true);
      } else {
        const again = Object.hasOwn(top.value, top.key);
        setKey(top.value, top.key, value);
        // A repeated key: the last value counts, its mark too.
        if (wholeFloat || again) markWholeFloat(top.value, top.key, wholeFloat);
      }
      wholeFloat = false;
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x2c /* , */) {
        if (top.kind === "object") top.key = this.key();
        return;
      }
      if (c !== (top.kind === "array" ? 0x5d : 0x7d)) {
        this.pos--;
        throw this.unexpected();
      }
      this.stack.pop();
      value = top.value;
    }
  }

  /** An object key and its colon. */
  private key(): string {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 0x22) throw this.unexpected();
    const key = this.string();
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 0x3a /* : */) throw this.unexpected();
    this.pos++;
    return key;
  }

  private scalar(c: number): unknown {
    if (c === 0x22 /* " */) return this.string();
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) return this.number();
    for (const [word, value] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    throw this.unexpected();
  }

  /** A string; one with escapes is decoded by JSON.parse (it is short, and checks the escapes). */
  private string(): string {
    const text = this.text;
    const start = this.pos;
    let escaped = false;
    for (let i = start + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
      }
      if (c === 0x5c /* \ */) {
        escaped = true;
        i++;
      } else if (c < 0x20) {
        this.pos = i;
        throw this.unexpected();
      }
    }
    this.pos = text.length;
    throw this.unexpected();
  }

  private number(): number {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) throw this.unexpected();
    this.pos += match[0].length;
    const value = Number(match[0]);
    this.wholeFloat =
      match[1] !== undefined || match[2] !== undefined ? Number.isInteger(value) : !isPythonSafeInteger(value);
    return value;
  }

  private skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (let c = text.charCodeAt(pos); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(pos))
      pos++;
    this.pos = pos;
  }

  private unexpected(): SyntaxError {
    if (this.pos >= this.text.length) return new SyntaxError("Unexpected end of JSON input");
    const token = JSON.stringify(this.text.charAt(this.pos));
    return new SyntaxError(`Unexpected token ${token} in JSON at position ${this.pos}`);
  }
}

const LITERALS: readonly (readonly [string, unknown])[] = [
  ["true", true],
  ["false", false],
  ["null", null],
];

/** As JSON.parse does it: a key `__proto__` is an own property, not the prototype. */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

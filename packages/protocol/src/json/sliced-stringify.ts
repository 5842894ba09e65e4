import { stringifyJson } from "./wire-number.js";

/**
 * {@link stringifyJson} of a very large value (a PATCH-DOC relaying 100,000 new models is ~9 MiB of JSON, 50–80 ms
 * in one call) in time slices, so that the event loop keeps serving other connections while it is written. Same
 * text as `stringifyJson`: small parts are written by it whole, large lists and records member by member.
 */
export async function stringifyJsonInSlices(value: unknown, sliceMs = 2): Promise<string> {
  const writer = new SlicedJsonWriter(value);
  while (!writer.run(performance.now() + sliceMs)) await new Promise<void>((resolve) => setImmediate(resolve));
  return writer.result();
}

/** Values (nested ones counted) a part may hold and still be written by one `stringifyJson` call. */
const WHOLE_LIMIT = 256;

/** How many members are written between two looks at the clock. */
const MEMBERS_PER_CHECK = 64;

type Container = readonly unknown[] | Readonly<Record<string, unknown>>;

/** A list or plain record without `toJSON`: what JSON.stringify writes member by member, and so may we. */
function isContainer(value: unknown): value is Container {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !("toJSON" in value);
}

/** What is left of `budget` once the values in `value` are counted; negative when they exceed it. */
function leftAfter(value: unknown, budget: number): number {
  if (!isContainer(value)) return budget - 1;
  const members: readonly unknown[] = Array.isArray(value) ? value : Object.values(value);
  let left = budget - 1 - members.length;
  for (let i = 0; i < members.length && left >= 0; i++) {
    const member = members[i];
    if (typeof member === "object" && member !== null) left = leftAfter(member, left + 1);
  }
  return left;
}

const isLarge = (value: unknown): value is Container => isContainer(value) && leftAfter(value, WHOLE_LIMIT) < 0;

/** A large container being written: its members, the next one, and whether it is a list. */
interface Open {
  readonly list: boolean;
  readonly keys: readonly string[] | undefined;
  readonly members: readonly unknown[];
  next: number;
  /** Whether a member has been written (the next one needs a comma). */
  written: boolean;
}

function open(container: Container): Open {
  if (Array.isArray(container)) return { list: true, keys: undefined, members: container, next: 0, written: false };
  const keys = Object.keys(container);
  const members = keys.map((key) => (container as Record<string, unknown>)[key]);
  return { list: false, keys, members, next: 0, written: false };
}

/** Writes JSON as pieces, keeping its place in an explicit stack so it can stop between two members. */
class SlicedJsonWriter {
  /** Pieces written in the current slice, and the slices before it, each joined. */
  private pieces: string[] = [];
  private readonly chunks: string[] = [];
  private readonly stack: Open[] = [];

  constructor(value: unknown) {
    if (isLarge(value)) this.enter(value);
    else this.pieces.push(stringifyJson(value));
  }

  /** Writes members until the value is done (true) or `deadline` (a performance.now() time) has passed (false). */
  run(deadline: number): boolean {
    for (let count = 1; this.stack.length > 0; count++) {
      if (count % MEMBERS_PER_CHECK === 0 && performance.now() >= deadline) {
        this.collapse();
        return false;
      }
      this.step();
    }
    return true;
  }

  result(): string {
    if (this.stack.length > 0) throw new Error("the JSON text has not been written to its end");
    this.collapse();
    return this.chunks.join("");
  }

  /** Joins a slice's pieces: joining the 300,000 pieces of a 9 MiB text at the end took ~27 ms in one go. */
  private collapse(): void {
    this.chunks.push(this.pieces.join(""));
    this.pieces = [];
  }

  private enter(container: Container): void {
    const opened = open(container);
    this.pieces.push(opened.list ? "[" : "{");
    this.stack.push(opened);
  }

  /** One member of the innermost open container, or its end. */
  private step(): void {
    const top = this.stack.at(-1);
    if (top === undefined) return;
    if (top.next >= top.members.length) {
      this.stack.pop();
      this.pieces.push(top.list ? "]" : "}");
      return;
    }
    const index = top.next++;
    const member = top.members[index];
    const large = isLarge(member);
    const text = large ? undefined : (stringifyJson(member) as string | undefined);
    // As JSON.stringify: a member it cannot write is null in a list and left out of a record.
    if (!large && text === undefined && !top.list) return;
    if (top.written) this.pieces.push(",");
    top.written = true;
    const key = top.keys?.[index];
    if (key !== undefined) this.pieces.push(`${JSON.stringify(key)}:`);
    if (large) this.enter(member as Container);
    else this.pieces.push(text ?? "null");
  }
}

import { Compile } from "typebox/compile";
import type { Header } from "../message.js";
import type { DocJson } from "../messages/doc.js";
import type { MsgType } from "../msgtype.js";
import { CONTENT_SCHEMAS, DocJsonSchema } from "./content.js";
import { HeaderSchema } from "./header.js";
import { EVENT_SCHEMAS } from "./patch-events.js";

/** The part of a compiled TypeBox validator used here. */
interface Checker {
  Check(value: unknown): boolean;
  Errors(value: unknown): ReadonlyArray<{ instancePath: string; message: string }>;
}

// Compiled once at module load; checking a message is then a call into generated code.
const headerChecker: Checker = Compile(HeaderSchema);
const contentCheckers = new Map<string, Checker>(
  Object.entries(CONTENT_SCHEMAS).map(([msgtype, schema]) => [msgtype, Compile(schema)]),
);
const eventCheckers = new Map<string, Checker>(
  Object.entries(EVENT_SCHEMAS).map(([kind, schema]) => [kind, Compile(schema)]),
);

/** The first schema violation, e.g. `/events/0/attr must be string`. */
function firstError(checker: Checker, value: unknown, pathPrefix = ""): string {
  try {
    const [first] = checker.Errors(value);
    if (first === undefined) return "does not match its schema";
    const path = pathPrefix + first.instancePath;
    return path === "" ? first.message : `${path} ${first.message}`;
  } catch {
    return "does not match its schema"; // a diagnosis must never turn into a different kind of failure
  }
}

const docChecker: Checker = Compile(DocJsonSchema);

/** Whether `value` is a serialized document (as PULL-DOC-REPLY and PUSH-DOC carry it, or a store saved it). */
export function isDocJson(value: unknown): value is DocJson {
  return docChecker.Check(value);
}

export function isHeader(value: unknown): value is Header {
  return headerChecker.Check(value);
}

/** Why `value` is not a valid header (call only after `isHeader` said no). */
export function describeHeaderError(value: unknown): string {
  return firstError(headerChecker, value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** PATCH-DOC failures are pinned to one event through its kind rather than reported against the 8-way union. */
function describePatchDocError(checker: Checker, content: unknown): string {
  const events = isObject(content) ? content.events : undefined;
  if (!Array.isArray(events)) return firstError(checker, content);
  for (let i = 0; i < events.length; i += 1) {
    const event: unknown = events[i];
    const kind = isObject(event) ? event.kind : undefined;
    if (typeof kind !== "string") return `/events/${i}/kind must be a string`;
    const checker = eventCheckers.get(kind);
    if (checker === undefined) return `/events/${i} has unknown kind ${JSON.stringify(kind.slice(0, 40))}`;
    if (!checker.Check(event)) return firstError(checker, event, `/events/${i}`);
  }
  return "does not match its schema";
}

/** Undefined when `content` is valid for `msgtype`, otherwise a short description of the first problem. */
export function validateContent(msgtype: MsgType, content: unknown): string | undefined {
  const checker = contentCheckers.get(msgtype);
  if (checker === undefined) return `${msgtype} has no content schema`;
  if (checker.Check(content)) return undefined;
  return msgtype === "PATCH-DOC" ? describePatchDocError(checker, content) : firstError(checker, content);
}

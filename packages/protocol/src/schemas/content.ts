import Type from "typebox";
import type { MsgType } from "../msgtype.js";
import { PatchEventSchema } from "./patch-events.js";

/** `{}`; extra keys are tolerated, as the Python server ignores these contents. */
export const EmptyContentSchema = Type.Object({});

export const ErrorContentSchema = Type.Object({
  text: Type.String(),
  traceback: Type.Union([Type.String(), Type.Null()]),
});

export const VersionInfoSchema = Type.Object({
  bokeh: Type.String(),
  server: Type.String(),
});

export const ServerInfoReplyContentSchema = Type.Object({
  version_info: VersionInfoSchema,
});

export const DocJsonSchema = Type.Object({
  version: Type.String(),
  title: Type.String(),
  config: Type.Unknown(),
  roots: Type.Array(Type.Unknown()),
  defs: Type.Optional(Type.Array(Type.Unknown())),
  // A map rep (event name → CustomJS models), as Python's serializer writes any dict.
  callbacks: Type.Optional(Type.Unknown()),
});

export const DocContentSchema = Type.Object({
  doc: DocJsonSchema,
});

export const PatchDocContentSchema = Type.Object({
  events: Type.Array(PatchEventSchema),
});

export const CONTENT_SCHEMAS = {
  ACK: EmptyContentSchema,
  OK: EmptyContentSchema,
  ERROR: ErrorContentSchema,
  "PULL-DOC-REQ": EmptyContentSchema,
  "PULL-DOC-REPLY": DocContentSchema,
  "PUSH-DOC": DocContentSchema,
  "PATCH-DOC": PatchDocContentSchema,
  "SERVER-INFO-REQ": EmptyContentSchema,
  "SERVER-INFO-REPLY": ServerInfoReplyContentSchema,
} as const satisfies Record<MsgType, unknown>;

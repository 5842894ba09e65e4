import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Column, Div, Document, Slider } from "@fastify-bokeh/document";
import { type Message, patchDoc, pullDocReq, pushDoc } from "@fastify-bokeh/protocol";
import { type Logger, ServerConnection, ServerSession } from "../../src/index.js";
import { FakeClock, MemoryTransport } from "../../src/testing/index.js";

/** The transcripts recorded from bokeh serve 3.9.2 (reference/recordings at the repository root). */
const TRANSCRIPTS_DIR = fileURLToPath(new URL("../../../../reference/recordings/", import.meta.url));

/** The content of the first message of `msgtype` a transcript line sequence holds for one direction. */
export function transcriptContent(file: string, dir: "c2s" | "s2c", msgtype: string): unknown {
  const lines = readFileSync(TRANSCRIPTS_DIR + file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { dir: string; kind: string; text?: string });
  const frames = lines.filter((l) => l.dir === dir && l.kind === "text").map((l) => l.text!);
  const at = frames.findIndex((f) => f.startsWith("{") && (JSON.parse(f) as { msgtype?: string }).msgtype === msgtype);
  if (at < 0) throw new Error(`${file} has no ${dir} ${msgtype}`);
  return JSON.parse(frames[at + 2]!);
}

export interface Logged {
  readonly level: "error" | "info" | "debug";
  readonly details: Record<string, unknown>;
  readonly message: string;
}

export function recordingLogger(): Logger & { readonly entries: Logged[] } {
  const entries: Logged[] = [];
  return {
    entries,
    error: (details, message) => void entries.push({ level: "error", details: { ...details }, message }),
    info: (details, message) => void entries.push({ level: "info", details: { ...details }, message }),
    debug: (details, message) => void entries.push({ level: "debug", details: { ...details }, message }),
  };
}

/** A connection whose transport records what the session sends. */
export class FakeClient {
  readonly transport = new MemoryTransport();
  readonly connection: ServerConnection;

  constructor(readonly session: ServerSession) {
    this.connection = new ServerConnection(this.transport, { logger: recordingLogger() });
    session.subscribe(this.connection);
  }

  /** Messages received since the last call. */
  take(): Message[] {
    return this.transport.take();
  }

  /** The events of the PATCH-DOCs received since the last call, as JSON. */
  patches(): unknown[][] {
    return this.take()
      .filter((m) => m.header.msgtype === "PATCH-DOC")
      .map((m) => json((m.content as { events: unknown[] }).events) as unknown[]);
  }

  async pull(): Promise<Message> {
    await this.session.handle(this.connection, pullDocReq());
    const reply = this.take().find((m) => m.header.msgtype === "PULL-DOC-REPLY");
    if (reply === undefined) throw new Error("no PULL-DOC-REPLY");
    return reply;
  }

  patch(events: unknown[], buffers?: Map<string, ArrayBufferView>): Promise<void> {
    return this.session.handle(this.connection, patchDoc(events as never, buffers));
  }

  push(doc: unknown): Promise<void> {
    return this.session.handle(this.connection, pushDoc(doc as never));
  }
}

export const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

export function makeSession(build: (doc: Document) => void = () => {}) {
  const clock = new FakeClock(1_700_000_000_000);
  const logger = recordingLogger();
  const document = new Document();
  build(document);
  const session = new ServerSession({ id: "session-1", document, token: "token", clock, logger });
  return { session, document, clock, logger };
}

/** Lets queued microtasks and immediate callbacks run. */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A slider whose on_change callback writes its value into a div: "slider", "div" and "layout" by name. */
export const sliderApp = (doc: Document) => {
  const slider = new Slider({ start: 0, end: 10, value: 1, name: "slider" });
  const div = new Div({ text: "hi", name: "div" });
  slider.on_change("value", (_a, _o, value) => {
    div.text = `value ${value}`;
  });
  doc.add_root(new Column({ children: [slider, div], name: "layout" }));
};

// Decoding what real clients and bokeh serve sent: every PATCH-DOC of the recorded transcripts applied to a
// document built from the PULL-DOC-REPLY of the same connection. A client patch bokeh serve answered with OK
// must apply; one it answered with ERROR must be refused.

import { Buffer } from "node:buffer";
import { readdirSync } from "node:fs";
import type { DocJson } from "@fastify-bokeh/protocol";
import { CLIENT_ACCEPTS, type Frame, isMessageOf, type Message, Receiver } from "@fastify-bokeh/protocol";
import t from "tap";
import { applyPatch } from "../../src/document/apply-patch.js";
import { Document } from "../../src/document/document.js";
import { Div } from "../../src/models/index.js";
import { readTranscriptFile, TRANSCRIPTS_DIR } from "../fixtures/wire-compare.js";

interface Line {
  seq: number;
  dir: string;
  kind: string;
  text?: string;
  base64?: string;
}

interface Connection {
  file: string;
  lines: Line[];
}

const BOUNDARIES = new Set(["http-request", "http-response", "close", "eof"]);

/** The websocket frames of each connection of a transcript file. */
function connections(file: string): Connection[] {
  const out: Connection[] = [];
  let current: Line[] = [];
  for (const text of readTranscriptFile(file).split("\n")) {
    if (text.trim() === "") continue;
    const line = JSON.parse(text) as Line;
    if (BOUNDARIES.has(line.kind)) {
      if (current.length > 0) out.push({ file, lines: current });
      current = [];
    } else if (line.kind === "text" || line.kind === "binary") {
      current.push(line);
    }
  }
  if (current.length > 0) out.push({ file, lines: current });
  return out;
}

/** Messages of one connection in recorded order; frames that do not make a valid message are skipped. */
function messages(connection: Connection): { dir: string; message: Message }[] {
  const receivers: Record<string, Receiver> = { c2s: new Receiver(), s2c: new Receiver({ accept: CLIENT_ACCEPTS }) };
  const out: { dir: string; message: Message }[] = [];
  for (const line of connection.lines) {
    const receiver = receivers[line.dir]!;
    const frame: Frame = line.kind === "text" ? line.text! : new Uint8Array(Buffer.from(line.base64!, "base64"));
    try {
      const message = receiver.push(frame);
      if (message !== undefined) out.push({ dir: line.dir, message });
    } catch {
      receiver.reset(); // the error transcripts send broken frames on purpose
    }
  }
  return out;
}

// Connection C of transcript 23 was sent a bare reference to a model it never had: bokeh serve's per-document
// bookkeeping (spec §5.6), which BokehJS cannot resolve either. Our server sends the definition (session tests).
const BOKEH_SERVE_QUIRKS = new Set(["23-new-model-fanout.C.jsonl"]);

const files = readdirSync(TRANSCRIPTS_DIR)
  .filter((name) => name.endsWith(".jsonl"))
  .sort();

t.test("every client PATCH-DOC applies as bokeh serve applied it", async (t) => {
  let applied = 0;
  let refused = 0;
  let serverPatches = 0;
  for (const file of files) {
    for (const connection of connections(file)) {
      const all = messages(connection);
      const replies = new Map(
        all
          .filter(({ message }) => message.header.reqid !== undefined)
          .map(({ message }) => [message.header.reqid!, message]),
      );
      let doc: Document | undefined;
      const setter = {};
      for (const { dir, message } of all) {
        if (dir === "s2c" && isMessageOf(message, "PULL-DOC-REPLY")) {
          doc = Document.from_json(message.content.doc as DocJson, message.buffers);
        } else if (dir === "s2c" && isMessageOf(message, "PATCH-DOC") && doc !== undefined) {
          const where = `${file} seq server PATCH-DOC ${message.header.msgid}`;
          if (BOKEH_SERVE_QUIRKS.has(file)) {
            t.throws(
              () => applyPatch(doc!, message.content.events, message.buffers, null),
              /can't resolve reference/,
              `${where}: the quirk`,
            );
          } else {
            t.doesNotThrow(() => applyPatch(doc!, message.content.events, message.buffers, null), where);
            serverPatches++;
          }
        } else if (dir === "c2s" && isMessageOf(message, "PATCH-DOC") && doc !== undefined) {
          const reply = replies.get(message.header.msgid);
          const where = `${file} client PATCH-DOC ${message.header.msgid}`;
          if (reply === undefined) continue; // the connection closed before bokeh serve answered
          if (reply.header.msgtype === "OK") {
            t.doesNotThrow(() => applyPatch(doc!, message.content.events, message.buffers, setter), `${where} applies`);
            applied++;
          } else {
            t.equal(reply.header.msgtype, "ERROR", where);
            t.throws(
              () => applyPatch(doc!, message.content.events, message.buffers, setter),
              `${where} is refused, as by bokeh serve`,
            );
            refused++;
          }
        }
      }
    }
  }
  t.ok(applied >= 20, `${applied} client patches applied`);
  t.ok(refused >= 4, `${refused} client patches refused`);
  t.ok(serverPatches >= 15, `${serverPatches} server patches applied`);
});

t.test("a pulled document keeps bokeh serve's ids, names, values and binary columns", async (t) => {
  const pull = messages(connections("03-pull-doc.jsonl")[0]!).find(({ message }) =>
    isMessageOf(message, "PULL-DOC-REPLY"),
  )!.message as Message<"PULL-DOC-REPLY">;
  const doc = Document.from_json(pull.content.doc as DocJson, pull.buffers);
  t.equal(doc.title, "Transcript app");
  t.equal(doc.roots.length, 1);
  t.equal(doc.roots[0]!.__qualified__, "Column");
  t.equal(
    doc.config?.id,
    (pull.content.doc as { config: { id: string } }).config.id,
    "the pulled config replaces the default one",
  );
  const source = doc.get_model_by_name("source")!;
  const data = source.getv("data") as Record<string, Float64Array>;
  t.ok(data.x instanceof Float64Array);
  t.equal(data.x!.length, data.y!.length);
  t.equal(doc.get_model_by_name("slider")!.getv("title"), "Amplitude");
  t.same([...(doc.get_model_by_name("button")!.getv("subscribed_events") as Set<string>)], ["button_click"]);
});

t.test("PUSH-DOC's document (transcript 24) replaces roots and title", async (t) => {
  const push = messages(connections("24-python-bokeh-client-push.jsonl")[0]!).find(({ message }) =>
    isMessageOf(message, "PUSH-DOC"),
  )!.message as Message<"PUSH-DOC">;
  const doc = new Document();
  const old = new Div({ text: "app" });
  doc.add_root(old);
  const events: string[] = [];
  doc.subscribe((e) => events.push(e.kind));
  doc.replace_with_json(push.content.doc as DocJson, push.buffers);
  t.equal(doc.title, "pushed");
  const [root] = (push.content.doc as DocJson).roots;
  const pushedId = typeof root === "object" && root !== null && "id" in root ? String(root.id) : "";
  t.match(pushedId, /^p\d+$/, "an id Python's bokeh made");
  t.same(
    doc.roots.map((r) => [r.__qualified__, r.id, r.getv("text")]),
    [["Div", pushedId, "pushed by bokeh.client"]],
  );
  t.same(events, ["RootRemoved", "RootAdded", "TitleChanged"], "in bokeh serve's order");
  t.equal(old.document, null);
});

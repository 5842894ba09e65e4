// What the Redis store's tests share: a quiet logger, session tokens, the /button app and an in-memory client.
import { Button, Div, type Document } from "@fastify-bokeh/document";
import { encode, type Message, patchDoc } from "@fastify-bokeh/protocol";
import {
  type ApplicationContext,
  generateToken,
  type Logger,
  ServerConnection,
  type SessionAccess,
} from "@fastify-bokeh/session-store";
import { MemoryTransport } from "@fastify-bokeh/session-store/testing";

export const quiet: Logger = { error: () => undefined, info: () => undefined, debug: () => undefined };

/** The /button contract app: its click counter lives in a closure, outside the document. */
export function button(doc: Document): void {
  let clicks = 0;
  const btn = new Button({ label: "Click", name: "btn" });
  const out = new Div({ text: "clicks: 0", name: "out" });
  btn.on_event("button_click", () => {
    clicks += 1;
    out.text = `clicks: ${clicks}`;
  });
  doc.add_root(btn);
  doc.add_root(out);
}

/** An unsigned token for session `sessionId`, opened at `url`. */
export function accessAt(url: string, sessionId: string): SessionAccess {
  const minted = generateToken({ sessionId, expiresAt: Math.floor(Date.now() / 1000) + 300, signed: false });
  return { ...minted, url };
}

/** A client's click on the button `buttonId`. */
export const click = (buttonId: string): Message =>
  patchDoc([
    {
      kind: "MessageSent",
      msg_type: "bokeh_event",
      msg_data: {
        type: "event",
        name: "button_click",
        values: { type: "map", entries: [["model", { id: buttonId }]] },
      },
    } as never,
  ]);

/** A client of `context`'s session `access`: `send` delivers a message and waits (bounded) for its reply. */
export async function client(context: ApplicationContext, access: SessionAccess) {
  const transport = new MemoryTransport();
  const connection = new ServerConnection(transport, { logger: quiet });
  await context.connect(connection, access);
  const send = async (message: Message): Promise<void> => {
    for (const frame of encode(message)) connection.onFrame(frame);
    for (let i = 0; i < 50 && !transport.messages.some((m) => m.header.reqid === message.header.msgid); i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
  };
  return { connection, transport, send };
}

/** A client change as a patch carries it; the log keeps it as given. */
export const change = (value: number) => ({
  kind: "ModelChanged" as const,
  model: { id: "m1" },
  attr: "value",
  new: value,
});

import { CLIENT_ACCEPTS, encode, type Message, Receiver } from "@fastify-bokeh/protocol";
import WebSocket from "ws";

/** A minimal Bokeh websocket client for tests: sends messages, collects the server's messages in order. */
export class TestClient {
  readonly messages: Message[] = [];
  /** Bytes received per message type, all frames of each message (as they came over the websocket). */
  readonly bytesReceived = new Map<string, number>();
  closed: { code: number; reason: string } | undefined;
  private readonly receiver = new Receiver({ accept: CLIENT_ACCEPTS });
  private waiters: Array<() => void> = [];
  private messageBytes = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      this.messageBytes += data.byteLength;
      const message = this.receiver.push(isBinary ? new Uint8Array(data) : data.toString("utf8"));
      if (message !== undefined) {
        this.messages.push(message);
        const type = message.header.msgtype;
        this.bytesReceived.set(type, (this.bytesReceived.get(type) ?? 0) + this.messageBytes);
        this.messageBytes = 0;
      }
      this.wake();
    });
    socket.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  static open(url: string, token: string | null, headers: Record<string, string> = {}): Promise<TestClient> {
    const socket = new WebSocket(url, token === null ? ["bokeh"] : ["bokeh", token], { headers });
    const client = new TestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(client));
      socket.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once("error", reject);
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `predicate` holds over the received messages (or the socket closes). */
  async until(predicate: (messages: Message[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.messages)) {
      if (this.closed !== undefined) throw new Error(`socket closed (${this.closed.code} ${this.closed.reason})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("timed out waiting for messages");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a message and waits for the reply to it. */
  async request(message: Message): Promise<Message> {
    this.sendFrames(encode(message));
    const id = message.header.msgid;
    await this.until((ms) => ms.some((m) => m.header.reqid === id));
    return this.messages.find((m) => m.header.reqid === id)!;
  }

  sendFrames(frames: Array<string | Uint8Array>): void {
    for (const frame of frames) this.socket.send(frame, { binary: typeof frame !== "string" });
  }

  async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (this.closed === undefined) {
      if (Date.now() > deadline) throw new Error("socket did not close");
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.closed;
  }

  close(): void {
    this.socket.close(1000);
  }
}

/** The session token embedded in an app page. */
export function tokenFromPage(html: string): string {
  const match = /"token":\s*"([^"]+)"/.exec(html);
  if (match === null) throw new Error("no token in page");
  return match[1]!;
}

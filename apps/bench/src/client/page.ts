import { type Agent, request } from "node:http";
import { check } from "./bench-error.js";

export interface Page {
  token: string;
  sessionId: string;
  /** Body size in bytes. */
  bytes: number;
}

const TOKEN = /"token"\s*:\s*"([A-Za-z0-9_.=-]+)"/;
const PAGE_TIMEOUT_MS = 30_000;

/** The session id inside a token (text before the first '.', base64url JSON). */
export function sessionIdOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString("utf8")) as unknown;
  const id =
    typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>).session_id : undefined;
  check(typeof id === "string" && id.length > 0, "token payload has no session_id");
  return id;
}

/** GET an application page (which creates a session) and take the session token from its render items. */
export function fetchPage(agent: Agent, url: string): Promise<Page> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, timeout: PAGE_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        try {
          const body = Buffer.concat(chunks);
          check(res.statusCode === 200, `GET ${url}: status ${res.statusCode}`);
          check(
            /^text\/html/.test(res.headers["content-type"] ?? ""),
            `GET ${url}: content-type ${res.headers["content-type"]}`,
          );
          const match = TOKEN.exec(body.toString("utf8"));
          const token = match?.[1];
          check(token !== undefined, `GET ${url}: no session token in the page`);
          resolve({ token, sessionId: sessionIdOf(token), bytes: body.byteLength });
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url}: no answer within ${PAGE_TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/**
 * The head of an HTTP request as the primary reads it before handing the connection over: only what routing needs
 * (the request target and a few headers); the worker parses the request itself from the same bytes.
 */

/** The request line's target and the first value of each header (names lower-cased). */
export interface RequestHead {
  readonly target: string;
  header(name: string): string | undefined;
}

const HEAD_END = Buffer.from("\r\n\r\n");

/** Where the head ends in `bytes` (just after the blank line), or -1 when it has not all arrived yet. */
export function headLength(bytes: Buffer): number {
  const end = bytes.indexOf(HEAD_END);
  return end === -1 ? -1 : end + HEAD_END.length;
}

/** Parses a complete head; undefined when the request line is not `METHOD TARGET HTTP/x.y`. */
export function parseRequestHead(head: Buffer): RequestHead | undefined {
  const lines = head.toString("latin1").split("\r\n");
  const requestLine = /^[A-Z]+ (\S+) HTTP\/\d\.\d$/.exec(lines[0] ?? "");
  if (requestLine?.[1] === undefined) return undefined;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { target: requestLine[1], header: (name) => headers.get(name) };
}

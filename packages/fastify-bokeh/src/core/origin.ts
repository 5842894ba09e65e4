/**
 * Websocket Origin checks, with bokeh serve's allowlist syntax: `host[:port]` entries, `*` for any port or label,
 * matched label by label with equal label counts, so `dashboard.corp.attacker.com` never passes for
 * `dashboard.corp` (CVE-2026-21883).
 */

const defaultPort = (protocol: string): string => (protocol === "https:" || protocol === "wss:" ? "443" : "80");

/** `host:port` of an Origin header value, lower-cased, with the scheme's default port filled in; null if unparsable. */
export function originHostPort(origin: string): string | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.hostname === "") return null;
  return `${url.hostname.toLowerCase()}:${url.port === "" ? defaultPort(url.protocol) : url.port}`;
}

const splitHostPort = (value: string): [string, string | null] => {
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    const rest = value.slice(end + 1);
    return [value.slice(0, end + 1), rest.startsWith(":") ? rest.slice(1) : null];
  }
  const colon = value.lastIndexOf(":");
  return colon === -1 ? [value, null] : [value.slice(0, colon), value.slice(colon + 1)];
};

/** Whether `hostPort` (as returned by originHostPort) matches one allowlist entry. */
export function matchesOriginPattern(hostPort: string, pattern: string): boolean {
  const p = pattern.trim().toLowerCase();
  if (p === "*") return true;
  const [host, port] = splitHostPort(hostPort);
  const [patternHost, patternPort] = splitHostPort(p);
  if ((patternPort ?? "80") !== "*" && (patternPort ?? "80") !== port) return false;
  const labels = host.split(".");
  const patternLabels = patternHost.split(".");
  if (labels.length !== patternLabels.length) return false;
  return patternLabels.every((label, i) => label === "*" || label === labels[i]);
}

/**
 * Whether a websocket from `origin` may open. No Origin header (non-browser clients such as bokeh.client) is
 * allowed, as in bokeh serve. Without an explicit allowlist the page's own host is allowed: the request's Host,
 * plus `localhost:PORT` and `127.0.0.1:PORT` for the port the server listens on.
 */
export function isOriginAllowed(origin: string | undefined, allowlist: readonly string[]): boolean {
  if (origin === undefined) return true;
  const hostPort = originHostPort(origin);
  if (hostPort === null) return false;
  return allowlist.some((pattern) => matchesOriginPattern(hostPort, pattern));
}

/** The default allowlist for a request: its own Host (with default port) and the loopback names for `port`. */
export function defaultAllowlist(host: string | undefined, port: number | undefined): string[] {
  const list: string[] = [];
  if (host !== undefined && host !== "") list.push(host.includes(":") && !host.endsWith("]") ? host : `${host}:80`);
  if (port !== undefined) list.push(`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`);
  return list;
}

/**
 * Websocket Origin checks with bokeh serve's allowlist syntax: `host[:port]` entries, where `*` stands for any port
 * or for one host label. Hosts are compared label by label and must have as many labels as the entry, so
 * `dashboard.corp.attacker.com` never passes for `dashboard.corp` (CVE-2026-21883).
 */
import { hostname, networkInterfaces } from "node:os";

/** The host and port an Origin header names. */
export interface OriginHost {
  /** Lower-cased host name or IP; IPv6 addresses keep their brackets (`[::1]`). */
  host: string;
  /** The explicit port, or the scheme's default. */
  port: number;
  /** Whether the port is the scheme's default (80 for http/ws, 443 for https/wss), as in a portless Origin. */
  defaultPort: boolean;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "ws:": 80, "https:": 443, "wss:": 443 };

/** Parses an Origin header value; null for anything that is not an http(s)/ws(s) origin (e.g. `null`, `file://`). */
export function parseOrigin(origin: string): OriginHost | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  const schemePort = DEFAULT_PORTS[url.protocol];
  if (schemePort === undefined || url.hostname === "") return null;
  const port = url.port === "" ? schemePort : Number(url.port);
  return { host: url.hostname.toLowerCase(), port, defaultPort: port === schemePort };
}

/** An allowlist entry split into host and port (`undefined` when the entry names no port, `"*"` for any port). */
function splitPattern(pattern: string): { host: string; port: string | undefined } {
  const p = pattern.trim().toLowerCase();
  if (p.startsWith("[")) {
    const end = p.indexOf("]");
    const rest = end === -1 ? "" : p.slice(end + 1);
    return { host: end === -1 ? p : p.slice(0, end + 1), port: rest.startsWith(":") ? rest.slice(1) : undefined };
  }
  const colon = p.lastIndexOf(":");
  return colon === -1 ? { host: p, port: undefined } : { host: p.slice(0, colon), port: p.slice(colon + 1) };
}

/** Why an allowlist entry is unusable, or undefined if it is fine (bokeh serve refuses the same entries). */
export function invalidOriginPattern(pattern: string): string | undefined {
  if (pattern.trim() === "*") return undefined;
  if (/[/?#@\s]/.test(pattern.trim())) return `'${pattern}' is not host[:port] (no scheme or path)`;
  const { host, port } = splitPattern(pattern);
  if (host === "" || host === "[]") return `'${pattern}' has an empty host`;
  if (!host.startsWith("[") && host.includes(":"))
    return `'${pattern}' has more than one ':' (write IPv6 hosts as [addr])`;
  if (port !== undefined && port !== "*" && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535))
    return `'${pattern}' has an invalid port`;
  return undefined;
}

/**
 * Whether an origin matches one allowlist entry. An entry without a port matches the origin's default port (so
 * `dashboard.corp` allows `https://dashboard.corp` and `http://dashboard.corp`); `host:*` matches any port; `*`
 * matches everything.
 */
export function matchesOriginPattern(origin: OriginHost, pattern: string): boolean {
  if (pattern.trim() === "*") return true;
  const { host, port } = splitPattern(pattern);
  if (port === undefined ? !origin.defaultPort : port !== "*" && Number(port) !== origin.port) return false;
  if (host === "*") return true;
  const labels = origin.host.split(".");
  const patternLabels = host.split(".");
  if (labels.length !== patternLabels.length) return false;
  return patternLabels.every((label, i) => label === "*" || label === labels[i]);
}

/**
 * Whether a websocket from `origin` may open. A request without an Origin header (non-browser clients such as
 * bokeh.client) is allowed, as in bokeh serve; an unparsable Origin is refused.
 */
export function isOriginAllowed(origin: string | undefined, allowlist: readonly string[]): boolean {
  if (origin === undefined) return true;
  const parsed = parseOrigin(origin);
  return parsed !== null && allowlist.some((pattern) => matchesOriginPattern(parsed, pattern));
}

/** An address the server listens on, as `fastify.addresses()` lists them. */
export interface ListeningAddress {
  address: string;
  port: number;
}

const WILDCARDS = new Set(["0.0.0.0", "::", "::0", "0:0:0:0:0:0:0:0"]);
const hostEntry = (address: string, port: number): string =>
  address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;

/**
 * The default allowlist: the server's own host:port, i.e. the loopback names (`localhost:PORT` is bokeh serve's
 * default) and every address the server listens on; for a wildcard bind, every address of this machine and its host
 * name. The request's Host header is deliberately not used: a DNS-rebinding page controls it.
 */
export function defaultAllowlist(addresses: readonly ListeningAddress[]): string[] {
  const entries = new Set<string>();
  for (const { address, port } of addresses) {
    for (const loopback of ["localhost", "127.0.0.1", "[::1]"]) entries.add(`${loopback}:${port}`);
    if (!WILDCARDS.has(address)) {
      entries.add(hostEntry(address, port));
      continue;
    }
    entries.add(`${hostname().toLowerCase()}:${port}`);
    for (const list of Object.values(networkInterfaces())) {
      for (const net of list ?? []) entries.add(hostEntry(net.address.replace(/%.*$/, ""), port));
    }
  }
  return [...entries];
}

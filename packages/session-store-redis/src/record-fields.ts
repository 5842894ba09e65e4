import type { SessionPage, SessionRecord } from "@fastify-bokeh/session-store";

/** A record hash as Redis returns it (HGETALL: field → string). */
export type RecordFields = Readonly<Record<string, string>>;

/** The record a hash holds, or undefined when it is empty (no such session). */
export function recordOf(id: string, fields: RecordFields): SessionRecord | undefined {
  const { token, createdAt, lastAccessAt, connectionCount, tokenExpiresAt } = fields;
  if (token === undefined) return undefined;
  return Object.freeze({
    id,
    token,
    createdAt: Number(createdAt ?? 0),
    lastAccessAt: Number(lastAccessAt ?? 0),
    connectionCount: Number(connectionCount ?? 0),
    ...(tokenExpiresAt !== undefined ? { tokenExpiresAt: Number(tokenExpiresAt) } : {}),
  });
}

/** HGETALL's flat [field, value, …] list (as scripts return it) as an object. */
export function fieldsOf(flat: readonly string[]): RecordFields {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = flat[i];
    const value = flat[i + 1];
    if (field !== undefined && value !== undefined) out[field] = value;
  }
  return out;
}

/** The page description saved with a record, if any and well-formed. */
export function pageOf(fields: RecordFields): SessionPage | undefined {
  const raw = fields.page;
  if (raw === undefined) return undefined;
  try {
    const page = JSON.parse(raw) as SessionPage;
    if (typeof page.title !== "string" || !Array.isArray(page.roots)) return undefined;
    // Pages saved before template variables were kept have none.
    const vars: unknown = page.templateVariables;
    return typeof vars === "object" && vars !== null ? page : { ...page, templateVariables: {} };
  } catch {
    return undefined;
  }
}

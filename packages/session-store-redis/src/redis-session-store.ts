import { isDocJson } from "@fastify-bokeh/protocol";
import {
  type JournalEntry,
  type NewSessionRecord,
  type SessionAccess,
  SessionExistsError,
  type SessionHistory,
  type SessionPlacement,
  type SessionRecord,
  type SharedSessionStore,
} from "@fastify-bokeh/session-store";
import { indexKey, type SessionKeys, sessionKeys } from "./keys.js";
import { fieldsOf, pageOf, recordOf } from "./record-fields.js";
import type { RedisNode } from "./redis-node.js";
import { RedisOwnership, type StoredHistory } from "./redis-ownership.js";
import { CLAIM, COUNT_CONNECTION, CREATE, DELETE_IF_UNUSED } from "./scripts.js";

/** A logged stream entry as XRANGE returns it: [id, [field, value, …]]. */
type StreamEntry = [string, string[]];

/** What one run of the CLAIM script gave: the session, or the node holding it. */
type ClaimOutcome =
  | { readonly won: true; readonly epoch: number; readonly existed: boolean }
  | { readonly won: false; readonly holder: string };

const NOTHING_STORED: StoredHistory = { snapshot: undefined, entries: [], state: new Map() };

/** The stream id of the last log entry a saved snapshot covers ("0-0" if unreadable: then the whole log counts). */
function upToOf(snapshot: string): string {
  try {
    const upTo: unknown = (JSON.parse(snapshot) as { upTo?: unknown }).upTo;
    return typeof upTo === "string" && /^\d+-\d+$/.test(upTo) ? upTo : "0-0";
  } catch {
    return "0-0";
  }
}

/** The document and app state of a saved snapshot, if any. */
function snapshotOf(snapshot: string | undefined): SessionHistory["snapshot"] {
  if (snapshot === undefined) return undefined;
  const { doc, state } = JSON.parse(snapshot) as { doc?: unknown; state?: Record<string, string> };
  if (!isDocJson(doc)) return undefined;
  const values = Object.entries(state ?? {}).map(([key, json]) => [key, JSON.parse(json) as unknown]);
  return { doc, state: Object.fromEntries(values) };
}

/**
 * The sessions of one application in Redis, shared by every node of the cluster: records, leases, fencing epochs,
 * logs and app state (see `keys.ts`). Implements the same store seam as the memory store, plus `claim`.
 */
export class RedisSessionStore implements SharedSessionStore {
  readonly shared = true;
  readonly #node: RedisNode;
  readonly #namespace: string;
  readonly #index: string;
  readonly #owned = new Map<string, RedisOwnership>();

  constructor(node: RedisNode, namespace: string) {
    this.#node = node;
    this.#namespace = namespace;
    this.#index = indexKey(node.options.keyPrefix, namespace);
  }

  #keys(id: string): SessionKeys {
    return sessionKeys(this.#node.options.keyPrefix, this.#namespace, id);
  }

  #keyList(id: string): string[] {
    const { record, lease, epoch, log, state } = this.#keys(id);
    return [record, lease, epoch, log, state, this.#index];
  }

  /**
   * Claims the session, or says where its owner is. An owner whose liveness key has expired is dead (or paused, or
   * cut off from Redis): its lease is overridden at once rather than waited out; the fencing epoch the claim moves on
   * keeps such an owner, if it comes back, from writing anything more for the session.
   */
  async claim(access: SessionAccess): Promise<SessionPlacement> {
    const id = access.payload.sessionId;
    const first = await this.#claim(access, "");
    if (first.won) return this.#take(id, first.epoch, first.existed, access);
    const [address, fields] = await Promise.all([
      this.#node.addressOf(first.holder),
      this.#node.redis.hgetall(this.#keys(id).record),
    ]);
    if (address !== undefined) return { kind: "remote", owner: address, page: pageOf(fields) };
    const again = await this.#claim(access, first.holder);
    if (again.won) return this.#take(id, again.epoch, again.existed, access);
    return this.#remote(id, again.holder);
  }

  /** One run of the CLAIM script; `dead` names a node whose lease does not count ("" for none). */
  async #claim(access: SessionAccess, dead: string): Promise<ClaimOutcome> {
    const id = access.payload.sessionId;
    const { nodeId, leaseTtl, retention } = this.#node.options;
    const expiry = access.payload.sessionExpiry;
    const reply = await this.#node.redis.eval(
      CLAIM,
      6,
      ...this.#keyList(id),
      nodeId,
      String(leaseTtl),
      String(Date.now()),
      access.token,
      access.url,
      String(retention),
      id,
      expiry === undefined ? "" : String(expiry * 1000),
      dead,
    );
    const [won, value, existed] = Array.isArray(reply) ? reply : [];
    return won === 1
      ? { won: true, epoch: Number(value), existed: existed === 1 }
      : { won: false, holder: String(value) };
  }

  async #remote(id: string, holder: string): Promise<SessionPlacement> {
    const [address, fields] = await Promise.all([
      this.#node.addressOf(holder),
      this.#node.redis.hgetall(this.#keys(id).record),
    ]);
    return { kind: "remote", owner: address ?? "", page: pageOf(fields) };
  }

  async #take(id: string, epoch: number, existed: boolean, access: SessionAccess): Promise<SessionPlacement> {
    const keys = this.#keys(id);
    const { fields, stored } = existed ? await this.#stored(keys) : { fields: {}, stored: NOTHING_STORED };
    const token = fields.token ?? access.token;
    const url = fields.url ?? access.url;
    const record = { id, token, url, createdAt: Number(fields.createdAt ?? Date.now()) };
    const ownership = new RedisOwnership(this.#node, epoch, keys, this.#index, record, stored);
    this.#owned.set(id, ownership);
    ownership.onLost(() => this.#owned.delete(id));
    this.#node.adoptOwnership(ownership);
    if (!existed) return { kind: "owned", ownership, history: undefined };
    const history = {
      token,
      url,
      snapshot: snapshotOf(stored.snapshot),
      entries: stored.entries.map((json) => JSON.parse(json) as JournalEntry),
      state: Object.fromEntries([...stored.state].map(([key, json]) => [key, JSON.parse(json) as unknown])),
    };
    return { kind: "owned", ownership, history };
  }

  /** What Redis holds of a session: its record, and its snapshot, the log since it and the app state. */
  async #stored(keys: SessionKeys): Promise<{ fields: Record<string, string>; stored: StoredHistory }> {
    const redis = this.#node.redis;
    const fields = await redis.hgetall(keys.record);
    const snapshot = fields.snapshot;
    // Entries up to the snapshot's are trimmed when it is written; the exclusive start makes sure of it.
    const from = snapshot === undefined ? "-" : `(${upToOf(snapshot)}`;
    const [log, state] = await Promise.all([
      redis.xrange(keys.log, from, "+") as Promise<StreamEntry[]>,
      redis.hgetall(keys.state),
    ]);
    const entries = log.flatMap(([, pairs]) => {
      const entry = fieldsOf(pairs).e;
      return entry === undefined ? [] : [entry];
    });
    return { fields, stored: { snapshot, entries, state: new Map(Object.entries(state)) } };
  }

  async get(id: string): Promise<SessionRecord | undefined> {
    return recordOf(id, await this.#node.redis.hgetall(this.#keys(id).record));
  }

  async list(): Promise<SessionRecord[]> {
    const ids = await this.#node.redis.smembers(this.#index);
    const records = await Promise.all(ids.map((id) => this.get(id)));
    const gone = ids.filter((_, i) => records[i] === undefined);
    // Ids whose data expired (their owner died and nobody resumed them) leave the index here.
    if (gone.length > 0) await this.#node.redis.srem(this.#index, ...gone);
    return records.filter((record) => record !== undefined);
  }

  async create(session: NewSessionRecord, now: number): Promise<SessionRecord> {
    const fields: (string | number)[] = ["token", session.token, "createdAt", now, "lastAccessAt", now];
    fields.push("connectionCount", 0);
    if (session.tokenExpiresAt !== undefined) fields.push("tokenExpiresAt", session.tokenExpiresAt);
    const { record } = this.#keys(session.id);
    const done = await this.#node.redis.eval(CREATE, 2, record, this.#index, session.id, ...fields);
    if (done !== 1) throw new SessionExistsError(session.id);
    const created = await this.get(session.id);
    if (created === undefined) throw new SessionExistsError(session.id);
    return created;
  }

  async markConnected(id: string): Promise<SessionRecord | undefined> {
    const ownership = this.#owned.get(id);
    if (ownership !== undefined) ownership.connections += 1;
    return this.#count(id, 1, "");
  }

  async markDisconnected(id: string, now: number): Promise<SessionRecord | undefined> {
    const ownership = this.#owned.get(id);
    if (ownership !== undefined) ownership.connections = Math.max(0, ownership.connections - 1);
    return this.#count(id, -1, String(now));
  }

  async #count(id: string, delta: number, now: string): Promise<SessionRecord | undefined> {
    const done = await this.#node.redis.eval(COUNT_CONNECTION, 1, this.#keys(id).record, String(delta), now);
    return done === 1 ? this.get(id) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    const keys = this.#keyList(id);
    const [deleted] = await Promise.all([
      this.#node.redis.del(...keys.slice(0, 5)),
      this.#node.redis.srem(this.#index, id),
    ]);
    this.#owned.get(id)?.markLost();
    return deleted > 0;
  }

  async findUnused(now: number, unusedLifetimeMs: number): Promise<SessionRecord[]> {
    const records = await this.list();
    return records.filter((r) => r.connectionCount === 0 && now - r.lastAccessAt > unusedLifetimeMs);
  }

  async deleteIfUnused(id: string, now: number, unusedLifetimeMs: number): Promise<SessionRecord | undefined> {
    const reply = await this.#node.redis.eval(
      DELETE_IF_UNUSED,
      6,
      ...this.#keyList(id),
      id,
      String(now),
      String(unusedLifetimeMs),
    );
    const flat = Array.isArray(reply) ? reply.filter((v): v is string => typeof v === "string") : [];
    return flat.length === 0 ? undefined : recordOf(id, fieldsOf(flat));
  }
}

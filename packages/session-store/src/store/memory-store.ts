import { isUnusedSession, type NewSessionRecord, type SessionMeta, type SessionRecord } from "./session-record.js";
import { SessionExistsError, type SessionStore } from "./session-store.js";

/** The default store: records in a Map of this process, as `bokeh serve` keeps them. */
export class MemorySessionStore<Meta extends SessionMeta = Readonly<Record<string, unknown>>>
  implements SessionStore<Meta>
{
  readonly #records = new Map<string, SessionRecord<Meta>>();

  async get(id: string): Promise<SessionRecord<Meta> | undefined> {
    return this.#records.get(id);
  }

  async list(): Promise<SessionRecord<Meta>[]> {
    return [...this.#records.values()];
  }

  async create(session: NewSessionRecord<Meta>, now: number): Promise<SessionRecord<Meta>> {
    if (this.#records.has(session.id)) throw new SessionExistsError(session.id);
    return this.#save({ ...session, createdAt: now, lastAccessAt: now, connectionCount: 0 });
  }

  async markConnected(id: string): Promise<SessionRecord<Meta> | undefined> {
    const record = this.#records.get(id);
    return record && this.#save({ ...record, connectionCount: record.connectionCount + 1 });
  }

  async markDisconnected(id: string, now: number): Promise<SessionRecord<Meta> | undefined> {
    const record = this.#records.get(id);
    return (
      record && this.#save({ ...record, connectionCount: Math.max(0, record.connectionCount - 1), lastAccessAt: now })
    );
  }

  async delete(id: string): Promise<boolean> {
    return this.#records.delete(id);
  }

  async findUnused(now: number, unusedLifetimeMs: number): Promise<SessionRecord<Meta>[]> {
    return [...this.#records.values()].filter((record) => isUnusedSession(record, now, unusedLifetimeMs));
  }

  async deleteIfUnused(id: string, now: number, unusedLifetimeMs: number): Promise<SessionRecord<Meta> | undefined> {
    const record = this.#records.get(id);
    if (!record || !isUnusedSession(record, now, unusedLifetimeMs)) return undefined;
    this.#records.delete(id);
    return record;
  }

  // Frozen so the snapshots handed out cannot change the stored state.
  #save(record: SessionRecord<Meta>): SessionRecord<Meta> {
    const frozen = Object.freeze(record);
    this.#records.set(record.id, frozen);
    return frozen;
  }
}

import type { DocJson } from "@fastify-bokeh/protocol";
import type { JournalEntry } from "./journal-entry.js";

/** A write for a session this node no longer owns: another node took it over (its lease had expired). */
export class OwnershipLostError extends Error {
  readonly code = "SESSION_OWNERSHIP_LOST";

  constructor(readonly sessionId: string) {
    super(`session ${sessionId} is owned by another node now`);
    this.name = "OwnershipLostError";
  }
}

/** How a session's page looks, so a node that does not own it can still serve the page for it. */
export interface SessionPage {
  readonly title: string;
  readonly roots: readonly { readonly id: string; readonly name: string | null }[];
  /** The document's `template_variables` (saved as JSON in a shared store). */
  readonly templateVariables: Readonly<Record<string, unknown>>;
}

/**
 * This node's ownership of one session in a shared store: a lease kept alive while the node lives, and a fencing
 * epoch every write for the session is checked against, so a node that lost the lease (paused, cut off) cannot
 * write for the session any more.
 */
export interface SessionOwnership {
  readonly epoch: number;
  /** Logs one client change; rejects with {@link OwnershipLostError} when another node owns the session now. */
  append(entry: JournalEntry): Promise<void>;
  /** Saves what the session's page needs (title, roots), for pages served by other nodes. */
  describe(page: SessionPage): Promise<void>;
  /** Saves one value of the app's own state (see the document's `SessionState`); `undefined` removes it. */
  saveState(key: string, value: unknown): Promise<void>;
  /**
   * Told after each client change is applied (with the document as it is now); every so many logged changes the
   * store saves `take()` and drops the log entries it covers.
   */
  checkpoint(take: () => SessionSnapshot): Promise<void>;
  /** Called once if the lease is found taken by another node (after a pause or a partition). */
  onLost(listener: () => void): void;
  /** Gives the session up: `forget` also deletes its data (the session is over), otherwise another node may resume it. */
  release(forget: boolean): Promise<void>;
}

/** A session's document at one point of its log, in Bokeh's serialized form (model ids included). */
export interface SessionSnapshot {
  readonly doc: DocJson;
}

/** What a node needs to bring back a session it takes over: how it was opened, and what its clients did since. */
export interface SessionHistory {
  readonly token: string;
  readonly url: string;
  /**
   * The document and app state as saved last, if the log was ever compacted: restored before `entries` are
   * replayed, so that the replay starts from the state it was logged against.
   */
  readonly snapshot?: (SessionSnapshot & { readonly state: Readonly<Record<string, unknown>> }) | undefined;
  /** The session's logged client changes (since the snapshot, if any), oldest first. */
  readonly entries: readonly JournalEntry[];
  /** The app's own saved state. */
  readonly state: Readonly<Record<string, unknown>>;
}

/** Where a session lives, as a shared store answers a request for it. */
export type SessionPlacement =
  | {
      readonly kind: "owned";
      readonly ownership: SessionOwnership;
      /** Undefined for a new session; set when this node took over a session another node had. */
      readonly history: SessionHistory | undefined;
    }
  | {
      readonly kind: "remote";
      /** `host:port` of the owner, for relaying a websocket to it. */
      readonly owner: string;
      readonly page: SessionPage | undefined;
    };

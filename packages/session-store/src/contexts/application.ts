import type { Document, SessionContext } from "@fastify-bokeh/document";
import type { TokenPayload } from "../tokens/token-payload.js";

/** Runs at a session's creation or destruction with its context (`onSessionCreated`, `onSessionDestroyed`). */
export type SessionHook = (context: SessionContext) => void | Promise<void>;

/** What an application context needs of an application: how to build a session's document, and its hooks. */
export interface Application {
  /** Names the application in log messages (its path). */
  readonly path: string;
  /** Builds a new session's document; runs once per session (may be async). */
  readonly app: (doc: Document) => void | Promise<void>;
  /** The document title when the app sets none. */
  readonly title?: string | undefined;
  /** Runs before the app code of every new session. */
  readonly onSessionCreated?: SessionHook | undefined;
  /** Runs when a session is destroyed, after the document's own on_session_destroyed callbacks. */
  readonly onSessionDestroyed?: SessionHook | undefined;
}

/** What opens a session: a valid token (its payload names the session) and the URL of the request carrying it. */
export interface SessionAccess {
  readonly token: string;
  readonly payload: TokenPayload;
  /** The request URL; its query arguments stand in when the token carries none. */
  readonly url: string;
}

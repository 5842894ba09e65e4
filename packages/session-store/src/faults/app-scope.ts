import { AsyncLocalStorage } from "node:async_hooks";

/** Whose code is running: an application, and the session when there is one. */
export interface AppScope {
  /** The application's path. */
  readonly app: string;
  readonly sessionId?: string;
  /** Takes an error that escaped this code (a stray timer, an unhandled rejection): logs it, counts it. */
  readonly fault: (error: unknown, origin: FaultOrigin) => void;
}

/** How an error escaped: Node's names for the two process events. */
export type FaultOrigin = "uncaughtException" | "unhandledRejection";

const storage = new AsyncLocalStorage<AppScope>();

/**
 * Runs `work` as `scope`'s code: timers, promises and callbacks it starts carry the scope, so an error escaping
 * them later can be traced back to the application and session (see {@link currentAppScope}).
 */
export function runInAppScope<T>(scope: AppScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The scope of the code running now (in a process `uncaughtException`/`unhandledRejection` handler: of the failed code). */
export function currentAppScope(): AppScope | undefined {
  return storage.getStore();
}

/** Told of every change an app makes to its session state. */
export type SessionStateListener = (key: string, value: unknown) => void;

/**
 * The app's own per-session values that must survive the session moving to another server process (its owner died
 * and another node resumed it) when replaying what the clients did cannot rebuild them: data fetched from elsewhere,
 * random draws, what a periodic callback accumulated. Values must be JSON-serialisable; `set` saves them (in the
 * shared store, when there is one), and a resumed session finds them here before its app code runs again.
 */
export class SessionState {
  readonly #values = new Map<string, unknown>();
  #listener: SessionStateListener | undefined;
  /**
   * Set by an app whose every value that matters lives in its models or here (none only in callback closures):
   * a shared store may then resume its sessions from a document snapshot plus the changes made since, instead of
   * replaying every change (which is what rebuilds closure state), and so keep their logs short.
   */
  allowSnapshots = false;

  get<T = unknown>(key: string): T | undefined {
    return this.#values.get(key) as T | undefined;
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  set(key: string, value: unknown): void {
    this.#values.set(key, value);
    this.#listener?.(key, value);
  }

  delete(key: string): void {
    if (!this.#values.delete(key)) return;
    this.#listener?.(key, undefined);
  }

  /** For the server: restores saved values (without reporting them as changes). */
  load(values: Readonly<Record<string, unknown>>): void {
    for (const [key, value] of Object.entries(values)) this.#values.set(key, value);
  }

  /** For the server: where changes are reported (one listener; `undefined` stops reporting). */
  watch(listener: SessionStateListener | undefined): void {
    this.#listener = listener;
  }
}

/** A result that may be ready at once: work that usually finishes synchronously returns it as is. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Runs `next` on `value` now when it is ready, else once it resolves. The round trip of a small request stays
 * synchronous this way: every promise costs an allocation and a hook call per AsyncLocalStorage in the process.
 */
export function after<T, R>(value: MaybePromise<T>, next: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/** Whether `value` can be awaited (a promise, or any object with a `then` method, as `await` accepts). */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  return "then" in value && typeof value.then === "function";
}

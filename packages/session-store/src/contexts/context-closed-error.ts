/** Refuses sessions once an application context is closing: the server is shutting down. */
export class ContextClosedError extends Error {
  constructor() {
    super("the server is shutting down");
    this.name = "ContextClosedError";
  }
}

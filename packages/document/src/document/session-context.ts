/** The HTTP request that created the session, as app code sees it (Bokeh's `session_context.request`). */
export interface SessionRequest {
  /** Query arguments, each a list of values (Bokeh keeps them as bytes; here they are decoded as UTF-8). */
  readonly arguments: Readonly<Record<string, readonly string[]>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly cookies: Readonly<Record<string, string>>;
}

/** What app code learns about its session (Bokeh's `doc.session_context`). */
export interface SessionContext {
  readonly id: string;
  readonly request: SessionRequest;
  /** The decoded token payload, without `session_id`. */
  readonly token_payload: Readonly<Record<string, unknown>>;
  readonly destroyed: boolean;
}

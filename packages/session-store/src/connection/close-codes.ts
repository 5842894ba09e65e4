// RFC 6455 close codes the server sends (all valid codes, unlike bokeh serve's 10000/10001).

/** A connection ends normally. */
export const NORMAL_CLOSURE = 1000;
/** The server shuts down, or the session went away (destroyed) while the connection was open or joining. */
export const GOING_AWAY = 1001;
/** A framing error the protocol receiver names no more precise code for. */
export const PROTOCOL_ERROR = 1002;
/** A missing or refused session token. */
export const POLICY_VIOLATION = 1008;
/** The session could not be created, or the server failed unexpectedly. */
export const INTERNAL_ERROR = 1011;
/** The client stayed too far behind the messages it is sent (it does not read them fast enough). */
export const TRY_AGAIN_LATER = 1013;

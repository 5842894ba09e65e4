/**
 * One websocket message as the protocol sees it: a text frame is a string, a binary frame a Uint8Array.
 * (Each protocol "fragment" — header, metadata, content, buffer header, buffer payload — is one such frame.)
 */
export type Frame = string | Uint8Array;

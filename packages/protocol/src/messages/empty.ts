/** Content of ACK, OK, PULL-DOC-REQ and SERVER-INFO-REQ: `{}` (extra keys from a peer are tolerated). */
export type EmptyContent = { readonly [key: string]: unknown };

/**
 * Shared, frozen `{}`: the metadata and empty content of constructed messages, and what the Receiver hands
 * on for a `{}` frame. The encoder writes it without stringifying.
 */
export const EMPTY: EmptyContent = Object.freeze({});

import Type from "typebox";

/** Any JSON value: both official clients send `{}` and the Python server ignores it, so nothing is checked. */
export const MetadataSchema = Type.Unknown();

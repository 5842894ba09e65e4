/** A wire value could not be turned into a value (bad rep, missing buffer, unknown model type). */
export class DeserializationError extends Error {
  override readonly name = "DeserializationError";
}

/** A reference to a model id the document does not have. */
export class UnknownReferenceError extends Error {
  override readonly name = "UnknownReferenceError";
  constructor(readonly id: string) {
    super(`can't resolve reference '${id}'`);
  }
}

export class SerializationError extends Error {
  override readonly name = "SerializationError";
}

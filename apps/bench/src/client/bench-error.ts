/** A reply that is not what the contract says: the run fails instead of reporting a fast wrong answer. */
export class ValidationError extends Error {
  override readonly name = "ValidationError";
}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ValidationError(message);
}

// Message ids only have to be unique among the messages a peer sees; a per-process counter is enough and
// costs one string concatenation. The prefix keeps them visibly apart from Python ("p1234") and BokehJS ids.
const PREFIX = "n";
let counter = 0;

/** A new opaque, process-wide unique message id. */
export function nextMsgId(): string {
  counter += 1;
  return PREFIX + counter;
}

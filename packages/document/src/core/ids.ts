import { AsyncLocalStorage } from "node:async_hooks";

let counter = 1000;

/**
 * A sequence of model ids of its own, for code whose ids must come out the same when it runs again: a session
 * re-created on another node after its owner died re-runs its app and replays its log, and its models must get the
 * ids the clients already know. `next` is the last number handed out, so the sequence can be saved and resumed.
 */
export class ModelIdSequence {
  /** `prefix` keeps the ids of sessions shown side by side (several embedded in one page) apart. */
  constructor(
    readonly prefix = "p",
    public next = 1000,
  ) {}

  take(): string {
    this.next += 1;
    return `${this.prefix}${this.next}`;
  }
}

const sequences = new AsyncLocalStorage<ModelIdSequence>();

/** Model ids in Bokeh's simple-id style (`p1001`): from the sequence of the running code when it has one. */
export function nextModelId(): string {
  const sequence = sequences.getStore();
  if (sequence !== undefined) return sequence.take();
  counter += 1;
  return `p${counter}`;
}

/** Runs `work` with model ids from `sequence`; timers and promises it starts keep drawing from it. */
export function withModelIds<T>(sequence: ModelIdSequence, work: () => T): T {
  return sequences.run(sequence, work);
}

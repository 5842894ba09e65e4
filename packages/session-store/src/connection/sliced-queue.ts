/**
 * How long one queue may work back to back before it lets the event loop serve others: a burst from one client
 * must not stall every other connection of the process.
 */
const SLICE_MS = 5;

const nextLoopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Items handled one at a time, in the order pushed, each after the one before has finished. After {@link SLICE_MS}
 * of back-to-back work it waits for the next turn of the event loop, so that other connections' I/O and timers run
 * in between, however long the queue.
 */
export class SlicedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private running = false;

  constructor(private readonly handle: (item: T) => void | Promise<void>) {}

  push(item: T): void {
    this.items.push(item);
    if (!this.running) void this.drain();
  }

  /** Forgets what has not been handled yet. */
  clear(): void {
    this.items = [];
    this.head = 0;
  }

  private async drain(): Promise<void> {
    this.running = true;
    let sliceStart = performance.now();
    try {
      while (this.head < this.items.length) {
        if (performance.now() - sliceStart >= SLICE_MS) {
          await nextLoopTurn();
          sliceStart = performance.now();
          continue;
        }
        const item = this.items[this.head++] as T;
        await this.handle(item);
      }
    } finally {
      this.clear();
      this.running = false;
    }
  }
}

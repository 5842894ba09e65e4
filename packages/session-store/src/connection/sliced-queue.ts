/**
 * How long one queue may work back to back before it lets the event loop serve others: a burst from one client
 * must not stall every other connection of the process. Measured with `pnpm bench -- --scenarios burst` (5,000
 * PATCH-DOCs on one connection, the others' round-trip p99): 67–137 ms with 5 ms slices, 41–56 ms with 2 ms.
 */
const SLICE_MS = 2;

/**
 * Items handled one at a time, in the order pushed, each after the one before has finished (an item's handler may
 * return a promise; it must not reject). After {@link SLICE_MS} of back-to-back work it waits for the next turn of
 * the event loop, so that other connections' I/O and timers run in between, however long the queue. Items whose
 * handlers finish synchronously cost no promise.
 */
export class SlicedQueue<T> {
  private items: T[] = [];
  private head = 0;
  private running = false;
  /**
   * When the current slice began. It spans items handled asynchronously, and pushes made while it lasts: a burst
   * of frames arrives as many pushes from one synchronous run of the websocket's parser, and must still be sliced
   * (a queue that used up its slice waits for the next turn of the loop even when it ran empty).
   */
  private sliceStart = Number.NEGATIVE_INFINITY;
  private readonly resume = (): void => this.drain();
  private readonly nextSlice = (): void => {
    this.sliceStart = performance.now();
    this.drain();
  };

  constructor(private readonly handle: (item: T) => void | Promise<void>) {}

  push(item: T): void {
    this.items.push(item);
    if (this.running) return;
    if (performance.now() - this.sliceStart >= SLICE_MS) this.sliceStart = performance.now();
    this.drain();
  }

  /** Forgets what has not been handled yet. */
  clear(): void {
    this.items = [];
    this.head = 0;
  }

  /** Handles items until the queue is empty, an item is still being handled, or the slice is used up. */
  private drain(): void {
    this.running = true;
    while (this.head < this.items.length) {
      if (performance.now() - this.sliceStart >= SLICE_MS) {
        setImmediate(this.nextSlice);
        return;
      }
      const item = this.items[this.head++] as T;
      const handled = this.handle(item);
      if (handled instanceof Promise) {
        handled.then(this.resume, this.resume);
        return;
      }
    }
    this.clear();
    if (performance.now() - this.sliceStart >= SLICE_MS) setImmediate(this.nextSlice);
    else this.running = false;
  }
}

/**
 * A per-second sliding-window counter in O(1) per event and O(limit) memory.
 *
 * @module
 */

/** Length of the exchanges' "per second" window, in milliseconds. */
export const WINDOW_MS = 1_000;

/**
 * Counts events in the last {@link WINDOW_MS} milliseconds, up to `capacity`: a ring of the
 * times of the last `capacity` events. An event at `now` fits when fewer than `capacity` events
 * happened in `(now - WINDOW_MS, now]`, i.e. when the ring is not full or its oldest entry has
 * left the window.
 */
export class SlidingWindow {
  private readonly times: Float64Array;
  private head = 0;
  private size = 0;

  /** @param capacity - the most events allowed in any window; at least 1 */
  constructor(readonly capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
  }

  /** True when one more event at `now` keeps the window within its capacity. */
  fits(now: number): boolean {
    if (this.size < this.capacity) return true;
    return now - (this.times[this.head] as number) >= WINDOW_MS;
  }

  /** Records an event at `now` (call only after {@link fits} said yes). */
  add(now: number): void {
    const capacity = this.times.length;
    if (this.size < capacity) {
      this.times[(this.head + this.size) % capacity] = now;
      this.size += 1;
      return;
    }
    this.times[this.head] = now;
    this.head = (this.head + 1) % capacity;
  }

  /** Events in the window ending at `now`. O(capacity); for usage reports, not the check path. */
  count(now: number): number {
    let n = 0;
    const capacity = this.times.length;
    for (let i = 0; i < this.size; i++) {
      if (now - (this.times[(this.head + i) % capacity] as number) < WINDOW_MS) n += 1;
    }
    return n;
  }

  /** Forgets every event. */
  clear(): void {
    this.head = 0;
    this.size = 0;
  }
}

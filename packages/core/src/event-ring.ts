/**
 * A FIFO queue of references in a power-of-two ring: `push` and `shift` are an index mask and one
 * store, with no per-item allocation and no copying of the items already queued (an array's
 * `shift()` moves them all; a swapped pair of arrays re-grows from empty on every batch).
 * Internal to the EventEngine.
 *
 * Capacity policy: the ring grows by {@link RING_GROWTH_FACTOR} when full and **keeps** what it
 * grew to when it empties, so a burst that recurs (the opening auction's ticks every morning, a
 * replay) does not pay for growing again: each growth copies the queue into a fresh array and a
 * large fresh array is old-generation memory, which can pull a full GC into the burst. It gives
 * memory back lazily: {@link EventRing.trim}, called by the engine on its timer, shrinks the ring
 * once the queue has stayed at most 1/{@link SHRINK_WHEN_PEAK_BELOW} of the capacity for
 * {@link QUIET_TRIMS_BEFORE_SHRINK} calls in a row, to twice the longest queue of that quiet
 * spell (never below the initial capacity). So the slots held (8 bytes each) stay below
 * `max(initialCapacity, RING_GROWTH_FACTOR × the longest queue)` while busy, and fall to
 * `max(initialCapacity, 2 × the longest queue of the quiet spell)` after it.
 *
 * Measured against a list of 1,024-slot chunks on the 1M-event benchmark (2026-12-02, three
 * interleaved comparisons of 12-16 processes each): medians within noise of each other, but the
 * chunks drew a full GC into the measured round in 6-9 of 16 and 8 of 12 processes, the ring in
 * 0-3, and a full GC there is what makes a slow process.
 */
export class EventRing<T> {
  private slots: (T | undefined)[];
  private mask: number;
  private head = 0;
  private count = 0;
  // The longest queue since the last trim(), and over the current quiet spell of trims.
  private peak = 0;
  private quietPeak = 0;
  private quietTrims = 0;

  /**
   * @param initialCapacity - slots allocated up front, a power of two; the ring never shrinks
   *   below it
   */
  constructor(private readonly initialCapacity: number = DEFAULT_RING_CAPACITY) {
    if (!isPowerOfTwo(initialCapacity))
      throw new RangeError(
        `EventRing initialCapacity must be a power of two, got ${String(initialCapacity)}`,
      );
    this.slots = emptySlots(initialCapacity);
    this.mask = initialCapacity - 1;
  }

  /** Items queued. */
  get size(): number {
    return this.count;
  }

  /** Slots allocated (a power of two, at least `size`). */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Appends `item` at the tail, growing the ring when it is full. */
  push(item: T): void {
    if (this.count > this.mask) this.resize((this.mask + 1) * RING_GROWTH_FACTOR);
    this.slots[(this.head + this.count) & this.mask] = item;
    if (++this.count > this.peak) this.peak = this.count;
  }

  /**
   * Removes and returns the item at the head; `undefined` when empty. Its slot is cleared, so
   * the ring never keeps a delivered item alive.
   */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const head = this.head;
    const item = this.slots[head];
    this.slots[head] = undefined;
    this.head = (head + 1) & this.mask;
    this.count--;
    return item;
  }

  /**
   * Drops every item and goes back to the initial capacity (a cleared queue belongs to a stopped
   * engine, which needs no grown slots); returns how many items were dropped.
   */
  clear(): number {
    const dropped = this.count;
    this.slots = emptySlots(this.initialCapacity);
    this.mask = this.initialCapacity - 1;
    this.head = 0;
    this.count = 0;
    this.peak = 0;
    this.quietPeak = 0;
    this.quietTrims = 0;
    return dropped;
  }

  /**
   * Gives back memory a past burst left: call it periodically (the engine does, on its timer).
   * Shrinks the ring, keeping its items in order, on the {@link QUIET_TRIMS_BEFORE_SHRINK}th call
   * in a row that finds the queue has stayed at most 1/{@link SHRINK_WHEN_PEAK_BELOW} of the
   * capacity since the call before; any longer queue starts the count again.
   *
   * @returns true when this call shrank the ring
   */
  trim(): boolean {
    const peak = this.peak;
    this.peak = this.count;
    const capacity = this.mask + 1;
    if (capacity <= this.initialCapacity || peak * SHRINK_WHEN_PEAK_BELOW > capacity) {
      this.quietTrims = 0;
      this.quietPeak = 0;
      return false;
    }
    if (peak > this.quietPeak) this.quietPeak = peak;
    if (++this.quietTrims < QUIET_TRIMS_BEFORE_SHRINK) return false;
    let target = this.initialCapacity;
    while (target < this.quietPeak * 2) target *= 2;
    this.quietTrims = 0;
    this.quietPeak = 0;
    if (target >= capacity) return false;
    this.resize(target);
    return true;
  }

  // Re-lays the items from index 0 in FIFO order, so head and the wrapped tail stay consistent.
  private resize(capacity: number): void {
    const old = this.slots;
    const oldMask = this.mask;
    const slots = emptySlots<T>(capacity);
    for (let i = 0; i < this.count; i++) slots[i] = old[(this.head + i) & oldMask];
    this.slots = slots;
    this.mask = capacity - 1;
    this.head = 0;
  }
}

/** Slots a new ring starts with. */
export const DEFAULT_RING_CAPACITY = 1024;

/** A full ring grows to this many times its capacity (a power of two). */
export const RING_GROWTH_FACTOR = 2;

/** {@link EventRing.trim} counts a spell as quiet while the queue stays at most 1/this of the capacity. */
export const SHRINK_WHEN_PEAK_BELOW = 8;

/** Quiet {@link EventRing.trim} calls in a row before the ring shrinks (10 s on the default timer). */
export const QUIET_TRIMS_BEFORE_SHRINK = 10;

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

function emptySlots<T>(capacity: number): (T | undefined)[] {
  // Holes, not a fill: filling costs a store per slot on every growth, and a slot is only read
  // after it was written.
  return new Array<T | undefined>(capacity);
}

/**
 * A FIFO queue of references in a power-of-two ring: `push` and `shift` are an index mask, a
 * segment lookup and one store, with no per-item allocation and no copying of the items already
 * queued (an array's `shift()` moves them all; a swapped pair of arrays re-grows from empty on
 * every batch). Internal to the EventEngine.
 *
 * The slots live in segments, the first of `initialCapacity` slots and each further one as large
 * as all before it, so the ring **doubles by adding a segment**: it copies no item (only those
 * that had wrapped past the end move into the new segment) and allocates each slot once, half the
 * fresh memory of doubling into a new array. Fresh large arrays are what a growing ring costs:
 * mapping their pages showed as 10-12% of a CPU profile of the 1M-event benchmark, and they count
 * toward V8's old-generation limit, which can pull a full GC into the burst. Indexing segments
 * costs a little (a `clz32` and a branch per item), so once the queue is short again
 * {@link EventRing.trim} merges them into one array of the same capacity, off the burst.
 *
 * Capacity policy: the ring **keeps** what it grew to when it empties, so a burst that recurs
 * (the opening auction's ticks every morning, a replay) does not pay for growing again. It gives
 * memory back lazily: {@link EventRing.trim}, called by the engine on its timer, shrinks the ring
 * once the queue has stayed at most 1/{@link SHRINK_WHEN_PEAK_BELOW} of the capacity for
 * {@link QUIET_TRIMS_BEFORE_SHRINK} calls in a row, to the smallest power of two at least twice
 * the longest queue of that quiet spell (never below the initial capacity). So the ring holds
 * (8 bytes a slot) fewer than twice as many slots as the longest queue since it last shrank, and
 * at most `initialCapacity` or four times the longest queue of a quiet spell after it.
 *
 * Measured on the 1M-event benchmark's fresh engine per round (2026-12-02, plain node,
 * interleaved processes, load 3-5; docs/performance.md): segments 17.0M events/s by the median
 * of 12 processes against 14.7M for doubling into a new array, and 16.4M against 14.4M per CPU
 * second in a noisier run; a list of 1,024-slot chunks tried earlier matched the array's median
 * but drew a full GC into the measured round far more often, and 16K- or 64K-slot chunks were
 * slower still.
 */
export class EventRing<T> {
  // segments[0] has 2^firstBits slots, segments[k] 2^firstBits << (k - 1).
  private segments: (T | undefined)[][];
  private firstBits: number;
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
    this.segments = [emptySlots(initialCapacity)];
    this.firstBits = 31 - Math.clz32(initialCapacity);
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
    if (this.count > this.mask) this.grow();
    this.write((this.head + this.count) & this.mask, item);
    if (++this.count > this.peak) this.peak = this.count;
  }

  /**
   * Removes and returns the item at the head; `undefined` when empty. Its slot is cleared, so
   * the ring never keeps a delivered item alive.
   */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const head = this.head;
    const item = this.read(head);
    this.write(head, undefined);
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
    this.segments = [emptySlots(this.initialCapacity)];
    this.firstBits = 31 - Math.clz32(this.initialCapacity);
    this.mask = this.initialCapacity - 1;
    this.head = 0;
    this.count = 0;
    this.peak = 0;
    this.quietPeak = 0;
    this.quietTrims = 0;
    return dropped;
  }

  /**
   * Gives back memory a past burst left, and merges its segments: call it periodically (the
   * engine does, on its timer).
   * Shrinks the ring, keeping its items in order, on the {@link QUIET_TRIMS_BEFORE_SHRINK}th call
   * in a row that finds the queue has stayed at most 1/{@link SHRINK_WHEN_PEAK_BELOW} of the
   * capacity since the call before; any longer queue starts the count again. Otherwise, when a
   * burst added segments and the queue is that short now, moves the items into one array of the
   * same capacity.
   *
   * @returns true when this call shrank the ring
   */
  trim(): boolean {
    const peak = this.peak;
    this.peak = this.count;
    const capacity = this.mask + 1;
    const shortNow = this.count * SHRINK_WHEN_PEAK_BELOW <= capacity;
    if (capacity <= this.initialCapacity || peak * SHRINK_WHEN_PEAK_BELOW > capacity) {
      this.quietTrims = 0;
      this.quietPeak = 0;
    } else {
      if (peak > this.quietPeak) this.quietPeak = peak;
      if (++this.quietTrims >= QUIET_TRIMS_BEFORE_SHRINK) {
        let target = this.initialCapacity;
        while (target < this.quietPeak * 2) target *= 2;
        this.quietTrims = 0;
        this.quietPeak = 0;
        if (target < capacity) {
          this.relayout(target);
          return true;
        }
      }
    }
    // Segments a burst added become one array while the queue is short (a cheap copy), so the
    // next burst, which finds the capacity kept, indexes one array.
    if (this.segments.length > 1 && shortNow) this.relayout(capacity);
    return false;
  }

  // Moves the items, in order from slot 0, into one array of `capacity` slots.
  private relayout(capacity: number): void {
    const slots = emptySlots<T>(capacity);
    for (let i = 0; i < this.count; i++) slots[i] = this.read((this.head + i) & this.mask);
    this.segments = [slots];
    this.firstBits = 31 - Math.clz32(capacity);
    this.mask = capacity - 1;
    this.head = 0;
  }

  // Doubles the slots by adding a segment; the items that wrapped past the end move into it.
  private grow(): void {
    const capacity = this.mask + 1;
    const segment = emptySlots<T>(capacity);
    // Full, so slots [0, head) hold the newest items: they belong after the old end now, at
    // slots [capacity, capacity + head), which are the new segment's first.
    for (let i = 0; i < this.head; i++) {
      segment[i] = this.read(i);
      this.write(i, undefined);
    }
    this.segments.push(segment);
    this.mask = capacity * 2 - 1;
  }

  // Slot i is in the segment of its highest set bit, at i without that bit (segments[0] holds the
  // slots below 2^firstBits).
  private read(i: number): T | undefined {
    const bit = 31 - Math.clz32(i);
    return bit < this.firstBits
      ? this.segments[0]![i]
      : this.segments[bit - this.firstBits + 1]![i ^ (1 << bit)];
  }

  private write(i: number, item: T | undefined): void {
    const bit = 31 - Math.clz32(i);
    if (bit < this.firstBits) this.segments[0]![i] = item;
    else this.segments[bit - this.firstBits + 1]![i ^ (1 << bit)] = item;
  }
}

/** Slots a new ring starts with. */
export const DEFAULT_RING_CAPACITY = 1024;

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

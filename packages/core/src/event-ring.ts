/**
 * A FIFO queue of references in a power-of-two ring, grown by doubling: `push` and `shift` are
 * an index mask and one store, with no per-item allocation and no copying of the items already
 * queued (an array's `shift()` moves them all; a swapped pair of arrays re-grows from empty on
 * every batch). Internal to the EventEngine.
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

  /**
   * @param initialCapacity - slots allocated up front, a power of two; the ring shrinks back to
   *   it when it empties (see {@link EventRing.releaseIfEmpty})
   */
  constructor(private readonly initialCapacity: number = DEFAULT_RING_CAPACITY) {
    if (
      !(
        Number.isInteger(initialCapacity) &&
        initialCapacity > 0 &&
        (initialCapacity & (initialCapacity - 1)) === 0
      )
    )
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

  /** Appends `item` at the tail, doubling the ring when it is full. */
  push(item: T): void {
    if (this.count > this.mask) this.grow();
    this.slots[(this.head + this.count) & this.mask] = item;
    this.count++;
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

  /** Drops every item; returns how many were dropped. */
  clear(): number {
    const dropped = this.count;
    for (let i = 0; i < dropped; i++) this.slots[(this.head + i) & this.mask] = undefined;
    this.head = 0;
    this.count = 0;
    this.releaseIfEmpty();
    return dropped;
  }

  /**
   * When empty and grown past {@link MAX_RETAINED_CAPACITY}, goes back to the initial capacity,
   * so one burst does not pin megabytes of slots for the engine's lifetime.
   */
  releaseIfEmpty(): void {
    if (this.count !== 0 || this.mask < MAX_RETAINED_CAPACITY) return;
    this.slots = emptySlots(this.initialCapacity);
    this.mask = this.initialCapacity - 1;
    this.head = 0;
  }

  private grow(): void {
    const old = this.slots;
    const oldMask = this.mask;
    const capacity = (oldMask + 1) * 2;
    const slots = emptySlots<T>(capacity);
    // Re-laid from index 0 in FIFO order, so head and the wrapped tail stay consistent.
    for (let i = 0; i < this.count; i++) slots[i] = old[(this.head + i) & oldMask];
    this.slots = slots;
    this.mask = capacity - 1;
    this.head = 0;
  }
}

/** Slots a new ring starts with. */
export const DEFAULT_RING_CAPACITY = 1024;

/** A ring that empties keeps up to this many slots (8 bytes each) rather than re-growing. */
export const MAX_RETAINED_CAPACITY = 65_536;

function emptySlots<T>(capacity: number): (T | undefined)[] {
  // Holes, not a fill: filling costs a store per slot on every growth, and a slot is only read
  // after it was written.
  return new Array<T | undefined>(capacity);
}

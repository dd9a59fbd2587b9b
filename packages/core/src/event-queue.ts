/** Slots per chunk of an {@link EventQueue}: 8 KiB, far below V8's large-object size. */
export const DEFAULT_CHUNK_SIZE = 1024;

interface Chunk<T> {
  readonly slots: (T | undefined)[];
  next: Chunk<T> | undefined;
}

/**
 * A FIFO queue of references in fixed-size chunks linked in a list (internal to the EventEngine).
 *
 * Why chunks and not one array: a burst of a million events needs room for a million
 * references. One array grown by doubling (or `push`) copies what it holds at every growth and
 * leaves the old arrays behind, and arrays that large live in V8's large-object space, whose
 * fresh pages the kernel must map and zero; measured on the 1M-event benchmark that was 12% of the
 * time and kept V8 from allocating the events straight into the old generation. Chunks are
 * ordinary young objects, growth only links one more, and the chunk the head has left is kept as
 * a spare, so a steady flow of events allocates nothing.
 */
export class EventQueue<T> {
  private head: Chunk<T>;
  private tail: Chunk<T>;
  private headIndex = 0;
  private tailIndex = 0;
  private count = 0;
  private spare: Chunk<T> | undefined = undefined;
  private chunks = 0;

  /**
   * @param chunkSize - slots per chunk (a positive integer; tests use small ones to cross chunk
   *   boundaries often)
   */
  constructor(private readonly chunkSize: number = DEFAULT_CHUNK_SIZE) {
    if (!(Number.isInteger(chunkSize) && chunkSize > 0))
      throw new RangeError(`EventQueue chunkSize must be a positive integer, got ${String(chunkSize)}`);
    this.head = this.newChunk();
    this.tail = this.head;
  }

  /** Items queued. */
  get size(): number {
    return this.count;
  }

  /** Chunks allocated over the queue's lifetime (spares reused are not counted again). */
  get chunksAllocated(): number {
    return this.chunks;
  }

  /** Appends `item` at the tail. */
  push(item: T): void {
    if (this.tailIndex === this.chunkSize) {
      const chunk = this.spare ?? this.newChunk();
      this.spare = undefined;
      this.tail.next = chunk;
      this.tail = chunk;
      this.tailIndex = 0;
    }
    this.tail.slots[this.tailIndex++] = item;
    this.count++;
  }

  /**
   * Removes and returns the item at the head; `undefined` when empty. Its slot is cleared, so the
   * queue never keeps a delivered item alive.
   */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    if (this.headIndex === this.chunkSize) {
      const done = this.head;
      this.head = done.next!; // count > 0, so the tail is further on
      done.next = undefined;
      this.spare = done;
      this.headIndex = 0;
    }
    const slots = this.head.slots;
    const item = slots[this.headIndex];
    slots[this.headIndex++] = undefined;
    if (--this.count === 0) {
      // Empty: head and tail are in the same chunk; start it over instead of walking on.
      this.headIndex = 0;
      this.tailIndex = 0;
    }
    return item;
  }

  /** Drops every item (and every chunk but one); returns how many were dropped. */
  clear(): number {
    const dropped = this.count;
    this.head = this.newChunk();
    this.tail = this.head;
    this.headIndex = 0;
    this.tailIndex = 0;
    this.count = 0;
    this.spare = undefined;
    return dropped;
  }

  private newChunk(): Chunk<T> {
    this.chunks++;
    return { slots: new Array<T | undefined>(this.chunkSize), next: undefined };
  }
}

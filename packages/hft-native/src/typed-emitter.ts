/** A listener of event `K` of an event map `E`. */
export type Listener<E, K extends keyof E> = (event: E[K]) => void;

/**
 * A small typed event emitter. Listeners run synchronously in registration order. A listener that
 * throws does not stop the others nor the delivery of later events: its error is rethrown on a
 * separate tick (an uncaught exception, as an EventEmitter listener throwing inside an I/O callback
 * would be), so it is never swallowed.
 */
export class TypedEmitter<E extends object> {
  // Arrays are replaced, never mutated, so emit() can iterate while listeners change.
  private readonly listeners = new Map<keyof E, readonly Listener<E, keyof E>[]>();

  /** Adds a listener. */
  on<K extends keyof E>(name: K, listener: Listener<E, K>): this {
    const list = this.listeners.get(name) ?? [];
    this.listeners.set(name, [...list, listener as Listener<E, keyof E>]);
    return this;
  }

  /** Adds a listener removed after its first call. */
  once<K extends keyof E>(name: K, listener: Listener<E, K>): this {
    const wrapper: Listener<E, K> = (event) => {
      this.off(name, wrapper);
      listener(event);
    };
    return this.on(name, wrapper);
  }

  /** Removes a listener added with on() (or the wrapper added by once()). */
  off<K extends keyof E>(name: K, listener: Listener<E, K>): this {
    const list = this.listeners.get(name);
    if (list === undefined) return this;
    const next = list.filter((l) => l !== listener);
    if (next.length === 0) this.listeners.delete(name);
    else this.listeners.set(name, next);
    return this;
  }

  /** Removes all listeners of one event, or of every event. */
  removeAllListeners(name?: keyof E): this {
    if (name === undefined) this.listeners.clear();
    else this.listeners.delete(name);
    return this;
  }

  /** Number of listeners of event `name` (0 when none). */
  listenerCount(name: keyof E): number {
    return this.listeners.get(name)?.length ?? 0;
  }

  /**
   * Resolves with the next event `name` for which `filter` (if given) returns true. Call it before the
   * request that causes the event: events of one batch are emitted synchronously, so a next() called
   * in the continuation of an earlier next() misses events of the same batch.
   */
  next<K extends keyof E>(name: K, filter?: (event: E[K]) => boolean): Promise<E[K]> {
    return new Promise((resolve) => {
      const listener: Listener<E, K> = (event) => {
        if (filter !== undefined && !filter(event)) return;
        this.off(name, listener);
        resolve(event);
      };
      this.on(name, listener);
    });
  }

  /** True if anyone listens: lets the decoder skip records nobody wants. */
  protected hasListeners(name: keyof E): boolean {
    return this.listeners.has(name);
  }

  /**
   * Calls the listeners of `name` synchronously, in registration order, with `event`. A listener
   * that throws does not stop the others; its error is rethrown on `process.nextTick`.
   */
  protected emit<K extends keyof E>(name: K, event: E[K]): void {
    const list = this.listeners.get(name);
    if (list === undefined) return;
    for (const listener of list) {
      try {
        listener(event);
      } catch (err) {
        process.nextTick(() => {
          throw err;
        });
      }
    }
  }
}

/**
 * A cache that starts afresh once it holds `max` entries: for strings that would otherwise be
 * built again for every event (issue 22: no allocation per tick on the hot path), keyed by values
 * that come from outside (symbols), so that ever new keys cannot grow it without bound.
 * Internal to core.
 */
export class ResettingCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  /** The cached value of `key`, made by `make` the first time. */
  get(key: K, make: (key: K) => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.max) this.entries.clear();
      value = make(key);
      this.entries.set(key, value);
    }
    return value;
  }
}

/**
 * Counting the resources that keep the Node process alive (`process.getActiveResourcesInfo()`:
 * ref'd sockets, servers, timers, immediates, pending requests). Unref'd timers and handles are
 * not counted by Node. The `close` check judges leaks by attribution (see `ResourceTracker`) and
 * shows these process-wide counts, before `connect()` and after `close()`, as context.
 *
 * @module
 */

/** Number of active resources per type, e.g. `{ TCPSocketWrap: 2, Timeout: 1 }`. */
export type ResourceCounts = ReadonlyMap<string, number>;

/** A resource type with more active instances than in the baseline. */
export interface ExtraResource {
  /** Resource type as Node names it, e.g. `"TCPSocketWrap"`, `"Timeout"`. */
  readonly type: string;
  /** How many more than in the baseline. */
  readonly extra: number;
}

/** Counts the currently active resources by type. */
export function countActiveResources(): ResourceCounts {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/**
 * Counts resources from a clean point: after the current timers and immediates ran, so that the
 * caller's own pending callbacks are not counted.
 */
export async function sampleActiveResources(): Promise<ResourceCounts> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return countActiveResources();
}

/** Resource types with more active instances in `current` than in `baseline`. */
export function extraResources(baseline: ResourceCounts, current: ResourceCounts): ExtraResource[] {
  const extras: ExtraResource[] = [];
  for (const [type, count] of current) {
    const extra = count - (baseline.get(type) ?? 0);
    if (extra > 0) extras.push({ type, extra });
  }
  return extras;
}

/** `1 × TCPSocketWrap, 2 × Timeout`. */
export function showExtraResources(extras: readonly ExtraResource[]): string {
  return extras.map((e) => `${e.extra} × ${e.type}`).join(", ");
}

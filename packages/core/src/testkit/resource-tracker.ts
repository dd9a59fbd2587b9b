import { type AsyncHook, AsyncLocalStorage, createHook } from "node:async_hooks";

/** A resource created on behalf of the gateway that still keeps the process alive. */
export interface LeakedResource {
  /** Async resource type as Node names it, e.g. `"Timeout"`, `"TCPWRAP"`, `"Immediate"`. */
  readonly type: string;
  /** The first stack frame outside Node and the kit where it was created, when known. */
  readonly createdAt: string | undefined;
}

interface Tracked {
  readonly type: string;
  readonly resource: object;
  readonly createdAt: string | undefined;
}

// Not resources that can keep the process alive, and far too many to track.
const IGNORED_TYPES: ReadonlySet<string> = new Set(["PROMISE", "TickObject", "Microtask"]);
const STACK_FRAMES = 15;
// Frames of Node, of core itself (source or dist, including the kit) and of the test runner.
const INTERNAL_FRAME =
  /\(node:|^\s*at node:|[/\\]core[/\\](?:src|dist)[/\\]|node_modules[/\\](?:vitest|@vitest|tinypool)[/\\]/;
const POLL_INTERVAL_MS = 50;

/**
 * Attributes Node resources (timers, immediates, sockets, servers, other handles) to the gateway
 * under test, so that `close()` can be judged on exactly what the gateway created.
 *
 * Everything the session runs "as the gateway" ({@link ResourceTracker.run}: its constructor, the
 * event engine's start, every gateway method call) runs in an `AsyncLocalStorage` context; an
 * `async_hooks` init hook records each resource created in that context, which includes, via
 * async context propagation, resources created later in callbacks of those resources (socket
 * data handlers, timer callbacks, event handlers). The destroy hook forgets each one when it is
 * closed, cleared or done.
 *
 * Counting `process.getActiveResourcesInfo()` before and after instead cannot tell the gateway's
 * resources from the test runner's or an in-process mock server's, and short-lived ones of those
 * can hide a leak or fake one; attribution cannot be fooled that way.
 */
export class ResourceTracker {
  private readonly storage = new AsyncLocalStorage<ResourceTracker>();
  private readonly live = new Map<number, Tracked>();
  private readonly hook: AsyncHook;

  constructor() {
    this.hook = createHook({
      init: (asyncId, type, _triggerAsyncId, resource) => {
        if (IGNORED_TYPES.has(type) || this.storage.getStore() !== this) return;
        this.live.set(asyncId, { type, resource, createdAt: creationSite() });
      },
      destroy: (asyncId) => {
        this.live.delete(asyncId);
      },
    });
  }

  /** Starts recording. */
  enable(): void {
    this.hook.enable();
  }

  /** Stops recording (the resources recorded so far are kept). */
  disable(): void {
    this.hook.disable();
  }

  /** Runs `fn` as the gateway: resources it creates, directly or later in callbacks, are tracked. */
  run<T>(fn: () => T): T {
    return this.storage.run(this, fn);
  }

  /**
   * Waits until no tracked resource is alive and ref'd, polling, for at most `timeoutMs` (Node
   * reports closed handles a little later).
   *
   * @returns `[]`, or the leaks still present at the deadline
   */
  async waitForNoLeaks(timeoutMs: number): Promise<LeakedResource[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const leaks = this.leaks();
      if (leaks.length === 0 || Date.now() >= deadline) return leaks;
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  /** Tracked resources that are still alive and ref'd (unref'd ones never keep the process alive). */
  leaks(): LeakedResource[] {
    const leaks: LeakedResource[] = [];
    for (const { type, resource, createdAt } of this.live.values()) {
      const hasRef = (resource as { hasRef?: unknown }).hasRef;
      // Requests (connect, write, DNS) have no hasRef(): they end by themselves.
      if (typeof hasRef === "function" && hasRef.call(resource) === true) leaks.push({ type, createdAt });
    }
    return leaks;
  }
}

function creationSite(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_FRAMES;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  const frame = stack
    .split("\n")
    .slice(1)
    .find((line) => !INTERNAL_FRAME.test(line));
  return frame?.trim().replace(/^at /, "");
}

/** `2 × Timeout (created at MyGateway.connect (src/my-gateway.ts:42:5))`, grouped by type and site. */
export function showLeaks(leaks: readonly LeakedResource[]): string {
  const groups = new Map<string, number>();
  for (const leak of leaks) {
    const key = `${leak.type}${leak.createdAt === undefined ? "" : ` (created at ${leak.createdAt})`}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].map(([key, n]) => `${n} × ${key}`).join(", ");
}

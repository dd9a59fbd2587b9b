import { performance } from "node:perf_hooks";
import { BUSY_POLL_SLICE_MS } from "./constants.js";

/** One poll of one handle: dispatches what it found and returns how many records that was. */
export type PollOnce = () => number;

/**
 * The busy-poll loop of the JS thread (`busyPoll: true`, issue 22): instead of sleeping until the
 * library wakes it, the thread polls every busy-polling handle's ring in turn, so a record is
 * dispatched within a poll call of its arrival, with no wake-up on either side.
 *
 * One loop serves all such handles of the process (a trader and an md polled in one spin, never
 * one spinning while the other waits). A spin ends as soon as a poll found records, so the
 * microtasks they caused (EventEngine handlers, a deferred order's flush) run at once; otherwise
 * it ends after {@link BUSY_POLL_SLICE_MS}. Either way the next spin is one `setImmediate` away,
 * which lets the event loop run its timers and sockets in between.
 *
 * Cost: one CPU core at 100% for as long as any busy-polling handle is open.
 */
class BusyPoller {
  private readonly members = new Set<PollOnce>();
  private scheduled = false;

  /** Adds a handle's poll to the loop (starting it); returns the function that removes it. */
  add(poll: PollOnce): () => void {
    this.members.add(poll);
    this.schedule();
    return () => {
      this.members.delete(poll);
    };
  }

  private schedule(): void {
    if (this.scheduled || this.members.size === 0) return;
    this.scheduled = true;
    setImmediate(this.spin);
  }

  private readonly spin = (): void => {
    this.scheduled = false;
    const deadline = performance.now() + BUSY_POLL_SLICE_MS;
    let found = 0;
    while (found === 0) {
      for (const poll of this.members) found += poll();
      if (this.members.size === 0 || performance.now() >= deadline) break;
    }
    this.schedule();
  };
}

/** The process's busy-poll loop. */
export const busyPoller = new BusyPoller();

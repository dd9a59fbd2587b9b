/**
 * Step 6 of the checklist, as a pure function: how far this machine's clock is from the market's.
 *
 * A tick carries the exchange time of its snapshot, which is never later than the moment it
 * arrives (give or take the network's latency) but can be much earlier on a quiet code or outside
 * trading hours. So the freshest tick bounds the skew best, and the two directions mean different
 * things: a tick from the future proves this clock slow; an old one may only be an old snapshot.
 *
 * @module
 */
import { exchangeTime } from "../mappings.js";

/** A tick's exchange time and when it arrived (`Date.now()`). */
export interface ClockSample {
  readonly tradingDay: number;
  /** HHMMSSmmm, China Standard Time. */
  readonly time: number;
  readonly receivedAt: number;
}

/** The verdict of {@link judgeClock}. */
export type ClockVerdict =
  | { kind: "ok"; skewMs: number }
  /** The market time is ahead: this machine's clock is slow. */
  | { kind: "behind"; skewMs: number }
  /** The freshest tick is old: this clock is fast, or the market is quiet or closed. */
  | { kind: "stale"; skewMs: number };

/**
 * Market time minus local time, in ms, from the freshest of `samples` (positive: the market is
 * ahead). Undefined without samples.
 */
export function marketClockSkew(samples: readonly ClockSample[]): number | undefined {
  let best: number | undefined;
  for (const s of samples) {
    const skew = exchangeTime(s.tradingDay, s.time).getTime() - s.receivedAt;
    if (best === undefined || skew > best) best = skew;
  }
  return best;
}

/** Judges a skew against the largest one allowed. */
export function judgeClock(skewMs: number, limitMs: number): ClockVerdict {
  if (skewMs > limitMs) return { kind: "behind", skewMs };
  if (-skewMs > limitMs) return { kind: "stale", skewMs: -skewMs };
  return { kind: "ok", skewMs: Math.abs(skewMs) };
}

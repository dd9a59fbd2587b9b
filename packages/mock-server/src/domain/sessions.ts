/**
 * Trading sessions of SSE and SZSE (exchange local time) and how the mock treats them.
 *
 * | phase | time | the mock |
 * |---|---|---|
 * | opening call auction | 09:15–09:25 | collects limit orders, uncrosses at 09:25 (call-auction.ts) |
 * | pre-open | 09:25–09:30 | holds orders (PendingNew) and cancels, sends them at 09:30 in arrival order (pre-open-queue.ts); the market does not trade |
 * | continuous | 09:30–11:30, 13:00–14:57 | accepts orders, matches continuously |
 * | closing call auction | 14:57–15:00 | collects limit orders, uncrosses at 15:00 |
 * | lunch break, before 09:15, from 15:00 | | rejects orders (2011), market does not move |
 *
 * In realtime mode the broker runs the call auctions (broker.ts, call-auction.ts); always-open
 * mode has no phases and matches continuously at every moment.
 * Cancels are refused 09:20–09:25 and 14:57–15:00 in realtime mode (constants.ts); on the broker's
 * clock, weekends and configured holidays have no trading and the broker rolls over to each new
 * trading day (broker.ts).
 */

/** How the mock enforces trading hours. */
export type SessionMode = "always-open" | "realtime";

export const TradingPhase = {
  Closed: "closed",
  OpeningAuction: "opening-auction",
  PreOpen: "pre-open",
  Continuous: "continuous",
  LunchBreak: "lunch-break",
  ClosingAuction: "closing-auction",
} as const;
export type TradingPhase = (typeof TradingPhase)[keyof typeof TradingPhase];

/** The opening call auction uncrosses at its end, 09:25 (`HHMMSSmmm`). */
export const OPENING_UNCROSS_TIME = 92_500_000;
/** Continuous trading starts at 09:30: what the pre-open held is processed then. */
export const CONTINUOUS_START_TIME = 93_000_000;
/** The closing call auction uncrosses at its end, 15:00. */
export const CLOSING_UNCROSS_TIME = 150_000_000;

/** Phase boundaries as `HHMMSSmmm`, each phase starting at `from` (inclusive). */
const SCHEDULE: readonly { from: number; phase: TradingPhase }[] = [
  { from: 0, phase: TradingPhase.Closed },
  { from: 91_500_000, phase: TradingPhase.OpeningAuction },
  { from: OPENING_UNCROSS_TIME, phase: TradingPhase.PreOpen },
  { from: CONTINUOUS_START_TIME, phase: TradingPhase.Continuous },
  { from: 113_000_000, phase: TradingPhase.LunchBreak },
  { from: 130_000_000, phase: TradingPhase.Continuous },
  { from: 145_700_000, phase: TradingPhase.ClosingAuction },
  { from: CLOSING_UNCROSS_TIME, phase: TradingPhase.Closed },
];

/** The phase at exchange local time `time` (`HHMMSSmmm`). */
export function phaseAt(time: number): TradingPhase {
  let phase: TradingPhase = TradingPhase.Closed;
  for (const entry of SCHEDULE) {
    if (time >= entry.from) phase = entry.phase;
  }
  return phase;
}

/** Are orders accepted, and does the simulated market trade, at `time` in this mode? */
export function isMarketOpen(mode: SessionMode, time: number): boolean {
  if (mode === "always-open") return true;
  const phase = phaseAt(time);
  return phase !== TradingPhase.Closed && phase !== TradingPhase.LunchBreak;
}

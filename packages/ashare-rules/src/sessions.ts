/**
 * The trading sessions of SSE and SZSE A-shares in exchange local time (China Standard Time,
 * UTC+8), as phases of the day.
 *
 * Source (read 2026-12-02, from knowledge of the texts: the exchanges' sites were not reachable
 * from here): SSE Trading Rules (上海证券交易所交易规则, 2023 revision) §3.1 and SZSE Trading Rules
 * (深圳证券交易所交易规则, 2023 revision) §3.1, trading hours (交易时间): opening call auction
 * 09:15–09:25, continuous trading 09:30–11:30 and 13:00–14:57, closing call auction 14:57–15:00
 * (SZSE since 2006-07-01, SSE since 2018-08-20). 09:25–09:30 takes orders without matching them
 * at the exchange.
 *
 * `@tsgate/strategy` builds bars on this schedule; the mock broker keeps its own copy
 * (`packages/mock-server/src/domain/sessions.ts`: it imports no package), held equal by
 * `@tsgate/backtest`'s session-schedule test.
 *
 * @module
 */

/** A phase of the trading day. */
export const SessionPhase = {
  Closed: "closed",
  OpeningAuction: "opening-auction",
  PreOpen: "pre-open",
  Continuous: "continuous",
  LunchBreak: "lunch-break",
  ClosingAuction: "closing-auction",
} as const;
/** One of {@link SessionPhase}. */
export type SessionPhase = (typeof SessionPhase)[keyof typeof SessionPhase];

/** A phase and the minute of the day (since local midnight) it starts at, inclusive. */
export interface SessionBoundary {
  readonly fromMinute: number;
  readonly phase: SessionPhase;
}

const hm = (hours: number, minutes: number) => hours * 60 + minutes;

/** The day's phases in order, each from its minute until the next one's (see the module source). */
export const SESSION_SCHEDULE: readonly SessionBoundary[] = Object.freeze([
  { fromMinute: 0, phase: SessionPhase.Closed },
  { fromMinute: hm(9, 15), phase: SessionPhase.OpeningAuction },
  { fromMinute: hm(9, 25), phase: SessionPhase.PreOpen },
  { fromMinute: hm(9, 30), phase: SessionPhase.Continuous },
  { fromMinute: hm(11, 30), phase: SessionPhase.LunchBreak },
  { fromMinute: hm(13, 0), phase: SessionPhase.Continuous },
  { fromMinute: hm(14, 57), phase: SessionPhase.ClosingAuction },
  { fromMinute: hm(15, 0), phase: SessionPhase.Closed },
]);

/** The phase at `minuteOfDay` (minutes since local midnight; fractions for seconds). */
export function sessionPhaseAt(minuteOfDay: number): SessionPhase {
  let phase: SessionPhase = SessionPhase.Closed;
  for (const boundary of SESSION_SCHEDULE) {
    if (minuteOfDay >= boundary.fromMinute) phase = boundary.phase;
  }
  return phase;
}

/**
 * The minute the `nth` (0-based) phase `phase` of the day starts at; e.g. the afternoon's
 * continuous trading is `sessionStart(SessionPhase.Continuous, 1)`.
 *
 * @throws RangeError when the day has no such phase
 */
export function sessionStart(phase: SessionPhase, nth = 0): number {
  const found = SESSION_SCHEDULE.filter((b) => b.phase === phase)[nth];
  if (found === undefined) throw new RangeError(`sessionStart: the day has no phase ${phase} #${nth}`);
  return found.fromMinute;
}

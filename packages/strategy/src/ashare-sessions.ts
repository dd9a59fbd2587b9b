/**
 * A-share trading sessions, as bars see them. Times are China Standard Time (UTC+8, no daylight
 * saving since 1991), the exchanges' local time. The schedule itself (sources and dates) is
 * `@tsgate/ashare-rules`' `SESSION_SCHEDULE`; this module only says how bars use it.
 *
 * How bars use it (minutes since local midnight, each bar labelled by the minute it starts):
 * - 09:15–09:30: the opening auction's match (at 09:25) goes into the 09:30 bar;
 * - 09:30–11:30 and 13:00–14:57: one bar per minute; a late 11:30:00 snapshot goes into 11:29;
 * - the lunch break makes no bars (the 11:29 bar is followed by the 13:00 bar);
 * - 14:57 to the end of the day: the closing auction's match (at 15:00) goes into the last
 *   continuous bar, 14:56. A day therefore has 120 + 117 = 237 one-minute bars.
 *
 * @module
 */
import { SessionPhase, sessionStart } from "@tsgate/ashare-rules";

/** Offset of China Standard Time from UTC, in milliseconds. */
export const CHINA_UTC_OFFSET_MS = 8 * 3_600_000;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** Session boundaries in minutes since local midnight (from `@tsgate/ashare-rules`' schedule). */
export const ASHARE_SESSION = Object.freeze({
  openingAuctionStart: sessionStart(SessionPhase.OpeningAuction),
  morningStart: sessionStart(SessionPhase.Continuous, 0),
  morningEnd: sessionStart(SessionPhase.LunchBreak),
  afternoonStart: sessionStart(SessionPhase.Continuous, 1),
  closingAuctionStart: sessionStart(SessionPhase.ClosingAuction),
});

/** Where a tick's time falls, for bar building. */
export interface BarSlot {
  /** Local midnight of the trading day, as UTC milliseconds. */
  readonly dayStartMs: number;
  /** Start of the bar the tick belongs to, in minutes since local midnight. */
  readonly minute: number;
  /** Which half of the day the bar is in (N-minute windows do not span the lunch break). */
  readonly session: "morning" | "afternoon";
  /** True when the tick is in a call auction: its price counts only if it traded. */
  readonly auction: boolean;
}

/** The bar slot of time `datetime`, or undefined before the opening auction (no trades then). */
export function barSlotOf(datetime: Date): BarSlot | undefined {
  const localMs = datetime.getTime() + CHINA_UTC_OFFSET_MS;
  const dayStartMs = Math.floor(localMs / MS_PER_DAY) * MS_PER_DAY - CHINA_UTC_OFFSET_MS;
  const exact = (localMs - (dayStartMs + CHINA_UTC_OFFSET_MS)) / MS_PER_MINUTE;
  const minute = Math.floor(exact);
  const s = ASHARE_SESSION;
  if (minute < s.openingAuctionStart) return undefined;
  if (minute < s.morningStart)
    return { dayStartMs, minute: s.morningStart, session: "morning", auction: true };
  if (minute < s.morningEnd) return { dayStartMs, minute, session: "morning", auction: false };
  if (minute < s.afternoonStart)
    return { dayStartMs, minute: s.morningEnd - 1, session: "morning", auction: false };
  if (minute < s.closingAuctionStart) return { dayStartMs, minute, session: "afternoon", auction: false };
  return { dayStartMs, minute: s.closingAuctionStart - 1, session: "afternoon", auction: true };
}

/** The position of a bar within its session half, from 0 (09:30 or 13:00). */
export function sessionIndexOf(slot: BarSlot): number {
  const start = slot.session === "morning" ? ASHARE_SESSION.morningStart : ASHARE_SESSION.afternoonStart;
  return slot.minute - start;
}

/** The last bar minute of a session half (11:29 or 14:56). */
export function lastMinuteOf(session: BarSlot["session"]): number {
  return (session === "morning" ? ASHARE_SESSION.morningEnd : ASHARE_SESSION.closingAuctionStart) - 1;
}

/** The UTC instant of `minute` minutes after local midnight of the day starting at `dayStartMs`. */
export function slotTime(dayStartMs: number, minute: number): Date {
  return new Date(dayStartMs + minute * MS_PER_MINUTE);
}

/** The Beijing calendar date of `datetime`, `YYYY-MM-DD`. */
export function beijingDate(datetime: Date): string {
  return new Date(datetime.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

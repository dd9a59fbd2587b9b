/** Exchange-local dates and times (UTC+8) in the protocol's integer forms. */
import { EXCHANGE_UTC_OFFSET_MS } from "./constants.js";

/** A moment as the protocol writes it: `YYYYMMDD` and `HHMMSSmmm`, exchange local time. */
export interface ExchangeTime {
  day: number;
  time: number;
}

/** Converts a JS date to exchange local `YYYYMMDD` / `HHMMSSmmm`. */
export function toExchangeTime(date: Date): ExchangeTime {
  const local = new Date(date.getTime() + EXCHANGE_UTC_OFFSET_MS);
  const day = local.getUTCFullYear() * 10_000 + (local.getUTCMonth() + 1) * 100 + local.getUTCDate();
  const time =
    local.getUTCHours() * 10_000_000 +
    local.getUTCMinutes() * 100_000 +
    local.getUTCSeconds() * 1_000 +
    local.getUTCMilliseconds();
  return { day, time };
}

/** An exchange time `HHMMSSmmm` as `HH:MM:SS`, for messages. */
export function formatClock(time: number): string {
  const hh = String(Math.floor(time / 10_000_000)).padStart(2, "0");
  const mm = String(Math.floor(time / 100_000) % 100).padStart(2, "0");
  const ss = String(Math.floor(time / 1_000) % 100).padStart(2, "0");
  return `${hh}:${mm}:${ss}`;
}

/** Is `day` a real `YYYYMMDD` calendar date? */
export function isValidTradingDay(day: number): boolean {
  if (!Number.isInteger(day) || day < 19_900_101 || day > 99_991_231) return false;
  const y = Math.floor(day / 10_000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The weekday of a `YYYYMMDD` date: 0 = Sunday … 6 = Saturday. */
function weekdayOf(day: number): number {
  return new Date(
    Date.UTC(Math.floor(day / 10_000), (Math.floor(day / 100) % 100) - 1, day % 100),
  ).getUTCDay();
}

/**
 * Is `day` a trading day: a weekday not in `holidays` (the exchanges' closing days; they publish
 * each year's list in December, so the config carries them rather than this code).
 */
export function isTradingDate(day: number, holidays: ReadonlySet<number>): boolean {
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

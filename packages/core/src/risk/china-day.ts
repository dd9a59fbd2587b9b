/**
 * The trading day a time belongs to: the China Standard Time calendar date (UTC+8, no daylight
 * saving), as the exchanges count per-day figures.
 *
 * @module
 */

const CHINA_UTC_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 in China Standard Time: cheap to compare on every check. */
export function chinaDayNumber(epochMs: number): number {
  return Math.floor((epochMs + CHINA_UTC_OFFSET_MS) / DAY_MS);
}

/** The China Standard Time date of `epochMs` as `YYYYMMDD` (the journal's trading-day key). */
export function chinaDayKey(epochMs: number): string {
  return new Date(epochMs + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10).replaceAll("-", "");
}

import { CHINA_UTC_OFFSET_MS } from "../ashare-sessions.js";
import { StrategyError } from "../errors.js";

/** One data row of a CSV file, by header name, with checked accessors. */
export interface CsvRow {
  /** Whether the header has `column`. */
  has(column: string): boolean;
  /** The text of `column` ("" when absent). */
  text(column: string): string;
  /** `column` as a number ≥ 0; empty gives 0 unless `required`. */
  num(column: string, required?: boolean): number;
  /** Throws `BACKTEST_DATA` naming the file, line and column. */
  fail(column: string, message: string): never;
}

/**
 * The data rows of comma-separated `text` (no quoting), the first non-comment line being the
 * header; blank lines and `#` lines are skipped. One row at a time, so memory stays flat.
 */
export function* csvRows(text: string, source: string): Generator<CsvRow> {
  let header: string[] | undefined;
  let lineNo = 0;
  for (const rawLine of linesOf(text)) {
    lineNo += 1;
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#")) continue;
    const cells = line.split(",").map((c) => c.trim());
    if (header === undefined) {
      header = cells;
      continue;
    }
    const at = lineNo;
    const fail = (column: string, message: string): never => {
      throw new StrategyError("BACKTEST_DATA", `${source} line ${at}, column ${column}: ${message}`);
    };
    if (cells.length !== header.length) fail("*", `expected ${header.length} values, found ${cells.length}`);
    const cell = new Map(header.map((name, i) => [name, cells[i] ?? ""]));
    const text = (column: string) => cell.get(column) ?? "";
    yield {
      has: (column) => cell.has(column),
      text,
      fail,
      num: (column, required = false) => {
        const value = text(column);
        if (value === "") return required ? fail(column, "required") : 0;
        const n = Number(value);
        return Number.isFinite(n) && n >= 0 ? n : fail(column, `expected a number ≥ 0, got "${value}"`);
      },
    };
  }
}

/** Milliseconds since midnight of `HH:MM:SS[.mmm]` or `HHMMSS[mmm]`, or undefined. */
export function parseClock(text: string): number | undefined {
  const colon = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(text);
  const digits = /^(\d{2})(\d{2})(\d{2})(\d{3})?$/.exec(text.padStart(text.length > 6 ? 9 : 6, "0"));
  const parts = colon ?? digits;
  if (parts === null) return undefined;
  const [, h, m, s, ms = "0"] = parts;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms.padEnd(3, "0"));
}

/** The instant of `msOfDay` after Beijing midnight of `date` (`YYYY-MM-DD`); NaN date if bad. */
export function beijingTime(date: string, msOfDay: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_UTC_OFFSET_MS + msOfDay);
}

/** vnpy's `YYYY-MM-DD HH:MM:SS[.ffffff]` in Beijing time, or undefined. */
export function parseVnpyDatetime(text: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(text);
  if (match === null) return undefined;
  const [, date, clock, micros = "0"] = match;
  const ms = parseClock(clock!);
  if (ms === undefined) return undefined;
  const datetime = beijingTime(date!, ms + Math.floor(Number(micros.padEnd(6, "0")) / 1000));
  return Number.isNaN(datetime.getTime()) ? undefined : datetime;
}

function* linesOf(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    const stop = end === -1 ? text.length : end;
    yield text.slice(start, stop);
    start = stop + 1;
  }
}

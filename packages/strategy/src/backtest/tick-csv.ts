import { createTick, Exchange, type TickData } from "@tsgate/core";
import { CHINA_UTC_OFFSET_MS } from "../ashare-sessions.js";
import { StrategyError } from "../errors.js";

/** Options of {@link readTickCsv}. */
export interface TickCsvOptions {
  /** Trading day `YYYY-MM-DD` for tsgate rows without a `date` column. */
  readonly date?: string;
  /** Name of the file, for error messages. */
  readonly source?: string;
  /** `gatewayName` of the ticks; default `"REPLAY"`. */
  readonly gatewayName?: string;
}

const LEVELS = [1, 2, 3, 4, 5] as const;
const MARKETS: Readonly<Record<string, Exchange>> = { SH: Exchange.SSE, SZ: Exchange.SZSE };
const VNPY_EXCHANGES: Readonly<Record<string, Exchange>> = { SSE: Exchange.SSE, SZSE: Exchange.SZSE };

/**
 * Reads ticks from CSV text, one at a time, in file order. Two formats, told apart by the header:
 *
 * - **tsgate replay** (the mock server's replay market CSV, `packages/mock-server/src/domain/csv-replay.ts`):
 *   `market` (SH/SZ), `code`, `last`, `volume` (shares traded since the instrument's previous
 *   row), `time` (`HH:MM:SS[.mmm]`, `HHMMSS[mmm]`), depth `bid1..5`, `bidVol1..5`, `ask1..5`,
 *   `askVol1..5`; plus an optional `date` (`YYYY-MM-DD`), else {@link TickCsvOptions.date}.
 *   Cumulative volume and turnover are summed from the rows.
 * - **vnpy tick** (vnpy `TickData` field names): `symbol`, `exchange` (SSE/SZSE), `datetime`
 *   (`YYYY-MM-DD HH:MM:SS[.ffffff]`, Beijing time), `last_price`, `volume`, `turnover`
 *   (cumulative), `bid_price_1..5`, `ask_price_1..5`, `bid_volume_1..5`, `ask_volume_1..5`,
 *   optional `open_price`, `high_price`, `low_price`, `pre_close`, `limit_up`, `limit_down`.
 *
 * Lines that are blank or start with `#` are skipped. Memory stays flat: one row at a time.
 *
 * @throws {@link StrategyError} `BACKTEST_DATA` naming the line and column
 */
export function* readTickCsv(text: string, options: TickCsvOptions = {}): Generator<TickData> {
  const source = options.source ?? "tick CSV";
  const gatewayName = options.gatewayName ?? "REPLAY";
  let header: string[] | undefined;
  const totals = new Map<string, { volume: number; turnover: number }>();
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
    const row = new Map(header.map((name, i) => [name, cells[i] ?? ""]));
    const fail = (column: string, message: string): never => {
      throw new StrategyError("BACKTEST_DATA", `${source} line ${lineNo}, column ${column}: ${message}`);
    };
    const num = (column: string, optional = true): number => {
      const value = row.get(column) ?? "";
      if (value === "") return optional ? 0 : fail(column, "required");
      const n = Number(value);
      return Number.isFinite(n) && n >= 0 ? n : fail(column, `expected a number ≥ 0, got "${value}"`);
    };
    if (cells.length !== header.length) fail("*", `expected ${header.length} values, found ${cells.length}`);
    if (row.has("market")) {
      const exchange = MARKETS[row.get("market") ?? ""] ?? fail("market", "expected SH or SZ");
      const symbol = row.get("code") || fail("code", "required");
      const last = num("last", false);
      const key = `${symbol}.${exchange}`;
      const total = totals.get(key) ?? { volume: 0, turnover: 0 };
      total.volume += num("volume", false);
      total.turnover += num("volume") * last;
      totals.set(key, total);
      const date = row.get("date") || options.date || fail("date", "no date column and no date option");
      const datetime = beijing(
        date,
        parseClock(row.get("time") ?? "") ?? fail("time", "expected HH:MM:SS[.mmm] or HHMMSS[mmm]"),
      );
      if (Number.isNaN(datetime.getTime())) fail("date", `expected YYYY-MM-DD, got "${date}"`);
      const depth: Record<string, number> = {};
      for (const i of LEVELS) {
        depth[`bidPrice${i}`] = num(`bid${i}`);
        depth[`bidVolume${i}`] = num(`bidVol${i}`);
        depth[`askPrice${i}`] = num(`ask${i}`);
        depth[`askVolume${i}`] = num(`askVol${i}`);
      }
      yield createTick({
        gatewayName,
        symbol,
        exchange,
        datetime,
        lastPrice: last,
        volume: total.volume,
        turnover: Math.round(total.turnover * 100) / 100,
        ...depth,
      });
    } else if (row.has("last_price")) {
      const exchange = VNPY_EXCHANGES[row.get("exchange") ?? ""] ?? fail("exchange", "expected SSE or SZSE");
      const symbol = row.get("symbol") || fail("symbol", "required");
      const text = row.get("datetime") ?? "";
      const match =
        /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(text) ??
        fail("datetime", `expected YYYY-MM-DD HH:MM:SS, got "${text}"`);
      const [, date, h, m, s, frac = "0"] = match;
      const datetime = beijing(
        date!,
        ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 +
          Math.floor(Number(frac.padEnd(6, "0")) / 1000),
      );
      const depth: Record<string, number> = {};
      for (const i of LEVELS) {
        depth[`bidPrice${i}`] = num(`bid_price_${i}`);
        depth[`bidVolume${i}`] = num(`bid_volume_${i}`);
        depth[`askPrice${i}`] = num(`ask_price_${i}`);
        depth[`askVolume${i}`] = num(`ask_volume_${i}`);
      }
      yield createTick({
        gatewayName,
        symbol,
        exchange,
        datetime,
        lastPrice: num("last_price", false),
        volume: num("volume", false),
        turnover: num("turnover"),
        openPrice: num("open_price"),
        highPrice: num("high_price"),
        lowPrice: num("low_price"),
        preClose: num("pre_close"),
        limitUp: num("limit_up"),
        limitDown: num("limit_down"),
        ...depth,
      });
    } else {
      fail(
        "*",
        "header is neither tsgate's (market, code, last, volume, time) nor vnpy's (symbol, exchange, datetime, last_price)",
      );
    }
  }
}

/** The lines of `text`, one at a time (no array of every line). */
function* linesOf(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf("\n", start);
    const stop = end === -1 ? text.length : end;
    yield text.slice(start, stop);
    start = stop + 1;
  }
}

/** Milliseconds since midnight of a clock text, or undefined. */
function parseClock(text: string): number | undefined {
  const colon = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(text);
  const digits = /^(\d{2})(\d{2})(\d{2})(\d{3})?$/.exec(text.padStart(text.length > 6 ? 9 : 6, "0"));
  const parts = colon ?? digits;
  if (parts === null) return undefined;
  const [, h, m, s, ms = "0"] = parts;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms.padEnd(3, "0"));
}

function beijing(date: string, msOfDay: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_UTC_OFFSET_MS + msOfDay);
}

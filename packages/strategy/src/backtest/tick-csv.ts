import { createTick, Exchange, type TickData } from "@tsgate/core";
import { beijingTime, type CsvRow, csvRows, parseClock, parseVnpyDatetime } from "./csv-text.js";

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

/** The depth columns of one level of tsgate's replay CSV (level 1 first). */
export interface ReplayDepthColumns {
  readonly bid: string;
  readonly bidVol: string;
  readonly ask: string;
  readonly askVol: string;
}

/** Depth columns of tsgate's replay CSV, levels 1 to 5. */
export const REPLAY_DEPTH_COLUMNS: readonly ReplayDepthColumns[] = Object.freeze(
  LEVELS.map((i) =>
    Object.freeze({ bid: `bid${i}`, bidVol: `bidVol${i}`, ask: `ask${i}`, askVol: `askVol${i}` }),
  ),
);

/**
 * Every column of tsgate's replay CSV as the mock server reads it (its own copy is
 * `packages/mock-server/src/domain/csv-replay.ts`, which may import nothing: `@tsgate/backtest`'s
 * replay-columns test fails when the two part). {@link readTickCsv} also takes a `date` column.
 */
export const REPLAY_CSV_COLUMNS: readonly string[] = Object.freeze([
  "market",
  "code",
  "time",
  "last",
  "volume",
  ...REPLAY_DEPTH_COLUMNS.flatMap((d) => [d.bid, d.bidVol, d.ask, d.askVol]),
]);
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
  const gatewayName = options.gatewayName ?? "REPLAY";
  const totals = new Map<string, { volume: number; turnover: number }>();
  for (const row of csvRows(text, options.source ?? "tick CSV")) {
    if (row.has("market")) yield tsgateTick(row, gatewayName, totals, options.date);
    else if (row.has("last_price")) yield vnpyTick(row, gatewayName);
    else {
      row.fail(
        "*",
        "header is neither tsgate's (market, code, last, volume, time) nor vnpy's (symbol, exchange, datetime, last_price)",
      );
    }
  }
}

function tsgateTick(
  row: CsvRow,
  gatewayName: string,
  totals: Map<string, { volume: number; turnover: number }>,
  defaultDate: string | undefined,
): TickData {
  const exchange = MARKETS[row.text("market")] ?? row.fail("market", "expected SH or SZ");
  const symbol = row.text("code") || row.fail("code", "required");
  const last = row.num("last", true);
  const volume = row.num("volume", true);
  const key = `${symbol}.${exchange}`;
  const total = totals.get(key) ?? { volume: 0, turnover: 0 };
  total.volume += volume;
  total.turnover += volume * last;
  totals.set(key, total);
  const date = row.text("date") || defaultDate || row.fail("date", "no date column and no date option");
  const clock = parseClock(row.text("time")) ?? row.fail("time", "expected HH:MM:SS[.mmm] or HHMMSS[mmm]");
  const datetime = beijingTime(date, clock);
  if (Number.isNaN(datetime.getTime())) row.fail("date", `expected YYYY-MM-DD, got "${date}"`);
  const depth: Record<string, number> = {};
  REPLAY_DEPTH_COLUMNS.forEach((columns, index) => {
    const i = index + 1;
    depth[`bidPrice${i}`] = row.num(columns.bid);
    depth[`bidVolume${i}`] = row.num(columns.bidVol);
    depth[`askPrice${i}`] = row.num(columns.ask);
    depth[`askVolume${i}`] = row.num(columns.askVol);
  });
  return createTick({
    gatewayName,
    symbol,
    exchange,
    datetime,
    lastPrice: last,
    volume: total.volume,
    turnover: Math.round(total.turnover * 100) / 100,
    ...depth,
  });
}

function vnpyTick(row: CsvRow, gatewayName: string): TickData {
  const exchange = VNPY_EXCHANGES[row.text("exchange")] ?? row.fail("exchange", "expected SSE or SZSE");
  const symbol = row.text("symbol") || row.fail("symbol", "required");
  const datetime =
    parseVnpyDatetime(row.text("datetime")) ??
    row.fail("datetime", `expected YYYY-MM-DD HH:MM:SS[.ffffff], got "${row.text("datetime")}"`);
  const depth: Record<string, number> = {};
  for (const i of LEVELS) {
    depth[`bidPrice${i}`] = row.num(`bid_price_${i}`);
    depth[`bidVolume${i}`] = row.num(`bid_volume_${i}`);
    depth[`askPrice${i}`] = row.num(`ask_price_${i}`);
    depth[`askVolume${i}`] = row.num(`ask_volume_${i}`);
  }
  return createTick({
    gatewayName,
    symbol,
    exchange,
    datetime,
    lastPrice: row.num("last_price", true),
    volume: row.num("volume", true),
    turnover: row.num("turnover"),
    openPrice: row.num("open_price"),
    highPrice: row.num("high_price"),
    lowPrice: row.num("low_price"),
    preClose: row.num("pre_close"),
    limitUp: row.num("limit_up"),
    limitDown: row.num("limit_down"),
    ...depth,
  });
}

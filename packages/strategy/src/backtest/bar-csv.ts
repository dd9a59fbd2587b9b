import { Exchange } from "@tsgate/core";
import type { BarData } from "../bar.js";
import { csvRows, parseVnpyDatetime } from "./csv-text.js";

/** Options of {@link readBarCsv}. */
export interface BarCsvOptions {
  /** Name of the file, for error messages. */
  readonly source?: string;
  /** Minutes per bar; default 1. */
  readonly interval?: number;
}

const EXCHANGES: Readonly<Record<string, Exchange>> = { SSE: Exchange.SSE, SZSE: Exchange.SZSE };

/**
 * Reads bars exported by vnpy's DataManager (`vnpy_datamanager/engine.py`,
 * `output_data_to_csv`, read 2026-12-02): header `symbol,exchange,datetime,open,high,low,close,
 * volume,turnover,open_interest`, `datetime` as `YYYY-MM-DD HH:MM:SS` in Beijing time, each bar
 * labelled by the minute it starts. One row at a time.
 *
 * @throws {@link StrategyError} `BACKTEST_DATA` naming the line and column
 */
export function* readBarCsv(text: string, options: BarCsvOptions = {}): Generator<BarData> {
  const interval = options.interval ?? 1;
  for (const row of csvRows(text, options.source ?? "bar CSV")) {
    const exchange = EXCHANGES[row.text("exchange")] ?? row.fail("exchange", "expected SSE or SZSE");
    const symbol = row.text("symbol") || row.fail("symbol", "required");
    const datetime =
      parseVnpyDatetime(row.text("datetime")) ??
      row.fail("datetime", `expected YYYY-MM-DD HH:MM:SS, got "${row.text("datetime")}"`);
    const [openPrice, highPrice, lowPrice, closePrice] = ["open", "high", "low", "close"].map((c) =>
      row.num(c, true),
    ) as [number, number, number, number];
    if (highPrice < Math.max(openPrice, closePrice, lowPrice))
      row.fail("high", `${highPrice} is below the bar's other prices`);
    if (lowPrice > Math.min(openPrice, closePrice))
      row.fail("low", `${lowPrice} is above the bar's open or close`);
    yield Object.freeze({
      symbol,
      exchange,
      vtSymbol: `${symbol}.${exchange}`,
      datetime,
      interval,
      openPrice,
      highPrice,
      lowPrice,
      closePrice,
      volume: row.num("volume", true),
      turnover: row.num("turnover"),
    });
  }
}

import type { Exchange } from "@tsgate/core";

/** One bar of `interval` minutes (vnpy `BarData`), labelled by the minute it starts. */
export interface BarData {
  /** Instrument code at its exchange. */
  readonly symbol: string;
  /** Exchange of the instrument. */
  readonly exchange: Exchange;
  /** `${symbol}.${exchange}`. */
  readonly vtSymbol: string;
  /** Start of the bar (the 09:30 bar covers 09:30:00–09:30:59.999 and the opening auction). */
  readonly datetime: Date;
  /** Length of the bar in minutes. */
  readonly interval: number;
  /** First traded price in the bar. */
  readonly openPrice: number;
  /** Highest traded price in the bar. */
  readonly highPrice: number;
  /** Lowest traded price in the bar. */
  readonly lowPrice: number;
  /** Last traded price in the bar. */
  readonly closePrice: number;
  /** Volume traded in the bar (difference of the ticks' cumulative volume). */
  readonly volume: number;
  /** Value traded in the bar (difference of the ticks' cumulative turnover). */
  readonly turnover: number;
}

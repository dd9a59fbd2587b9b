// Indicators come from trading-signals (8.x, MIT): TypeScript, no dependencies, streaming
// `add()` and checked against Tulip Indicators; chosen over technicalindicators (last release
// 2020) and indicatorts (array-only, heavier) because it is maintained and typed end to end.
import { ATR, BollingerBands, EMA, MACD, RSI, SMA } from "trading-signals";
import type { BarData } from "./bar.js";
import { StrategyError } from "./errors.js";

/** Default of the `size` of {@link ArrayManager}: 100 bars, as vnpy. */
export const DEFAULT_ARRAY_SIZE = 100;

/** Upper, middle and lower Bollinger band. */
export interface Bands {
  /** Middle band plus the deviations. */
  readonly upper: number;
  /** The moving average. */
  readonly middle: number;
  /** Middle band minus the deviations. */
  readonly lower: number;
}

/** MACD line, its signal line and their difference. */
export interface Macd {
  /** Fast EMA minus slow EMA. */
  readonly macd: number;
  /** EMA of the MACD line. */
  readonly signal: number;
  /** MACD minus signal. */
  readonly histogram: number;
}

/**
 * The last `size` bars as arrays, with indicators over them (vnpy `ArrayManager`). Memory is
 * fixed: the oldest bar drops out when a new one comes. Each indicator is computed over the
 * bars held, so its value depends only on them (like vnpy's talib calls over the arrays).
 *
 * @example
 * ```ts
 * const am = new ArrayManager(30);
 * am.updateBar(bar);
 * if (am.inited && am.sma(5) > am.sma(20)) this.buy(bar.closePrice, 100);
 * ```
 */
export class ArrayManager {
  private readonly bars: BarData[] = [];
  private count = 0;

  /** @param size - how many bars to keep (≥ 2) */
  constructor(readonly size = DEFAULT_ARRAY_SIZE) {
    if (!Number.isInteger(size) || size < 2) {
      throw new StrategyError("STRATEGY_PARAMETER", `size: expected an integer ≥ 2, got ${size}`);
    }
  }

  /** True once `size` bars have come. */
  get inited(): boolean {
    return this.count >= this.size;
  }

  /** Adds a bar, dropping the oldest when full. */
  updateBar(bar: BarData): void {
    this.count += 1;
    this.bars.push(bar);
    if (this.bars.length > this.size) this.bars.shift();
  }

  /** Open prices, oldest first. */
  get open(): number[] {
    return this.bars.map((b) => b.openPrice);
  }
  /** High prices, oldest first. */
  get high(): number[] {
    return this.bars.map((b) => b.highPrice);
  }
  /** Low prices, oldest first. */
  get low(): number[] {
    return this.bars.map((b) => b.lowPrice);
  }
  /** Close prices, oldest first. */
  get close(): number[] {
    return this.bars.map((b) => b.closePrice);
  }
  /** Volumes, oldest first. */
  get volume(): number[] {
    return this.bars.map((b) => b.volume);
  }

  /** Simple moving average of the last `n` closes; NaN until `n` bars. */
  sma(n: number): number {
    return this.last(new SMA(this.window(n)), this.close);
  }

  /** Exponential moving average of the closes held; NaN until `n` bars. */
  ema(n: number): number {
    return this.last(new EMA(this.window(n)), this.close);
  }

  /** Relative strength index (Wilder) of the closes held; NaN until `n` + 1 bars. */
  rsi(n: number): number {
    return this.last(new RSI(this.window(n)), this.close);
  }

  /** Average true range of the bars held; NaN until `n` + 1 bars. */
  atr(n: number): number {
    const atr = new ATR(this.window(n));
    for (const b of this.bars) atr.add({ high: b.highPrice, low: b.lowPrice, close: b.closePrice });
    return atr.getResult() ?? Number.NaN;
  }

  /** Bollinger bands of the last `n` closes, `dev` standard deviations wide; NaN until `n` bars. */
  boll(n: number, dev: number): Bands {
    const bands = new BollingerBands(this.window(n), dev);
    for (const price of this.close) bands.add(price);
    return bands.getResult() ?? { upper: Number.NaN, middle: Number.NaN, lower: Number.NaN };
  }

  /** MACD with `fast`, `slow` and `signal` EMA periods; NaN until enough bars. */
  macd(fast: number, slow: number, signal: number): Macd {
    const macd = new MACD(
      new EMA(this.window(fast)),
      new EMA(this.window(slow)),
      new EMA(this.window(signal)),
    );
    for (const price of this.close) macd.add(price);
    return macd.getResult() ?? { macd: Number.NaN, signal: Number.NaN, histogram: Number.NaN };
  }

  private last(indicator: { add(x: number): unknown; getResult(): number | null }, values: number[]): number {
    for (const value of values) indicator.add(value);
    return indicator.getResult() ?? Number.NaN;
  }

  private window(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > this.size) {
      throw new StrategyError("STRATEGY_PARAMETER", `window: expected an integer 1–${this.size}, got ${n}`);
    }
    return n;
  }
}

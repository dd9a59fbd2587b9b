import type { TickData } from "@tsgate/core";
import {
  ASHARE_SESSION,
  type BarSlot,
  barSlotOf,
  lastMinuteOf,
  sessionIndexOf,
  slotTime,
} from "./ashare-sessions.js";
import type { BarData } from "./bar.js";
import { StrategyError } from "./errors.js";

/** Called with each finished bar. */
export type BarHandler = (bar: BarData) => void;

interface Building {
  slot: BarSlot;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  turnover: number;
}

/**
 * Builds 1-minute bars from ticks and N-minute bars from 1-minute bars (vnpy `BarGenerator`),
 * following A-share sessions (see the `ashare-sessions` module): the opening auction goes into
 * the 09:30 bar, the lunch break makes no bars, the closing auction goes into the 14:56 bar, and
 * N-minute windows restart at 09:30 and 13:00 (the last window of a half may be shorter).
 *
 * Volume and turnover come from the ticks' cumulative fields by difference. The first tick of a
 * day counts in full only when it is from the opening auction (its totals are the day's so far);
 * a generator started mid-day takes its first tick as the baseline.
 *
 * A bar is finished by the first tick of a later bar, or by {@link BarGenerator.flush} (at the
 * end of the data, or from a timer after 15:00).
 *
 * @example
 * ```ts
 * const bars = new BarGenerator((bar) => strategy.onBar(bar), 5, (bar5) => strategy.onFiveMinuteBar(bar5));
 * bars.updateTick(tick);
 * ```
 */
export class BarGenerator {
  private bar: Building | undefined;
  private lastVolume: number | undefined;
  private lastTurnover = 0;
  private lastDayStartMs: number | undefined;
  private vtSymbol: string | undefined;
  private symbol = "";
  private exchange: TickData["exchange"] | undefined;
  private window: Building | undefined;

  /**
   * @param onBar - called with each finished 1-minute bar
   * @param windowMinutes - N of the N-minute bars (1 = none)
   * @param onWindowBar - called with each finished N-minute bar
   */
  constructor(
    private readonly onBar: BarHandler,
    private readonly windowMinutes = 1,
    private readonly onWindowBar?: BarHandler,
  ) {
    if (!Number.isInteger(windowMinutes) || windowMinutes < 1) {
      throw new StrategyError(
        "STRATEGY_PARAMETER",
        `windowMinutes: expected an integer ≥ 1, got ${windowMinutes}`,
      );
    }
  }

  /** Feeds one tick; ticks of another vtSymbol than the first are refused. */
  updateTick(tick: TickData): void {
    if (this.vtSymbol === undefined) {
      this.vtSymbol = tick.vtSymbol;
      this.symbol = tick.symbol;
      this.exchange = tick.exchange;
    } else if (tick.vtSymbol !== this.vtSymbol) {
      throw new StrategyError(
        "STRATEGY_SYMBOL",
        `BarGenerator of ${this.vtSymbol} got a tick of ${tick.vtSymbol}`,
      );
    }
    const slot = barSlotOf(tick.datetime);
    if (slot === undefined) return;
    if (this.lastDayStartMs !== slot.dayStartMs) {
      this.flush();
      this.lastDayStartMs = slot.dayStartMs;
      // Day totals count from zero only if we saw the day from its opening auction.
      const fromOpen = slot.auction && slot.minute === ASHARE_SESSION.morningStart;
      this.lastVolume = fromOpen ? 0 : tick.volume;
      this.lastTurnover = fromOpen ? 0 : tick.turnover;
    }
    const volume = Math.max(0, tick.volume - (this.lastVolume ?? 0));
    const turnover = Math.max(0, tick.turnover - this.lastTurnover);
    this.lastVolume = Math.max(this.lastVolume ?? 0, tick.volume);
    this.lastTurnover = Math.max(this.lastTurnover, tick.turnover);

    if (this.bar !== undefined && this.bar.slot.minute !== slot.minute) this.finishBar();
    // In a call auction only the match moves the price; indicative prices do not.
    const priced = tick.lastPrice > 0 && (!slot.auction || volume > 0);
    if (this.bar === undefined) {
      if (!priced) return;
      this.bar = {
        slot,
        open: tick.lastPrice,
        high: tick.lastPrice,
        low: tick.lastPrice,
        close: tick.lastPrice,
        volume: 0,
        turnover: 0,
      };
    } else if (priced) {
      this.bar.high = Math.max(this.bar.high, tick.lastPrice);
      this.bar.low = Math.min(this.bar.low, tick.lastPrice);
      this.bar.close = tick.lastPrice;
    }
    this.bar.volume += volume;
    this.bar.turnover += turnover;
  }

  /** Feeds a finished 1-minute bar (e.g. from a bar CSV) to the N-minute window. */
  updateBar(bar: BarData): void {
    const slot = barSlotOf(bar.datetime);
    if (slot === undefined) return;
    const w = this.window;
    if (w === undefined) {
      this.window = {
        slot,
        open: bar.openPrice,
        high: bar.highPrice,
        low: bar.lowPrice,
        close: bar.closePrice,
        volume: bar.volume,
        turnover: bar.turnover,
      };
    } else {
      w.high = Math.max(w.high, bar.highPrice);
      w.low = Math.min(w.low, bar.lowPrice);
      w.close = bar.closePrice;
      w.volume += bar.volume;
      w.turnover += bar.turnover;
    }
    this.vtSymbol ??= bar.vtSymbol;
    this.symbol ||= bar.symbol;
    this.exchange ??= bar.exchange;
    const complete =
      (sessionIndexOf(slot) + 1) % this.windowMinutes === 0 || slot.minute === lastMinuteOf(slot.session);
    if (complete) this.finishWindow();
  }

  /** Finishes the bar being built (and the N-minute window), if any. */
  flush(): void {
    if (this.bar !== undefined) this.finishBar();
    if (this.window !== undefined) this.finishWindow();
  }

  private finishBar(): void {
    const bar = this.toBar(this.bar!, 1);
    this.bar = undefined;
    this.onBar(bar);
    if (this.windowMinutes > 1) this.updateBar(bar);
  }

  private finishWindow(): void {
    const bar = this.toBar(this.window!, this.windowMinutes);
    this.window = undefined;
    this.onWindowBar?.(bar);
  }

  private toBar(b: Building, interval: number): BarData {
    return Object.freeze({
      symbol: this.symbol,
      exchange: this.exchange!,
      vtSymbol: this.vtSymbol!,
      datetime: slotTime(b.slot.dayStartMs, b.slot.minute),
      interval,
      openPrice: b.open,
      highPrice: b.high,
      lowPrice: b.low,
      closePrice: b.close,
      volume: b.volume,
      turnover: b.turnover,
    });
  }
}

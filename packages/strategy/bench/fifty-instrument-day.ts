// A synthetic full trading day of 50 instruments (one tick every 3 s each: 237,000 ticks) and a
// moving-average cross on every instrument: the data and strategy of the backtest benchmarks
// (this package's fast-backtest.ts and @tsgate/backtest's backtest-modes.ts, over the same data).
import { createTick, Exchange, type TickData } from "@tsgate/core";
import { ArrayManager, type BarData, BarGenerator, StrategyTemplate } from "../src/index.js";

const INSTRUMENTS = 50;
const ROW_SECONDS = 3;
/** The instruments, 600000.SSE … 600049.SSE. */
export const vtSymbols = Array.from({ length: INSTRUMENTS }, (_, i) => `${600000 + i}.SSE`);

/** A moving-average cross on every instrument, each on its own bars. */
export class EveryInstrumentMaCross extends StrategyTemplate {
  parameters = { fastWindow: 5, slowWindow: 20 };
  variables = {};
  private readonly state = new Map<string, { bars: BarGenerator; am: ArrayManager; above: boolean }>();
  override onInit(): void {
    for (const vtSymbol of this.vtSymbols) {
      this.state.set(vtSymbol, {
        bars: new BarGenerator((bar) => this.onBar(bar)),
        am: new ArrayManager(20),
        above: false,
      });
    }
  }
  override onTick(tick: TickData): void {
    this.state.get(tick.vtSymbol)?.bars.updateTick(tick);
  }
  override onBar(bar: BarData): void {
    const s = this.state.get(bar.vtSymbol)!;
    s.am.updateBar(bar);
    if (!s.am.inited) return;
    const above = s.am.sma(this.parameters.fastWindow) > s.am.sma(this.parameters.slowWindow);
    const pos = this.getPos(bar.vtSymbol);
    if (above && !s.above && pos === 0)
      this.buy(Math.round((bar.closePrice + 0.05) * 100) / 100, 100, bar.vtSymbol);
    if (!above && s.above && pos > 0)
      this.sell(Math.round((bar.closePrice - 0.05) * 100) / 100, pos, bar.vtSymbol);
    s.above = above;
  }
}

/** The day's ticks, instrument by instrument at each moment (lockstep), in time order. */
export function* day(): Generator<TickData> {
  const dayStart = Date.UTC(2026, 11, 1) - 8 * 3_600_000;
  // Continuous trading only: in the call auctions and 09:25–09:30 the mock broker shows its own
  // prices, so the full path cannot replay rows there.
  const sessions = [
    [9 * 3600 + 30 * 60, 11 * 3600 + 30 * 60 - ROW_SECONDS],
    [13 * 3600, 14 * 3600 + 57 * 60 - ROW_SECONDS],
  ];
  const volume = new Array<number>(INSTRUMENTS).fill(0);
  for (const [from, to] of sessions) {
    for (let t = from!; t <= to!; t += ROW_SECONDS) {
      for (let i = 0; i < INSTRUMENTS; i++) {
        const price = Math.round((7.3 + 0.2 * Math.sin((2 * Math.PI * (t / 60 + i * 3)) / 40)) * 100) / 100;
        volume[i]! += 100;
        yield createTick({
          gatewayName: "REPLAY",
          symbol: String(600000 + i),
          exchange: Exchange.SSE,
          datetime: new Date(dayStart + t * 1000),
          lastPrice: price,
          volume: volume[i]!,
          turnover: volume[i]! * price,
          bidPrice1: Math.round((price - 0.01) * 100) / 100,
          askPrice1: Math.round((price + 0.01) * 100) / 100,
          bidVolume1: 5000,
          askVolume1: 5000,
        });
      }
    }
  }
}

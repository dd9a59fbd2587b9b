// A moving-average cross on 1-minute bars: buy when the fast SMA crosses above the slow one,
// sell everything when it crosses back. Runs unchanged live (StrategyEngine) and in backtests.
import type { TickData } from "@tsgate/core";
import { ArrayManager, type BarData, BarGenerator, StrategyTemplate } from "../src/index.js";

const SLIPPAGE = 0.05;
const toFen = (yuan: number) => Math.round(yuan * 100) / 100;

export class MaCrossStrategy extends StrategyTemplate {
  static override author = "tsgate";
  parameters = { fastWindow: 5, slowWindow: 20, volume: 100 };
  variables = { fastMa: 0, slowMa: 0 };

  private readonly bars = new BarGenerator((bar) => this.onBar(bar));
  private am = new ArrayManager(20);

  override onInit(): void {
    this.am = new ArrayManager(this.parameters.slowWindow);
  }

  override onTick(tick: TickData): void {
    this.bars.updateTick(tick);
  }

  override onBar(bar: BarData): void {
    this.am.updateBar(bar);
    if (!this.am.inited) return;
    const [fast, slow] = [this.am.sma(this.parameters.fastWindow), this.am.sma(this.parameters.slowWindow)];
    const crossedUp = fast > slow && this.variables.fastMa <= this.variables.slowMa;
    const crossedDown = fast < slow && this.variables.fastMa >= this.variables.slowMa;
    this.variables = { fastMa: fast, slowMa: slow };
    // Limit prices a little through the market, so the order fills on the next tick.
    if (crossedUp && this.pos === 0) this.buy(toFen(bar.closePrice + SLIPPAGE), this.parameters.volume);
    else if (crossedDown && this.pos > 0) this.sell(toFen(bar.closePrice - SLIPPAGE), this.pos);
  }
}

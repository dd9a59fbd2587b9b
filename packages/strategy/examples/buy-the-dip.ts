import type { TickData } from "@tsgate/core";
import { StrategyTemplate } from "../src/index.js";

/** Buys when the price is `dip` below the first price seen; sells when it is back there. */
export class BuyTheDip extends StrategyTemplate {
  parameters = { dip: 0.1, volume: 100 };
  variables = { reference: 0 };

  override onTick(tick: TickData): void {
    this.variables.reference ||= tick.lastPrice;
    if (this.getActiveOrders().length > 0) return; // wait for the working order
    const { reference } = this.variables;
    if (this.pos === 0 && tick.lastPrice <= reference - this.parameters.dip)
      this.buy(tick.askPrice1, this.parameters.volume);
    if (this.pos > 0 && tick.lastPrice >= reference) this.sell(tick.bidPrice1, this.pos);
  }
}

import type { Direction, OrderData, TickData } from "@tsgate/core";
import type { StrategyTemplate } from "./strategy-template.js";

/**
 * What a {@link StrategyTemplate} asks of the engine that runs it. {@link StrategyEngine}
 * implements it on a live `MainEngine`; a backtest runs the same strategy code through the
 * same engine on a simulated gateway.
 */
export interface StrategyContext {
  /** Sends a limit order for `strategy` and returns its vtOrderid. */
  sendOrder(
    strategy: StrategyTemplate,
    vtSymbol: string,
    direction: Direction,
    price: number,
    volume: number,
  ): string;
  /** Cancels one of `strategy`'s orders. */
  cancelOrder(strategy: StrategyTemplate, vtOrderid: string): void;
  /** Cancels every active order of `strategy`. */
  cancelAll(strategy: StrategyTemplate): void;
  /** The active orders of `strategy`. */
  getActiveOrders(strategy: StrategyTemplate): OrderData[];
  /** The latest tick of `vtSymbol`, when one has arrived. */
  getTick(vtSymbol: string): TickData | undefined;
  /** Publishes a log line naming `strategy`. */
  writeLog(strategy: StrategyTemplate, msg: string): void;
}

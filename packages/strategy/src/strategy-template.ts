import { Direction, type OrderData, type TickData, type TradeData } from "@tsgate/core";
import type { BarData } from "./bar.js";
import { StrategyError } from "./errors.js";
import type { StrategyContext } from "./strategy-context.js";
import type { StrategyValues } from "./strategy-values.js";

/** A strategy class as {@link StrategyEngine.addStrategy} takes it. */
export type StrategyClass<S extends StrategyTemplate = StrategyTemplate> = new (
  context: StrategyContext,
  strategyName: string,
  vtSymbols: readonly string[],
) => S;

/**
 * The base class of a strategy (vnpy `CtaTemplate`, in camelCase). Override the hooks you
 * need; declare `parameters` (set from the outside, checked by name and type) and `variables`
 * (state worth showing and saving) as plain objects of numbers, strings and booleans.
 *
 * The engine routes to a strategy only its own orders and trades, and keeps its own net
 * position per vtSymbol in {@link StrategyTemplate.getPos} (updated before `onTrade`).
 *
 * A-shares have no short selling in a cash account, so {@link StrategyTemplate.short} and
 * {@link StrategyTemplate.cover} throw, and {@link StrategyTemplate.sell} refuses to sell more
 * than the strategy holds (minus its pending sells).
 *
 * @example
 * ```ts
 * class Buyer extends StrategyTemplate {
 *   parameters = { volume: 100 };
 *   variables = { bought: false };
 *   override onTick(tick: TickData): void {
 *     if (!this.trading || this.variables.bought) return;
 *     this.buy(tick.askPrice1, this.parameters.volume);
 *     this.variables.bought = true;
 *   }
 * }
 * ```
 */
export abstract class StrategyTemplate {
  /** Who wrote the strategy (shown on the dashboard). */
  static author = "";

  /** Parameters: set before `onInit` by the engine from the user's setting and the store. */
  abstract parameters: StrategyValues;
  /** Variables: the strategy's state, saved on stop and restored on init. */
  abstract variables: StrategyValues;

  /** True once `onInit` has run. */
  inited = false;
  /** True between `onStart` and `onStop`: orders are only sent while trading. */
  trading = false;

  private readonly positions = new Map<string, number>();

  /**
   * @param context - the engine that runs the strategy
   * @param strategyName - unique name of this instance
   * @param vtSymbols - the instruments it trades; the first is the default of every order method
   */
  constructor(
    protected readonly context: StrategyContext,
    readonly strategyName: string,
    readonly vtSymbols: readonly string[],
  ) {
    if (vtSymbols.length === 0) {
      throw new StrategyError("STRATEGY_SYMBOL", `${strategyName}: vtSymbols: give at least one`, {
        params: { strategy: strategyName, problem: "none" },
      });
    }
    for (const vtSymbol of vtSymbols) this.positions.set(vtSymbol, 0);
  }

  /** The first (often the only) vtSymbol. */
  get vtSymbol(): string {
    return this.vtSymbols[0]!;
  }

  /** The strategy's own net position in {@link StrategyTemplate.vtSymbol}. */
  get pos(): number {
    return this.getPos(this.vtSymbol);
  }

  /** The strategy's own net position in `vtSymbol` (its trades only, not the account's). */
  getPos(vtSymbol: string): number {
    return this.positions.get(this.checkSymbol(vtSymbol)) ?? 0;
  }

  /** Every position of the strategy, by vtSymbol. */
  getAllPos(): Record<string, number> {
    return Object.fromEntries(this.positions);
  }

  /** Called once by `initStrategy`, after parameters and saved state are applied. */
  onInit(): void | Promise<void> {}
  /** Called by `startStrategy`; orders may be sent from now on. */
  onStart(): void {}
  /** Called by `stopStrategy`, after the strategy's orders were cancelled. */
  onStop(): void {}
  /** Every tick of the strategy's vtSymbols, once inited. */
  onTick(_tick: TickData): void {}
  /** Bars, when the strategy feeds a {@link BarGenerator} with `onBar` as its callback. */
  onBar(_bar: BarData): void {}
  /** Every change of one of the strategy's own orders. */
  onOrder(_order: OrderData): void {}
  /** Every fill of one of the strategy's own orders, after its position was updated. */
  onTrade(_trade: TradeData): void {}

  /** Buys `volume` at limit `price`; returns the vtOrderid, or undefined when not trading. */
  buy(price: number, volume: number, vtSymbol: string = this.vtSymbol): string | undefined {
    return this.send(vtSymbol, Direction.LONG, price, volume);
  }

  /**
   * Sells `volume` of what the strategy holds at limit `price`; returns the vtOrderid, or
   * undefined when not trading.
   *
   * @throws {@link StrategyError} `STRATEGY_ORDER` when that would sell more than the
   *   strategy's position minus its pending sells (A-shares: no short selling)
   */
  sell(price: number, volume: number, vtSymbol: string = this.vtSymbol): string | undefined {
    if (!this.trading) return undefined;
    const pendingSells = this.getActiveOrders()
      .filter((o) => o.vtSymbol === vtSymbol && o.direction === Direction.SHORT)
      .reduce((sum, o) => sum + o.volume - o.traded, 0);
    const free = this.getPos(vtSymbol) - pendingSells;
    if (volume > free) {
      throw new StrategyError(
        "STRATEGY_ORDER",
        `${this.strategyName}: sell ${volume} ${vtSymbol}: only ${free} held and not already being sold (A-shares cannot be sold short)`,
        { params: { strategy: this.strategyName, problem: "oversell", vtSymbol, volume, free } },
      );
    }
    return this.send(vtSymbol, Direction.SHORT, price, volume);
  }

  /** @throws {@link StrategyError} `STRATEGY_ORDER` always: A-share cash accounts cannot sell short. */
  short(_price: number, _volume: number, _vtSymbol?: string): never {
    throw new StrategyError("STRATEGY_ORDER", `${this.strategyName}: short: A-shares cannot be sold short`, {
      params: { strategy: this.strategyName, problem: "short" },
    });
  }

  /** @throws {@link StrategyError} `STRATEGY_ORDER` always: there is never a short position to cover. */
  cover(_price: number, _volume: number, _vtSymbol?: string): never {
    throw new StrategyError("STRATEGY_ORDER", `${this.strategyName}: cover: A-shares cannot be sold short`, {
      params: { strategy: this.strategyName, problem: "cover" },
    });
  }

  /** The strategy's orders still working (not filled, cancelled or rejected). */
  getActiveOrders(): OrderData[] {
    return this.context.getActiveOrders(this);
  }

  /** Cancels one of the strategy's orders. */
  cancelOrder(vtOrderid: string): void {
    this.context.cancelOrder(this, vtOrderid);
  }

  /** Cancels every active order of the strategy. */
  cancelAll(): void {
    this.context.cancelAll(this);
  }

  /** Writes a log line naming the strategy. */
  writeLog(msg: string): void {
    this.context.writeLog(this, msg);
  }

  /**
   * Applies a fill to the strategy's position (the engine calls it before `onTrade`).
   *
   * @internal
   */
  applyTrade(trade: TradeData): void {
    const signed = trade.direction === Direction.LONG ? trade.volume : -trade.volume;
    this.positions.set(trade.vtSymbol, (this.positions.get(trade.vtSymbol) ?? 0) + signed);
  }

  /**
   * Restores saved positions (the engine calls it on init).
   *
   * @internal
   */
  restorePos(pos: Readonly<Record<string, number>>): void {
    for (const [vtSymbol, volume] of Object.entries(pos)) {
      if (this.positions.has(vtSymbol)) this.positions.set(vtSymbol, volume);
    }
  }

  private send(vtSymbol: string, direction: Direction, price: number, volume: number): string | undefined {
    if (!this.trading) return undefined;
    return this.context.sendOrder(this, this.checkSymbol(vtSymbol), direction, price, volume);
  }

  private checkSymbol(vtSymbol: string): string {
    if (!this.positions.has(vtSymbol)) {
      throw new StrategyError(
        "STRATEGY_SYMBOL",
        `${this.strategyName}: ${vtSymbol} is not one of its vtSymbols (${this.vtSymbols.join(", ")})`,
        { params: { strategy: this.strategyName, problem: "notTraded", vtSymbol, known: this.vtSymbols } },
      );
    }
    return vtSymbol;
  }
}

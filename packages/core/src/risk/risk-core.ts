/**
 * The risk engine's pure core: limits, counters and the trading-state machine. No I/O, no timers:
 * the clock is injected and every input arrives by a method call, so it is tested directly.
 *
 * @module
 */
import { Direction, OrderType } from "../constants.js";
import type { OrderData } from "../objects/order.js";
import type { PositionData } from "../objects/position.js";
import type { CancelRequest, OrderRequest } from "../objects/requests.js";
import type { TradeData } from "../objects/trade.js";
import { chinaDayNumber } from "./china-day.js";
import { RiskBook, type SymbolBook } from "./risk-book.js";
import { RISK_LIMIT_NAMES, type RiskConfig, type RiskLimitName } from "./risk-config.js";
import { type RiskRefusal, refusal } from "./risk-refusal.js";
import { SlidingWindow } from "./sliding-window.js";
import { TradingState } from "./trading-state.js";

/** The day's counts, as persisted across restarts. */
export interface RiskDayCounts {
  /** Orders let through today. */
  readonly orders: number;
  /** Cancels let through today. */
  readonly cancels: number;
}

/**
 * One limit's value and current figure, as the `eRisk` event and the dashboard show it. For the
 * per-order limits the figure is the largest order let through today.
 */
export interface RiskLimitUsage {
  readonly limit: RiskLimitName;
  /** The configured value. */
  readonly value: number;
  /** The current figure. */
  readonly current: number;
}

/** A trading-state change and why. */
export interface RiskStateChange {
  readonly from: TradingState;
  readonly to: TradingState;
  readonly reason: string;
}

const INFINITE_PRICE = Number.POSITIVE_INFINITY;

/**
 * Limits and state. The wiring calls {@link RiskCore.checkOrder} before a gateway's `sendOrder`,
 * {@link RiskCore.trackSent} after it, {@link RiskCore.checkCancel} before `cancelOrder`, and
 * feeds orders, trades, positions and ticks from the event engine.
 */
export class RiskCore {
  readonly book = new RiskBook();
  private stateValue: TradingState = TradingState.ACTIVE;
  private readonly ordersWindow: SlidingWindow | undefined;
  private readonly cancelsWindow: SlidingWindow | undefined;
  private readonly actionsWindow: SlidingWindow | undefined;
  private day: number;
  private ordersToday = 0;
  private cancelsToday = 0;
  /** The largest volume and notional let through today: the per-order limits' usage. */
  private largestVolumeToday = 0;
  private largestNotionalToday = 0;
  private readonly refusals = new Map<string, number>();
  private refusedTotal = 0;

  /**
   * @param config - validated limits (see `parseRiskConfig`)
   * @param now - the clock, epoch milliseconds (injected: tests drive time by hand)
   */
  constructor(
    readonly config: RiskConfig,
    private readonly now: () => number,
  ) {
    const window = (limit: number | undefined) =>
      limit === undefined ? undefined : new SlidingWindow(limit);
    this.ordersWindow = window(config.maxOrdersPerSecond);
    this.cancelsWindow = window(config.maxCancelsPerSecond);
    this.actionsWindow = window(config.maxActionsPerSecond);
    this.day = chinaDayNumber(now());
  }

  /** The current trading state. */
  get state(): TradingState {
    return this.stateValue;
  }

  /** Sets the state by hand; returns the change, or undefined when it was already so. */
  setState(to: TradingState, reason: string): RiskStateChange | undefined {
    const from = this.stateValue;
    if (from === to) return undefined;
    this.stateValue = to;
    return Object.freeze({ from, to, reason });
  }

  /**
   * Checks a new order; when it passes, counts it (per second and per day).
   *
   * @returns undefined when the order may go, else why not
   */
  checkOrder(req: OrderRequest, gatewayName: string): RiskRefusal | undefined {
    const now = this.now();
    this.rollDay(now);
    const c = this.config;
    const book = this.book.peek(req.vtSymbol);
    const buy = req.direction !== Direction.SHORT;
    const position = book?.position ?? 0;
    const longCase = book?.longCase ?? 0;
    const shortCase = book?.shortCase ?? 0;

    if (this.stateValue === TradingState.HALTED)
      return this.refuse(refusal("tradingState", TradingState.HALTED, "a new order", "cancels only"));
    if (this.stateValue === TradingState.REDUCING) {
      const reduces = buy
        ? position < 0 && longCase + req.volume <= 0
        : position > 0 && shortCase - req.volume >= 0;
      if (!reduces)
        return this.refuse(
          refusal(
            "tradingState",
            TradingState.REDUCING,
            `position ${position}`,
            "only orders that reduce a position",
          ),
        );
    }
    if (c.maxOrderVolume !== undefined && req.volume > c.maxOrderVolume)
      return this.refuse(refusal("maxOrderVolume", c.maxOrderVolume, req.volume));

    const mark = book?.mark ?? 0;
    const orderPrice = req.type === OrderType.LIMIT || req.price > 0 ? req.price : mark;
    // Value conservatively: the higher of the order's price and the last known price.
    const valuePrice = Math.max(orderPrice, mark);
    const needsPrice =
      c.maxOrderNotional !== undefined ||
      c.maxExposurePerSymbol !== undefined ||
      c.maxExposureTotal !== undefined;
    if (needsPrice && !(valuePrice > 0))
      return this.refuse(
        refusal("referencePrice", "a known price", "none", "no tick or order price to value it"),
      );
    if (c.maxOrderNotional !== undefined && valuePrice * req.volume > c.maxOrderNotional)
      return this.refuse(refusal("maxOrderNotional", c.maxOrderNotional, valuePrice * req.volume));

    if (this.ordersWindow !== undefined && !this.ordersWindow.fits(now))
      return this.refuse(
        refusal("maxOrdersPerSecond", this.ordersWindow.capacity, this.ordersWindow.capacity + 1),
      );
    if (this.actionsWindow !== undefined && !this.actionsWindow.fits(now))
      return this.refuse(
        refusal("maxActionsPerSecond", this.actionsWindow.capacity, this.actionsWindow.capacity + 1),
      );
    if (c.maxOrdersPerDay !== undefined && this.ordersToday + 1 > c.maxOrdersPerDay)
      return this.refuse(refusal("maxOrdersPerDay", c.maxOrdersPerDay, this.ordersToday + 1));
    if (c.maxActionsPerDay !== undefined && this.actionsToday + 1 > c.maxActionsPerDay)
      return this.refuse(refusal("maxActionsPerDay", c.maxActionsPerDay, this.actionsToday + 1));

    if (c.maxActiveOrders !== undefined && this.book.activeCount + 1 > c.maxActiveOrders)
      return this.refuse(refusal("maxActiveOrders", c.maxActiveOrders, this.book.activeCount + 1));
    const activeHere = book?.orders.size ?? 0;
    if (c.maxActiveOrdersPerSymbol !== undefined && activeHere + 1 > c.maxActiveOrdersPerSymbol)
      return this.refuse(refusal("maxActiveOrdersPerSymbol", c.maxActiveOrdersPerSymbol, activeHere + 1));

    const positionRefusal = this.checkPosition(req.volume, buy, longCase, shortCase, valuePrice, book);
    if (positionRefusal !== undefined) return this.refuse(positionRefusal);

    if (c.selfTradePrevention && book !== undefined && book.orders.size > 0) {
      const crossed = this.crossedOwnOrder(
        book,
        gatewayName,
        buy,
        req.type === OrderType.LIMIT ? req.price : undefined,
      );
      if (crossed !== undefined)
        return this.refuse(
          refusal(
            "selfTradePrevention",
            "no crossing",
            `own ${buy ? "sell" : "buy"} ${crossed}`,
            "would trade with itself",
          ),
        );
    }

    this.ordersWindow?.add(now);
    this.actionsWindow?.add(now);
    this.ordersToday += 1;
    if (req.volume > this.largestVolumeToday) this.largestVolumeToday = req.volume;
    if (valuePrice * req.volume > this.largestNotionalToday)
      this.largestNotionalToday = valuePrice * req.volume;
    return undefined;
  }

  /** Records an order {@link checkOrder} let through, under the id its gateway gave it. */
  trackSent(vtOrderid: string, req: OrderRequest, gatewayName: string): void {
    const orderid = vtOrderid.slice(gatewayName.length + 1);
    this.book.addSent(
      vtOrderid,
      {
        gatewayName,
        orderid,
        symbol: req.symbol,
        exchange: req.exchange,
        vtSymbol: req.vtSymbol,
        direction: req.direction,
        type: req.type,
        price: req.price,
      },
      req.volume,
    );
  }

  /**
   * Checks a cancel; when it passes, counts it. Cancels pass in every state.
   *
   * @param force - the kill switch: let it through past the cancel rates (still counted), since
   *   taking orders off the market must not wait for the window
   */
  checkCancel(_req: CancelRequest, force = false): RiskRefusal | undefined {
    const now = this.now();
    this.rollDay(now);
    const c = this.config;
    if (!force) {
      if (this.cancelsWindow !== undefined && !this.cancelsWindow.fits(now))
        return this.refuse(
          refusal("maxCancelsPerSecond", this.cancelsWindow.capacity, this.cancelsWindow.capacity + 1),
        );
      if (this.actionsWindow !== undefined && !this.actionsWindow.fits(now))
        return this.refuse(
          refusal("maxActionsPerSecond", this.actionsWindow.capacity, this.actionsWindow.capacity + 1),
        );
      if (c.maxCancelsPerDay !== undefined && this.cancelsToday + 1 > c.maxCancelsPerDay)
        return this.refuse(refusal("maxCancelsPerDay", c.maxCancelsPerDay, this.cancelsToday + 1));
      if (c.maxActionsPerDay !== undefined && this.actionsToday + 1 > c.maxActionsPerDay)
        return this.refuse(refusal("maxActionsPerDay", c.maxActionsPerDay, this.actionsToday + 1));
    }
    this.cancelsWindow?.add(now);
    this.actionsWindow?.add(now);
    this.cancelsToday += 1;
    return undefined;
  }

  /** Applies an order report. */
  onOrder(order: OrderData): void {
    this.book.onOrder(order);
  }

  /** Applies a fill; returns a state change when the day's loss reached its limit. */
  onTrade(trade: TradeData): RiskStateChange | undefined {
    this.rollDay(this.now());
    this.book.onTrade(trade);
    return this.checkLoss();
  }

  /** Applies a position report. */
  onPosition(position: PositionData): void {
    this.book.onPosition(position);
  }

  /** Applies a tick's last price; returns a state change when the day's loss reached its limit. */
  onTick(vtSymbol: string, lastPrice: number): RiskStateChange | undefined {
    this.book.onTick(vtSymbol, lastPrice);
    return this.checkLoss();
  }

  /** Orders plus cancels let through today. */
  get actionsToday(): number {
    return this.ordersToday + this.cancelsToday;
  }

  /** The day's counts (to persist). */
  dayCounts(): RiskDayCounts {
    this.rollDay(this.now());
    return { orders: this.ordersToday, cancels: this.cancelsToday };
  }

  /** Restores today's counts after a restart; takes the larger of stored and counted so far. */
  restoreDayCounts(counts: RiskDayCounts): void {
    this.rollDay(this.now());
    this.ordersToday = Math.max(this.ordersToday, counts.orders);
    this.cancelsToday = Math.max(this.cancelsToday, counts.cancels);
  }

  /** Refusals so far by rule, and in total. */
  refusalCounts(): { readonly total: number; readonly byRule: Readonly<Record<string, number>> } {
    return { total: this.refusedTotal, byRule: Object.fromEntries(this.refusals) };
  }

  /** Every configured limit with its current figure. O(limits + window sizes): for reports, not checks. */
  usage(): RiskLimitUsage[] {
    const now = this.now();
    this.rollDay(now);
    const figures: Record<RiskLimitName, () => number> = {
      maxOrdersPerSecond: () => this.ordersWindow?.count(now) ?? 0,
      maxOrdersPerDay: () => this.ordersToday,
      maxCancelsPerSecond: () => this.cancelsWindow?.count(now) ?? 0,
      maxCancelsPerDay: () => this.cancelsToday,
      maxActionsPerSecond: () => this.actionsWindow?.count(now) ?? 0,
      maxActionsPerDay: () => this.actionsToday,
      maxOrderVolume: () => this.largestVolumeToday,
      maxOrderNotional: () => this.largestNotionalToday,
      maxActiveOrders: () => this.book.activeCount,
      maxActiveOrdersPerSymbol: () => this.maxOver((b) => b.orders.size),
      maxPositionPerSymbol: () => this.maxOver((b) => b.worst),
      maxPositionTotal: () => this.book.totalWorst,
      maxExposurePerSymbol: () => this.maxOver((b) => b.exposure),
      maxExposureTotal: () => this.book.totalExposure,
      maxDailyLoss: () => Math.max(0, -this.book.dailyPnl),
    };
    const rows: RiskLimitUsage[] = [];
    for (const limit of RISK_LIMIT_NAMES) {
      const value = this.config[limit];
      if (value !== undefined) rows.push({ limit, value, current: figures[limit]() });
    }
    return rows;
  }

  private checkPosition(
    volume: number,
    buy: boolean,
    longCase: number,
    shortCase: number,
    price: number,
    book: SymbolBook | undefined,
  ): RiskRefusal | undefined {
    const c = this.config;
    const before = Math.abs(buy ? longCase : shortCase);
    const after = Math.abs(buy ? longCase + volume : shortCase - volume);
    // A limit only refuses what makes its figure larger: reducing a position that is already over
    // (yesterday's holdings, a lowered limit) is always allowed.
    if (after <= before) return undefined;
    const worstBefore = book?.worst ?? 0;
    const worstAfter = Math.max(after, Math.abs(buy ? shortCase : longCase));
    if (c.maxPositionPerSymbol !== undefined && after > c.maxPositionPerSymbol)
      return refusal("maxPositionPerSymbol", c.maxPositionPerSymbol, after);
    const totalAfter = this.book.totalWorst - worstBefore + worstAfter;
    if (c.maxPositionTotal !== undefined && totalAfter > c.maxPositionTotal)
      return refusal("maxPositionTotal", c.maxPositionTotal, totalAfter);
    if (c.maxExposurePerSymbol !== undefined && after * price > c.maxExposurePerSymbol)
      return refusal("maxExposurePerSymbol", c.maxExposurePerSymbol, after * price);
    const exposureAfter = this.book.totalExposure - (book?.exposure ?? 0) + worstAfter * price;
    if (c.maxExposureTotal !== undefined && exposureAfter > c.maxExposureTotal)
      return refusal("maxExposureTotal", c.maxExposureTotal, exposureAfter);
    return undefined;
  }

  /** The price of the gateway's own working order the new one would trade with, if any. */
  private crossedOwnOrder(
    book: SymbolBook,
    gatewayName: string,
    buy: boolean,
    limitPrice: number | undefined,
  ): number | undefined {
    const price = limitPrice ?? (buy ? INFINITE_PRICE : 0);
    for (const order of book.orders.values()) {
      if (order.gatewayName !== gatewayName || (order.direction === Direction.SHORT) !== buy) continue;
      const restingMarket = order.type !== OrderType.LIMIT;
      if (restingMarket || (buy ? order.price <= price : order.price >= price)) return order.price;
    }
    return undefined;
  }

  private checkLoss(): RiskStateChange | undefined {
    const max = this.config.maxDailyLoss;
    if (max === undefined || this.stateValue !== TradingState.ACTIVE) return undefined;
    const loss = -this.book.dailyPnl;
    if (loss < max) return undefined;
    return this.setState(TradingState.REDUCING, `risk maxDailyLoss: limit ${max}, loss ${loss.toFixed(2)}`);
  }

  private maxOver(figure: (book: SymbolBook) => number): number {
    let max = 0;
    for (const book of this.book.all()) max = Math.max(max, figure(book));
    return max;
  }

  private refuse(why: RiskRefusal): RiskRefusal {
    this.refusedTotal += 1;
    this.refusals.set(why.rule, (this.refusals.get(why.rule) ?? 0) + 1);
    return why;
  }

  private rollDay(now: number): void {
    const day = chinaDayNumber(now);
    if (day === this.day) return;
    this.day = day;
    this.ordersToday = 0;
    this.cancelsToday = 0;
    this.largestVolumeToday = 0;
    this.largestNotionalToday = 0;
    this.book.newDay();
  }
}

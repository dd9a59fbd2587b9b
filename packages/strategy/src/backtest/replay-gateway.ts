import {
  BaseGateway,
  type CancelRequest,
  ConnectionState,
  createAccount,
  createContract,
  createOrderData,
  createPosition,
  createTick,
  createTrade,
  Direction,
  Exchange,
  type GatewaySetting,
  GatewaySide,
  isActiveOrder,
  type OrderData,
  type OrderRequest,
  Product,
  parseVtSymbol,
  Status,
  type SubscribeRequest,
  type TickData,
  updateOrder,
} from "@tsgate/core";
import { beijingDate } from "../ashare-sessions.js";
import type { BarData } from "../bar.js";
import { type BookSide, restingFill, type TradedPools, takeLiquidity } from "./book-matching.js";
import { ASHARE_FEES, type FeeSchedule, orderFeeOf } from "./fees.js";

/** Options of {@link ReplayGateway}. */
export interface ReplayGatewayOptions {
  /** The instruments the replay has ticks of (one contract each, pushed on connect). */
  readonly vtSymbols: readonly string[];
  /** Fees charged on each fill. */
  readonly fees?: FeeSchedule;
  /** Starting cash, yuan. */
  readonly capital?: number;
}

/** Default of {@link ReplayGatewayOptions.capital}: 1,000,000 yuan. */
export const DEFAULT_CAPITAL = 1_000_000;

// A-share board lot and price tick (SSE/SZSE trading rules, 2023 revision: 100 shares, 0.01 yuan).
// Shares bought on a day can be sold from the next trading day (T+1, same rules), as the mock
// server's accounts enforce it.
const LOT = 100;
const PRICE_TICK = 0.01;

/** The latest tick's book of one instrument, as orders consume it. */
interface ReplayBook {
  readonly bids: BookSide;
  readonly asks: BookSide;
  last: number;
  /** Cumulative volume of the latest tick, to tell the shares traded since the one before. */
  volume: number;
  /** Trading day of the latest tick (cumulative volume restarts each day). */
  day: string;
}

const LEVELS = [1, 2, 3, 4, 5] as const;
const cents = (yuan: number) => Math.round(yuan * 100) / 100;
const DEPTH_KEYS = {
  bidPrice: LEVELS.map((i) => `bidPrice${i}`),
  bidVolume: LEVELS.map((i) => `bidVolume${i}`),
  askPrice: LEVELS.map((i) => `askPrice${i}`),
  askVolume: LEVELS.map((i) => `askVolume${i}`),
};

function newBook(): ReplayBook {
  const side = () => ({ prices: LEVELS.map(() => 0), volumes: LEVELS.map(() => 0) });
  return { bids: side(), asks: side(), last: 0, volume: 0, day: "" };
}

/** Copies the tick's depth into `book` (in place: nothing allocated per tick). */
function loadBook(book: ReplayBook, tick: TickData, day: string): void {
  const t = tick as unknown as Readonly<Record<string, number | undefined>>;
  for (let i = 0; i < LEVELS.length; i++) {
    book.bids.prices[i] = t[DEPTH_KEYS.bidPrice[i] as string] ?? 0;
    book.bids.volumes[i] = t[DEPTH_KEYS.bidVolume[i] as string] ?? 0;
    book.asks.prices[i] = t[DEPTH_KEYS.askPrice[i] as string] ?? 0;
    book.asks.volumes[i] = t[DEPTH_KEYS.askVolume[i] as string] ?? 0;
  }
  book.last = tick.lastPrice;
  book.volume = tick.volume;
  book.day = day;
}

/**
 * The tick as the broker publishes it after this step's fills: with the depth the resting orders
 * left (the tick itself when they took none). Unlike the broker's, its volume and turnover do not
 * count the gateway's own fills: that would copy every tick after the first fill, halving the
 * fast mode's speed, for a difference few strategies see.
 */
function publishedTick(tick: TickData, book: ReplayBook, depthChanged: boolean): TickData {
  if (!depthChanged) return tick;
  const depth: Record<string, number> = {};
  for (let i = 0; i < LEVELS.length; i++) {
    depth[DEPTH_KEYS.bidPrice[i] as string] = book.bids.prices[i] ?? 0;
    depth[DEPTH_KEYS.bidVolume[i] as string] = book.bids.volumes[i] ?? 0;
    depth[DEPTH_KEYS.askPrice[i] as string] = book.asks.prices[i] ?? 0;
    depth[DEPTH_KEYS.askVolume[i] as string] = book.asks.volumes[i] ?? 0;
  }
  // Through createTick, so the copy has the shape of every other tick.
  return createTick({ ...tick, ...depth });
}

/**
 * The gateway of the fast backtest: a `BaseGateway` whose market is the replayed ticks. Orders
 * match as at the mock broker (`book-matching.ts`): on arrival against the latest tick's
 * displayed book, at the levels' prices; what rests fills at its limit on later ticks that cross
 * it or trade through it. Fills pay the {@link FeeSchedule}. Events go through the event engine
 * like a live gateway's, so the strategy, the engine and the OMS run the production code.
 */
export class ReplayGateway extends BaseGateway {
  /** `"REPLAY"`. */
  static override defaultName = "REPLAY";
  /** No settings: the replay needs none. */
  static override defaultSetting = {};
  /** SSE and SZSE. */
  static override exchanges = [Exchange.SSE, Exchange.SZSE];

  private readonly vtSymbols: readonly string[];
  private readonly fees: FeeSchedule;
  private readonly orders = new Map<string, OrderData>();
  private readonly books = new Map<string, ReplayBook>();
  /** Value filled so far per working order: fees belong to the order (its minimum commission once). */
  private readonly filledAmounts = new Map<string, number>();
  private readonly positions = new Map<string, number>();
  /** Shares held since before today: what T+1 lets a sell take. */
  private readonly ydVolumes = new Map<string, number>();
  private day: string | undefined;
  private cash: number;
  private nextOrderid = 0;
  private nextTradeid = 0;
  private now = new Date(0);

  /**
   * @param eventEngine - the engine to publish events on
   * @param gatewayName - instance name; default `"REPLAY"`
   * @param options - instruments, fees and capital
   */
  constructor(
    eventEngine: ConstructorParameters<typeof BaseGateway>[0],
    gatewayName?: string,
    options: ReplayGatewayOptions = { vtSymbols: [] },
  ) {
    super(eventEngine, gatewayName);
    this.vtSymbols = options.vtSymbols;
    this.fees = options.fees ?? ASHARE_FEES;
    this.cash = options.capital ?? DEFAULT_CAPITAL;
  }

  /** Pushes one contract per instrument, the account and positions, then CONNECTED. */
  connect(_setting: GatewaySetting): void {
    for (const vtSymbol of this.vtSymbols) {
      const { symbol, exchange } = parseVtSymbol(vtSymbol);
      this.onContract(
        createContract({
          gatewayName: this.gatewayName,
          symbol,
          exchange,
          name: symbol,
          product: Product.EQUITY,
          size: 1,
          pricetick: PRICE_TICK,
          minVolume: LOT,
          netPosition: true,
        }),
      );
      this.positions.set(vtSymbol, 0);
    }
    this.queryAccount();
    this.queryPosition();
    this.writeStatus(GatewaySide.TRADE, ConnectionState.CONNECTED);
    this.writeStatus(GatewaySide.MARKET, ConnectionState.CONNECTED);
  }

  /** Nothing to release. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Every replayed instrument is pushed; nothing to do. */
  subscribe(_req: SubscribeRequest): void {}

  /** Accepts the order (NOTTRADED) or rejects it when off lot or tick; it matches from the next tick. */
  sendOrder(req: OrderRequest): string {
    this.nextOrderid += 1;
    const order = createOrderData(req, String(this.nextOrderid), this.gatewayName);
    const offTick = Math.abs(Math.round(req.price / PRICE_TICK) * PRICE_TICK - req.price) > 1e-9;
    const sellable =
      req.direction === Direction.SHORT ? this.sellable(req.vtSymbol) : Number.POSITIVE_INFINITY;
    const problem =
      req.volume <= 0 || req.volume % LOT !== 0
        ? `volume ${req.volume} is not a multiple of ${LOT}`
        : offTick
          ? `price ${req.price} is not a multiple of ${PRICE_TICK}`
          : req.volume > sellable
            ? `T+1: ${req.vtSymbol} has ${sellable} shares sellable today (shares bought today can be sold from the next trading day)`
            : undefined;
    const next = updateOrder(
      order,
      problem === undefined
        ? { status: Status.NOTTRADED, datetime: this.now }
        : { status: Status.REJECTED, statusMsg: problem, datetime: this.now },
    );
    this.onOrder(next);
    if (isActiveOrder(next)) {
      this.orders.set(next.orderid, next);
      this.take(next);
    }
    return next.vtOrderid;
  }

  /** Cancels a resting order at once. */
  cancelOrder(req: CancelRequest): void {
    const order = this.orders.get(req.orderid);
    if (order === undefined) return;
    this.orders.delete(req.orderid);
    this.filledAmounts.delete(req.orderid);
    this.onOrder(updateOrder(order, { status: Status.CANCELLED, datetime: this.now }));
  }

  /** Pushes the cash. */
  queryAccount(): void {
    this.onAccount(
      createAccount({ gatewayName: this.gatewayName, accountid: "BACKTEST", balance: this.cash }),
    );
  }

  /** Pushes every net position. */
  queryPosition(): void {
    for (const [vtSymbol, volume] of this.positions) {
      const { symbol, exchange } = parseVtSymbol(vtSymbol);
      const ydVolume = this.ydVolumes.get(vtSymbol) ?? 0;
      this.onPosition(
        createPosition({
          gatewayName: this.gatewayName,
          symbol,
          exchange,
          direction: Direction.NET,
          volume,
          ydVolume,
        }),
      );
    }
  }

  /** Replays one tick: its book replaces the instrument's, resting orders match, then it is published. */
  feed(tick: TickData): void {
    this.advanceTo(tick.datetime);
    const book = this.books.get(tick.vtSymbol) ?? newBook();
    this.books.set(tick.vtSymbol, book);
    const traded = Math.max(0, book.day !== this.day ? tick.volume : tick.volume - book.volume);
    loadBook(book, tick, this.day ?? "");
    const depthChanged = this.orders.size > 0 && this.matchResting(book, tick, { bid: traded, ask: traded });
    this.onTick(publishedTick(tick, book, depthChanged));
  }

  /**
   * Serves the instrument's resting orders in price-time priority, buys first, as the broker does.
   * Returns whether they took displayed depth.
   */
  private matchResting(book: ReplayBook, tick: TickData, pools: TradedPools): boolean {
    let tookDepth = false;
    const resting = [...this.orders.values()].filter((o) => o.vtSymbol === tick.vtSymbol);
    const rank = (o: OrderData) => (o.direction === Direction.LONG ? -o.price : o.price);
    const byPriority = (a: OrderData, b: OrderData) =>
      Number(b.direction === Direction.LONG) - Number(a.direction === Direction.LONG) ||
      rank(a) - rank(b) ||
      Number(a.orderid) - Number(b.orderid);
    for (const order of resting.sort(byPriority)) {
      const buy = order.direction === Direction.LONG;
      const side = buy ? book.asks : book.bids;
      const q = restingFill(side, buy, order.price, order.volume - order.traded, book.last, pools);
      if (q.fromDepth > 0) tookDepth = true;
      if (q.volume > 0) this.fill(order, order.price, q.volume, tick.datetime);
    }
    return tookDepth;
  }

  /** An arriving order takes the latest book of its instrument within its limit. */
  private take(order: OrderData): void {
    const book = this.books.get(order.vtSymbol);
    if (book === undefined) return;
    const buy = order.direction === Direction.LONG;
    for (const fill of takeLiquidity(buy ? book.asks : book.bids, buy, order.price, order.volume)) {
      const current = this.orders.get(order.orderid);
      if (current === undefined) return;
      this.fill(current, fill.price, fill.volume, this.now);
    }
  }

  /**
   * Replays one bar: matches resting orders against it (vnpy's bar mode: a buy fills when its
   * limit is at or above the bar's low, at the lower of the limit and the open; a sell when at
   * or below the high, at the higher of the limit and the open). The caller passes the bar to
   * the strategies.
   */
  feedBar(bar: BarData): void {
    this.advanceTo(bar.datetime);
    for (const order of [...this.orders.values()]) {
      if (order.vtSymbol !== bar.vtSymbol) continue;
      const buy = order.direction === Direction.LONG;
      const crosses = buy ? order.price >= bar.lowPrice : order.price <= bar.highPrice;
      if (crosses)
        this.fill(
          order,
          buy ? Math.min(order.price, bar.openPrice) : Math.max(order.price, bar.openPrice),
          order.volume - order.traded,
          bar.datetime,
        );
    }
  }

  /** Moves the clock; on a new trading day every share held becomes sellable (T+1). */
  private advanceTo(datetime: Date): void {
    this.now = datetime;
    const day = beijingDate(datetime);
    if (day === this.day) return;
    this.day = day;
    for (const [vtSymbol, volume] of this.positions) this.ydVolumes.set(vtSymbol, volume);
  }

  /** Shares of `vtSymbol` a new sell may take: held since before today, minus working sells. */
  private sellable(vtSymbol: string): number {
    let working = 0;
    for (const order of this.orders.values()) {
      if (order.vtSymbol === vtSymbol && order.direction === Direction.SHORT)
        working += order.volume - order.traded;
    }
    return (this.ydVolumes.get(vtSymbol) ?? 0) - working;
  }

  /** Fills `volume` shares of `order` at `price` (all of what is left, or part of it). */
  private fill(order: OrderData, price: number, volume: number, datetime: Date): void {
    const buy = order.direction === Direction.LONG;
    const before = this.filledAmounts.get(order.orderid) ?? 0;
    const after = before + price * volume;
    const fee = cents(
      orderFeeOf(this.fees, order.direction, after) - orderFeeOf(this.fees, order.direction, before),
    );
    this.nextTradeid += 1;
    const traded = order.traded + volume;
    const next = updateOrder(order, {
      traded,
      status: traded >= order.volume ? Status.ALLTRADED : Status.PARTTRADED,
      datetime,
    });
    if (isActiveOrder(next)) {
      this.orders.set(order.orderid, next);
      this.filledAmounts.set(order.orderid, after);
    } else {
      this.orders.delete(order.orderid);
      this.filledAmounts.delete(order.orderid);
    }
    this.onOrder(next);
    this.onTrade(
      createTrade({
        gatewayName: this.gatewayName,
        symbol: order.symbol,
        exchange: order.exchange,
        orderid: order.orderid,
        tradeid: String(this.nextTradeid),
        direction: order.direction,
        price,
        volume,
        fee,
        datetime,
      }),
    );
    const signed = buy ? volume : -volume;
    if (!buy) this.ydVolumes.set(order.vtSymbol, (this.ydVolumes.get(order.vtSymbol) ?? 0) - volume);
    this.positions.set(order.vtSymbol, (this.positions.get(order.vtSymbol) ?? 0) + signed);
    this.cash -= signed * price + fee;
  }
}

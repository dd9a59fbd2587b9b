/**
 * The risk engine's own view of working orders, positions, reference prices and the day's P&L,
 * kept incrementally so every check reads O(1) figures. Pure: fed by the wiring, no I/O.
 *
 * @module
 */
import { Direction, type Exchange, type OrderType } from "../constants.js";
import { isActiveOrder, type OrderData } from "../objects/order.js";
import type { PositionData } from "../objects/position.js";
import type { TradeData } from "../objects/trade.js";

/** A working order as the book keeps it. */
export interface BookOrder {
  readonly gatewayName: string;
  /** The gateway-local id, symbol and exchange: what a cancel request needs. */
  readonly orderid: string;
  readonly symbol: string;
  readonly exchange: Exchange;
  readonly vtSymbol: string;
  readonly direction: Direction;
  readonly type: OrderType;
  readonly price: number;
  /** Volume not yet traded. */
  remaining: number;
}

/** One gateway's (account's) holding of one instrument. */
export interface GatewayHolding {
  /** Long and short volume as last reported by that gateway's position events. */
  long: number;
  short: number;
  /** Its fills since that report (signed), so a fill counts before the broker's position catches up. */
  unconfirmed: number;
}

/** One instrument's figures, summed over the gateways. */
export class SymbolBook {
  /** Working orders by vtOrderid. */
  readonly orders = new Map<string, BookOrder>();
  /** Each gateway's holding, by gateway name. */
  readonly holdings = new Map<string, GatewayHolding>();
  /** Sum of every gateway's net holding (long − short + unconfirmed), kept in step. */
  private netHeld = 0;
  /** Remaining volume of working buy / sell orders. */
  buyPending = 0;
  sellPending = 0;
  /** Last price known: tick, else trade, else order price. 0 until any is seen. */
  mark = 0;
  /** Signed volume traded today, cash paid (negative) or received today, fees today. */
  tradedQty = 0;
  tradedCash = 0;
  fees = 0;
  /** Cached {@link worst} and {@link exposure} as last added to the totals. */
  worstCached = 0;
  exposureCached = 0;

  constructor(readonly vtSymbol: string) {}

  /** Net position over all gateways: reported plus fills not yet in a report. */
  get position(): number {
    return this.netHeld;
  }

  /** The holding of `gatewayName`, created empty on first use. */
  holding(gatewayName: string): GatewayHolding {
    let holding = this.holdings.get(gatewayName);
    if (holding === undefined) {
      holding = { long: 0, short: 0, unconfirmed: 0 };
      this.holdings.set(gatewayName, holding);
    }
    return holding;
  }

  /** Recomputes {@link position} after a holding changed (few gateways: a short loop). */
  resum(): void {
    let net = 0;
    for (const h of this.holdings.values()) net += h.long - h.short + h.unconfirmed;
    this.netHeld = net;
  }

  /** Position if every working buy fills. */
  get longCase(): number {
    return this.position + this.buyPending;
  }

  /** Position if every working sell fills. */
  get shortCase(): number {
    return this.position - this.sellPending;
  }

  /** The larger magnitude of the two cases: what the position limits bound. */
  get worst(): number {
    return Math.max(Math.abs(this.longCase), Math.abs(this.shortCase));
  }

  /** {@link worst} valued at the reference price. */
  get exposure(): number {
    return this.worst * this.mark;
  }

  /** The day's P&L of this instrument: today's fills marked to the reference price, fees included. */
  get pnl(): number {
    return this.tradedCash + this.tradedQty * this.mark - this.fees;
  }
}

function signed(direction: Direction, volume: number): number {
  return direction === Direction.SHORT ? -volume : volume;
}

/**
 * Every instrument's {@link SymbolBook} plus the totals the total limits read, kept in step on
 * every change.
 */
export class RiskBook {
  private readonly symbols = new Map<string, SymbolBook>();
  private readonly seenTrades = new Set<string>();
  /** Orders the book has seen finish, so a late active report cannot bring one back. */
  private readonly finished = new Set<string>();
  /** Working orders of all instruments. */
  activeCount = 0;
  /** Sum of every instrument's worst-case position and its value. */
  totalWorst = 0;
  totalExposure = 0;
  /** Sum of every instrument's day P&L parts, so the total is O(1) after a tick. */
  private cashMinusFees = 0;
  private markedQty = 0;

  /** The book of `vtSymbol`, created empty on first use. */
  symbol(vtSymbol: string): SymbolBook {
    let book = this.symbols.get(vtSymbol);
    if (book === undefined) {
      book = new SymbolBook(vtSymbol);
      this.symbols.set(vtSymbol, book);
    }
    return book;
  }

  /** The book of `vtSymbol` if it exists. */
  peek(vtSymbol: string): SymbolBook | undefined {
    return this.symbols.get(vtSymbol);
  }

  /** Every instrument's book. */
  all(): IterableIterator<SymbolBook> {
    return this.symbols.values();
  }

  /** The day's P&L over all instruments (realized + unrealized of today's fills, fees included). */
  get dailyPnl(): number {
    return this.cashMinusFees + this.markedQty;
  }

  /** A working order of the book, by vtOrderid. */
  order(vtSymbol: string, vtOrderid: string): BookOrder | undefined {
    return this.symbols.get(vtSymbol)?.orders.get(vtOrderid);
  }

  /** Adds an order the engine just let through, before the gateway's first report arrives. */
  addSent(vtOrderid: string, order: Omit<BookOrder, "remaining">, volume: number): void {
    const book = this.symbol(order.vtSymbol);
    if (book.mark === 0 && order.price > 0) this.setMark(book, order.price);
    this.apply(book, vtOrderid, { ...order, remaining: volume });
  }

  /** Applies an order report: working orders enter or update, finished ones leave. */
  onOrder(order: OrderData): void {
    if (this.finished.has(order.vtOrderid)) return;
    const book = this.symbol(order.vtSymbol);
    if (!isActiveOrder(order)) {
      this.finished.add(order.vtOrderid);
      this.apply(book, order.vtOrderid, undefined);
      return;
    }
    if (book.mark === 0 && order.price > 0) this.setMark(book, order.price);
    this.apply(book, order.vtOrderid, {
      gatewayName: order.gatewayName,
      orderid: order.orderid,
      symbol: order.symbol,
      exchange: order.exchange,
      vtSymbol: order.vtSymbol,
      direction: order.direction,
      type: order.type,
      price: order.price,
      remaining: Math.max(0, order.volume - order.traded),
    });
  }

  /** Applies a fill (once per vtTradeid): position, the day's cash and fees. */
  onTrade(trade: TradeData): void {
    if (this.seenTrades.has(trade.vtTradeid)) return;
    this.seenTrades.add(trade.vtTradeid);
    const book = this.symbol(trade.vtSymbol);
    const qty = signed(trade.direction, trade.volume);
    this.before(book);
    book.holding(trade.gatewayName).unconfirmed += qty;
    book.resum();
    book.tradedQty += qty;
    book.tradedCash -= qty * trade.price;
    book.fees += trade.fee;
    this.after(book);
    if (book.mark === 0) this.setMark(book, trade.price);
  }

  /** Applies a position report: it replaces the reported position and absorbs earlier fills. */
  onPosition(position: PositionData): void {
    const book = this.symbol(position.vtSymbol);
    this.before(book);
    const holding = book.holding(position.gatewayName);
    if (position.direction === Direction.SHORT) holding.short = position.volume;
    else holding.long = position.volume;
    holding.unconfirmed = 0;
    book.resum();
    this.after(book);
  }

  /** Applies a tick's last price as the reference price. */
  onTick(vtSymbol: string, lastPrice: number): void {
    if (!(lastPrice > 0)) return;
    this.setMark(this.symbol(vtSymbol), lastPrice);
  }

  /**
   * Forgets one gateway's working orders and holdings, e.g. after it was connected to another
   * account (as `OmsEngine.clearGateway`). The day's P&L keeps its fills: that loss happened.
   */
  clearGateway(gatewayName: string): void {
    for (const book of this.symbols.values()) {
      for (const [vtOrderid, order] of [...book.orders])
        if (order.gatewayName === gatewayName) this.apply(book, vtOrderid, undefined);
      if (book.holdings.has(gatewayName)) {
        this.before(book);
        book.holdings.delete(gatewayName);
        book.resum();
        this.after(book);
      }
    }
  }

  /** Forgets the day's fills and P&L (a new trading day); positions and orders stay. */
  newDay(): void {
    for (const book of this.symbols.values()) {
      book.tradedQty = 0;
      book.tradedCash = 0;
      book.fees = 0;
    }
    this.cashMinusFees = 0;
    this.markedQty = 0;
    this.seenTrades.clear();
    this.finished.clear();
  }

  private setMark(book: SymbolBook, price: number): void {
    this.before(book);
    book.mark = price;
    this.after(book);
  }

  private apply(book: SymbolBook, vtOrderid: string, next: BookOrder | undefined): void {
    this.before(book);
    const previous = book.orders.get(vtOrderid);
    if (previous !== undefined) {
      if (previous.direction === Direction.SHORT) book.sellPending -= previous.remaining;
      else book.buyPending -= previous.remaining;
      book.orders.delete(vtOrderid);
      this.activeCount -= 1;
    }
    if (next !== undefined) {
      if (next.direction === Direction.SHORT) book.sellPending += next.remaining;
      else book.buyPending += next.remaining;
      book.orders.set(vtOrderid, next);
      this.activeCount += 1;
    }
    this.after(book);
  }

  // before()/after() bracket every change of one book and move the totals by its delta
  // (no closure: the tick path calls this for every tick).
  private qtyBefore = 0;
  private cashBefore = 0;

  private before(book: SymbolBook): void {
    this.qtyBefore = book.tradedQty * book.mark;
    this.cashBefore = book.tradedCash - book.fees;
  }

  private after(book: SymbolBook): void {
    const worst = book.worst;
    const exposure = book.exposure;
    this.totalWorst += worst - book.worstCached;
    this.totalExposure += exposure - book.exposureCached;
    book.worstCached = worst;
    book.exposureCached = exposure;
    this.markedQty += book.tradedQty * book.mark - this.qtyBefore;
    this.cashMinusFees += book.tradedCash - book.fees - this.cashBefore;
  }
}

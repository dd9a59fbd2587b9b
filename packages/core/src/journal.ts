/**
 * The order journal contract: what a gateway writes down so that a restarted process neither
 * reuses an order id nor pushes a trade it already pushed, and can rebuild its OMS.
 *
 * Gateways call the journal synchronously. A new order id and the new order are saved in one
 * transaction before the order is sent, so no id is ever reused and every order the broker may
 * know is on record. Later order changes and trades are saved in one transaction per batch of
 * broker reports, right after the batch: a process killed in between loses only state the
 * broker's queries give back after the restart. A journal that throws makes the gateway refuse
 * the new order, or log the failure (updates and trades).
 *
 * Implementations: {@link MemoryJournal} here (tests, one process), `SqliteJournal` in
 * `@tsgate/journal` (durable).
 *
 * @module
 */
import type { OrderData } from "./objects/order.js";
import type { TradeData } from "./objects/trade.js";

/** One order as journalled: its latest snapshot and the gateway's bookkeeping for it. */
export interface JournalOrder {
  /** The latest snapshot pushed. */
  readonly order: OrderData;
  /** The broker's order id; `""` until known. */
  readonly serverId: string;
  /** Highest broker report sequence applied to the order (0: none). */
  readonly lastSeq: number;
}

/** The local order-id generator's state: ids `prefix + counter` up to `counter` are taken. */
export interface JournalOrderIds {
  readonly prefix: string;
  readonly counter: number;
}

/** Everything a journal holds for one gateway and trading day, as {@link OrderJournal.load} returns it. */
export interface JournalContents {
  /** The latest record of every order, in the order they were first saved. */
  readonly orders: readonly JournalOrder[];
  /** Every trade, in the order it was saved. */
  readonly trades: readonly TradeData[];
  /** The order-id generator state, or undefined when no id was issued yet. */
  readonly orderIds: JournalOrderIds | undefined;
}

/**
 * Durable memory of a gateway's orders, trades and order-id counter for one trading day. All
 * methods are synchronous: when one returns, the record survives a crash of the process.
 */
export interface OrderJournal {
  /** What was saved for `gatewayName` on the journal's trading day. */
  load(gatewayName: string): JournalContents;
  /** Records that ids up to `prefix + counter` are taken. Called before each id is used. */
  saveOrderIds(gatewayName: string, ids: JournalOrderIds): void;
  /** Inserts or replaces the record of `entry.order.orderid`. */
  saveOrder(gatewayName: string, entry: JournalOrder): void;
  /** Adds a trade; saving the same trade id again is a no-op. */
  saveTrade(gatewayName: string, trade: TradeData): void;
  /**
   * Runs `work` (saves) as one transaction: when it returns, all of them are durable; when it
   * throws, none is.
   */
  transaction<T>(work: () => T): T;
  /** Releases the journal's resources; later calls throw. */
  close(): void;
}

interface GatewayBook {
  orders: Map<string, JournalOrder>;
  trades: Map<string, TradeData>;
  orderIds: JournalOrderIds | undefined;
}

/**
 * An {@link OrderJournal} in memory: survives a gateway being closed and created again within one
 * process, not a restart. For tests and for applications that want the gateway's restore path
 * without a file.
 */
export class MemoryJournal implements OrderJournal {
  private readonly books = new Map<string, GatewayBook>();
  private closed = false;

  load(gatewayName: string): JournalContents {
    const book = this.book(gatewayName);
    return { orders: [...book.orders.values()], trades: [...book.trades.values()], orderIds: book.orderIds };
  }

  saveOrderIds(gatewayName: string, ids: JournalOrderIds): void {
    this.book(gatewayName).orderIds = { prefix: ids.prefix, counter: ids.counter };
  }

  saveOrder(gatewayName: string, entry: JournalOrder): void {
    this.book(gatewayName).orders.set(entry.order.orderid, entry);
  }

  saveTrade(gatewayName: string, trade: TradeData): void {
    const trades = this.book(gatewayName).trades;
    if (!trades.has(trade.tradeid)) trades.set(trade.tradeid, trade);
  }

  /** Runs `work`; memory needs no commit (a throw keeps what was saved before it). */
  transaction<T>(work: () => T): T {
    return work();
  }

  close(): void {
    this.closed = true;
  }

  private book(gatewayName: string): GatewayBook {
    if (this.closed) throw new Error("the journal is closed");
    let book = this.books.get(gatewayName);
    if (book === undefined) {
      book = { orders: new Map(), trades: new Map(), orderIds: undefined };
      this.books.set(gatewayName, book);
    }
    return book;
  }
}

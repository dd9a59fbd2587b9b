/**
 * The trade side's link to an optional {@link OrderJournal}; every call is a no-op without one.
 *
 * - A new order is saved with its id reservation in one transaction, synchronously, before it is
 *   sent: an id that is not on record could be reused after a restart, so if that save fails the
 *   order is refused.
 * - Order changes and trades are collected and committed in one transaction at the end of the
 *   current turn (a microtask), so a batch of broker reports costs one commit, not one per report.
 *   Only the latest state of each order is written.
 * - A failing journal is logged (once until it works again) instead of breaking report handling.
 *
 * @module
 */
import { type JournalOrder, LogLevel, type OrderJournal, type TradeData } from "@tsgate/core";
import { errorText, type GatewaySink } from "./gateway-sink.js";

export class JournalLink {
  private readonly orders = new Map<string, JournalOrder>();
  private trades: TradeData[] = [];
  private scheduled = false;
  /** True while the last commit failed: the next failure is not logged again. */
  private failing = false;

  constructor(
    private readonly journal: OrderJournal | undefined,
    private readonly sink: GatewaySink,
  ) {}

  /** True when there is a journal: a new order must then be saved before it is sent. */
  get active(): boolean {
    return this.journal !== undefined;
  }

  /**
   * Saves that ids up to `prefix + counter` are taken, together with the new order (and anything
   * still pending), before the order is sent.
   *
   * @returns undefined when saved (or no journal), else the reason to refuse the order
   */
  saveNewOrder(prefix: string, counter: number, entry: JournalOrder): string | undefined {
    const journal = this.journal;
    if (journal === undefined) return undefined;
    this.orders.set(entry.order.orderid, entry);
    try {
      journal.transaction(() => {
        journal.saveOrderIds(this.sink.gatewayName, { prefix, counter });
        this.writePending(journal);
      });
      this.failing = false;
      return undefined;
    } catch (error) {
      const reason = this.sink.msg.journalIdFailed(errorText(error));
      this.report(reason);
      return reason;
    }
  }

  /** Queues the latest state of an order for this turn's commit. */
  saveOrder(entry: JournalOrder): void {
    if (this.journal === undefined) return;
    this.orders.set(entry.order.orderid, entry);
    this.schedule();
  }

  /** Queues a trade for this turn's commit. */
  saveTrade(trade: TradeData): void {
    if (this.journal === undefined) return;
    this.trades.push(trade);
    this.schedule();
  }

  /** Commits what is queued now (also run at the end of each turn and when the gateway closes). */
  flush(): void {
    const journal = this.journal;
    if (journal === undefined || (this.orders.size === 0 && this.trades.length === 0)) return;
    try {
      journal.transaction(() => this.writePending(journal));
      this.failing = false;
    } catch (error) {
      this.report(this.sink.msg.journalSaveFailed(errorText(error)));
    }
  }

  /** Writes and forgets the queue (inside the caller's transaction; forgotten even if it fails). */
  private writePending(journal: OrderJournal): void {
    const orders = [...this.orders.values()];
    const trades = this.trades;
    this.orders.clear();
    this.trades = [];
    for (const { order, serverId, lastSeq } of orders) {
      journal.saveOrder(this.sink.gatewayName, { order, serverId, lastSeq });
    }
    for (const trade of trades) journal.saveTrade(this.sink.gatewayName, trade);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private report(text: string): void {
    if (this.failing) return;
    this.failing = true;
    this.sink.writeLog(text, LogLevel.ERROR);
  }
}

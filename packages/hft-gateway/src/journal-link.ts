/**
 * The trade side's link to an optional {@link OrderJournal}: every call is a no-op without one,
 * and a failing journal is reported in the log instead of breaking the report handling. Only the
 * save of a new order id returns its failure, because an id that is not saved could be reused
 * after a restart: that order must be refused.
 *
 * @module
 */
import { type JournalOrder, LogLevel, type OrderJournal, type TradeData } from "@tsgate/core";
import { errorText, type GatewaySink } from "./gateway-sink.js";
import { msg } from "./messages.js";

export class JournalLink {
  /** True while the last save failed: the next failure is not logged again. */
  private failing = false;

  constructor(
    private readonly journal: OrderJournal | undefined,
    private readonly sink: GatewaySink,
  ) {}

  /** True when a journal is attached. */
  get enabled(): boolean {
    return this.journal !== undefined;
  }

  /**
   * Saves that ids up to `prefix + counter` are taken.
   *
   * @returns undefined when saved (or no journal), else the reason to refuse the order
   */
  reserveOrderId(prefix: string, counter: number): string | undefined {
    const journal = this.journal;
    if (journal === undefined) return undefined;
    try {
      journal.saveOrderIds(this.sink.gatewayName, { prefix, counter });
      this.failing = false;
      return undefined;
    } catch (error) {
      const reason = msg.journalIdFailed(errorText(error));
      this.report(reason);
      return reason;
    }
  }

  /** Saves the latest state of an order. */
  saveOrder(entry: JournalOrder): void {
    this.save(() => this.journal?.saveOrder(this.sink.gatewayName, entry));
  }

  /** Saves a trade before it is pushed. */
  saveTrade(trade: TradeData): void {
    this.save(() => this.journal?.saveTrade(this.sink.gatewayName, trade));
  }

  private save(write: () => void): void {
    if (this.journal === undefined) return;
    try {
      write();
      this.failing = false;
    } catch (error) {
      this.report(msg.journalSaveFailed(errorText(error)));
    }
  }

  private report(text: string): void {
    if (this.failing) return;
    this.failing = true;
    this.sink.writeLog(text, LogLevel.ERROR);
  }
}

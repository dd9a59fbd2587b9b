/**
 * The per-account report stream: every ORDER_REPORT and TRADE_REPORT of the day, numbered by one
 * counter per account starting at 1 (shared by both kinds, +1 per report), stored for replay after
 * a reconnect and delivered live to listeners.
 */
import type { OrderReport, Report, TradeReport } from "../protocol/messages.js";

/** Receives every report as it is journaled. */
export type ReportListener = (accountId: string, report: Report) => void;

export class ReportJournal {
  private readonly reports = new Map<string, Report[]>();
  private readonly listeners = new Set<ReportListener>();

  /**
   * @param onListenerError called when a listener throws; the journal and the other listeners
   *   are unaffected (default: `console.error`).
   */
  constructor(private readonly onListenerError: (error: unknown) => void = (e) => console.error(e)) {}

  private list(accountId: string): Report[] {
    let list = this.reports.get(accountId);
    if (list === undefined) {
      list = [];
      this.reports.set(accountId, list);
    }
    return list;
  }

  /** Highest sequence of the account so far (0 if none). */
  lastSeq(accountId: string): number {
    return this.reports.get(accountId)?.length ?? 0;
  }

  /** Numbers, stores and delivers an order report; returns the stored (frozen) body. */
  appendOrder(accountId: string, body: Omit<OrderReport, "reportSeq">): OrderReport {
    const list = this.list(accountId);
    const stored = Object.freeze({ reportSeq: list.length + 1, ...body });
    this.publish(accountId, list, Object.freeze({ type: "order", body: stored }));
    return stored;
  }

  /** Numbers, stores and delivers a trade report; returns the stored (frozen) body. */
  appendTrade(accountId: string, body: Omit<TradeReport, "reportSeq">): TradeReport {
    const list = this.list(accountId);
    const stored = Object.freeze({ reportSeq: list.length + 1, ...body });
    this.publish(accountId, list, Object.freeze({ type: "trade", body: stored }));
    return stored;
  }

  private publish(accountId: string, list: Report[], report: Report): void {
    list.push(report);
    for (const listener of this.listeners) {
      try {
        listener(accountId, report);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Every stored report of the account with `reportSeq > afterSeq`, in order. */
  reportsAfter(accountId: string, afterSeq: number): Report[] {
    const list = this.reports.get(accountId);
    if (list === undefined) return [];
    const from = Number.isFinite(afterSeq) ? Math.max(0, Math.floor(afterSeq)) : 0;
    return list.slice(from);
  }

  /** Adds a live listener; returns the function that removes it. */
  onReport(listener: ReportListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

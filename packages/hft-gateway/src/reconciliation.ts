/**
 * The trade side's reconciliation rules: order and trade state from the broker's answers, reports
 * and query records. Pure: no I/O, no timers; what changes is handed to a {@link ReconcileSink}
 * (journal, push, log), so every rule is tested directly (test/reconciliation.test.ts).
 *
 * Two modes, chosen per report by its `reportSeq`:
 * - **by report sequence** (our wire protocol, the sim library): a report or query record older
 *   than the newest one applied to the order is ignored, so a query answer racing live reports
 *   cannot move an order back; replays of forgotten orders and trades are recognised by their
 *   sequence (see `retention.ts`);
 * - **by re-query** (the vendor SDK has no report sequences: `reportSeq` 0 marks an unsequenced
 *   report, the convention agreed for the vendor path): trades are deduplicated by trade id, order
 *   states come from the broker's query answers after every (re)login, and a status never moves
 *   backwards (an unsequenced record with fewer shares filled, or an earlier state, is stale).
 *
 * In both modes:
 * - every order has one entry keyed by its local order id (the client order id); the broker's id
 *   is learnt from the answer or the first report, so an order is found by either;
 * - a final state (ALLTRADED, CANCELLED, REJECTED) is final;
 * - an update that changes nothing pushes nothing; each change is a new frozen snapshot;
 * - orders this process did not create are adopted (keyed by their client order id, or the
 *   broker's id when they have none or it collides with one of ours);
 * - a trade is pushed once per trade id; a trade that is not pushed is logged with the reason;
 * - a duplicate client order id answer (2012) ends the order REJECTED: the library turns its own
 *   resends' 2012 into success (native/sim/trader.c), so one that arrives here means another
 *   process or engine used the id today, and reports under that id belong to the other order;
 * - **broker sessions**: a login whose trading day differs from the last one, or whose last report
 *   sequence is below the highest one applied, starts a new broker session (a new day, or a
 *   broker restarted without its books — issue 18.5). Sequences restart, the broker's order ids
 *   and trade ids may repeat, so trade ids of later sessions are scoped (`<tradeId>@<n>`, n the
 *   session number from 2) and old broker order ids are forgotten. The caller then re-queries
 *   orders and trades; an active order the broker knew before the query and does not list is
 *   ended CANCELLED (it can never trade).
 *
 * @module
 */

import {
  createOrder,
  createTrade,
  isActiveOrder,
  type JournalContents,
  type JournalOrder,
  LogLevel,
  Offset,
  type OrderData,
  Status,
  type TradeData,
  updateOrder,
} from "@tsgate/core";
import type { OrderReport, OrderRspEvent, TradeReport } from "@tsgate/hft-native";
import { ERROR_DUPLICATE_CL_ORDER_ID } from "./constants.js";
import {
  exchangeTime,
  mapStatus,
  ORDERTYPE_HFT2VT,
  parseVendorSymbol,
  SIDE_HFT2VT,
  STATUS_HFT2VT,
} from "./mappings.js";
import { type GatewayMessages, WHAT } from "./messages.js";
import { DEFAULT_RETENTION, FinishedOrders, type RetentionLimits, SeenTradeIds } from "./retention.js";

/** One order and what the broker told us about it (journalled as is). */
export interface OrderEntry extends JournalOrder {
  order: OrderData;
  /** The broker's order id; "" until known. */
  serverId: string;
  /** Highest report sequence applied to this order (0: none yet, or unsequenced reports only). */
  lastSeq: number;
}

/** Where the reconciler's results go; the trade side journals, pushes and logs them. */
export interface ReconcileSink {
  /** An order changed: journal the entry, then push its snapshot. */
  orderChanged(entry: OrderEntry): void;
  /** The broker's id of an order was learnt: journal the entry (nothing to push). */
  serverIdLearnt(entry: OrderEntry): void;
  /** A new trade: journal and push it. */
  tradeAdded(trade: TradeData): void;
  /** A log line. */
  log(text: string, level: LogLevel): void;
  /** The texts of the log lines and order reasons, in the gateway's language. */
  readonly msg: GatewayMessages;
}

/** Where a report comes from: a live report, a replay after a reconnect, or a query record. */
export type ReportSource = "live" | "replay" | "query";

/** What a login answer says about the broker's session. */
export interface SessionLogin {
  /** Trading day, YYYYMMDD. */
  readonly tradingDay: number;
  /** Highest report sequence of the account at the broker (0: none, or an unsequenced broker). */
  readonly lastReportSeq: number;
}

/** The outcome of {@link Reconciler.onLogin}. */
export interface LoginVerdict {
  /** True when this login started a new broker session (see the module documentation). */
  readonly newSession: boolean;
  /** True when order and trade state must be re-queried now (new session, or unsequenced mode). */
  readonly requery: boolean;
}

/** `<tradeId>@<n>`: the trade id of broker session n (from 2), as pushed. */
const SCOPED_TRADE_ID = /^(.*)@(\d+)$/;

/** The trade id as pushed in broker session `epoch + 1`: the broker's id, scoped after the first. */
function scopeTradeId(tradeId: string, epoch: number): string {
  return epoch === 0 || tradeId === "" ? tradeId : `${tradeId}@${epoch + 1}`;
}

/** The broker's own trade id of a pushed one (without the session scope). */
export function brokerTradeIdOf(tradeid: string): string {
  return SCOPED_TRADE_ID.exec(tradeid)?.[1] ?? tradeid;
}

/** Rank of a status on the way to a final state: unsequenced records never lower it. */
const STATUS_RANK: Readonly<Record<Status, number>> = Object.freeze({
  [Status.SUBMITTING]: 0,
  [Status.NOTTRADED]: 1,
  [Status.PARTTRADED]: 2,
  [Status.ALLTRADED]: 3,
  [Status.CANCELLED]: 3,
  [Status.REJECTED]: 3,
});

/** Vendor statuses that keep the current core status on purpose (a cancel is under way). */
const STATUS_KEPT: ReadonlySet<string> = new Set(["PendingCancel", "Canceling"]);

/** Order and trade state of one account; see the module documentation for the rules. */
export class Reconciler {
  private readonly orders = new Map<string, OrderEntry>();
  private readonly byServerId = new Map<string, string>();
  private readonly tradeIds: SeenTradeIds;
  private readonly finished: FinishedOrders;
  /** Restored orders still active: the first order query must confirm them. */
  private readonly unconfirmed = new Set<string>();
  /** Active orders the previous broker session knew: the next order query judges them. */
  private readonly knownToLostSession = new Set<string>();
  /** Local ids the broker reported as used by another order (2012): their reports are foreign. */
  private readonly collided = new Set<string>();
  /** Trading day of the last login; undefined before the first. */
  private tradingDay: number | undefined;
  /** Highest report sequence applied in the current broker session. */
  private highestSeq = 0;
  /** True once this broker has shown report sequences in this process (a login or report with one). */
  private sequenced = false;
  /** Broker sessions seen before the current one (0: the first). */
  private epoch = 0;

  constructor(
    private readonly gatewayName: string,
    private readonly sink: ReconcileSink,
    retention: RetentionLimits = DEFAULT_RETENTION,
    /** Stamps orders this process ends itself (no broker report carries their time). */
    private readonly now: () => Date = () => new Date(),
  ) {
    this.tradeIds = new SeenTradeIds(retention.tradeIds);
    this.finished = new FinishedOrders(retention.finishedOrders, (orderid) => this.forget(orderid));
  }

  // ---- the book ----

  /**
   * Takes over the journal's orders and trade ids (without pushing them): reports and query
   * answers about them are then recognised, never adopted or pushed as new.
   */
  restore(contents: JournalContents): void {
    for (const saved of contents.orders) {
      this.orders.set(saved.order.orderid, {
        order: saved.order,
        serverId: saved.serverId,
        lastSeq: saved.lastSeq,
      });
      if (saved.serverId !== "") this.byServerId.set(saved.serverId, saved.order.orderid);
      if (isActiveOrder(saved.order)) this.unconfirmed.add(saved.order.orderid);
      else this.finished.add(saved.order.orderid, saved.lastSeq);
      this.highestSeq = Math.max(this.highestSeq, saved.lastSeq);
    }
    for (const trade of contents.trades) {
      this.tradeIds.add(trade.tradeid, 0);
      // The journal's latest broker session is the current one, unless the next login says otherwise.
      const session = Number(SCOPED_TRADE_ID.exec(trade.tradeid)?.[2] ?? 1);
      this.epoch = Math.max(this.epoch, session - 1);
    }
  }

  /** Forgets everything: the next connection is to another account or server. */
  reset(): void {
    this.orders.clear();
    this.byServerId.clear();
    this.tradeIds.clear();
    this.finished.clear();
    this.unconfirmed.clear();
    this.knownToLostSession.clear();
    this.collided.clear();
    this.tradingDay = undefined;
    this.highestSeq = 0;
    this.sequenced = false;
    this.epoch = 0;
  }

  /** The entry of a local order id. */
  get(orderid: string): OrderEntry | undefined {
    return this.orders.get(orderid);
  }

  /** The local order id of an order named by client and/or broker id, if known. */
  localIdOf(clOrderId: string, serverId: string): string | undefined {
    return this.findEntry(clOrderId, serverId)?.order.orderid;
  }

  /** Adds an order this process creates (SUBMITTING, not yet sent); the caller pushes it. */
  addLocal(order: OrderData): OrderEntry {
    const entry: OrderEntry = { order, serverId: "", lastSeq: 0 };
    this.orders.set(order.orderid, entry);
    return entry;
  }

  /** Ends an active order REJECTED for a reason found by this process; logged with `text`. */
  rejectLocally(entry: OrderEntry, reason: string, text: (orderid: string, reason: string) => string): void {
    this.end(entry, Status.REJECTED, reason);
    this.sink.log(text(entry.order.orderid, reason), LogLevel.WARNING);
  }

  // ---- sessions ----

  /**
   * Judges a successful login: same broker session, or a new one (see the module documentation).
   *
   * @param login - the login answer
   * @param first - true for the first login of a connection (the library starts its report
   *   stream afresh), false for a re-login after the library reconnected
   */
  onLogin(login: SessionLogin, first: boolean): LoginVerdict {
    const previousDay = this.tradingDay;
    const dayChanged = previousDay !== undefined && login.tradingDay !== previousDay;
    if (login.lastReportSeq > 0) this.sequenced = true;
    // A re-login to a broker seen with sequences: any answer below what was applied went back.
    // A first login only compares a sequence the broker shows (0 may be a broker without them).
    const shown = first ? login.lastReportSeq > 0 : this.sequenced;
    const wentBack = shown && login.lastReportSeq < this.highestSeq;
    this.tradingDay = login.tradingDay;
    if (!dayChanged && !wentBack) return { newSession: false, requery: !first && !this.sequenced };
    const why =
      previousDay !== undefined && dayChanged
        ? this.sink.msg.sessionWhyDay(previousDay, login.tradingDay)
        : this.sink.msg.sessionWhySeq(login.lastReportSeq, this.highestSeq);
    this.startSession(login);
    this.sink.log(this.sink.msg.brokerSessionChanged(why, this.epoch), LogLevel.WARNING);
    return { newSession: true, requery: !first };
  }

  private startSession(login: SessionLogin): void {
    this.epoch += 1;
    this.highestSeq = login.lastReportSeq;
    // The old session's sequences and broker ids mean nothing in the new one.
    this.tradeIds.restartSequence();
    this.finished.restartSequence();
    this.byServerId.clear();
    for (const [orderid, entry] of this.orders) {
      entry.lastSeq = 0;
      // The new broker gives its own id to an order it gets (e.g. a resend of one in flight).
      if (entry.serverId !== "" && isActiveOrder(entry.order)) this.knownToLostSession.add(orderid);
      entry.serverId = "";
    }
  }

  // ---- answers and reports ----

  /** The broker's immediate answer to an order. */
  onOrderRsp(ev: OrderRspEvent): void {
    const entry = this.orders.get(ev.clOrderId);
    if (entry === undefined) return;
    if (ev.errorCode === ERROR_DUPLICATE_CL_ORDER_ID) {
      this.onDuplicateId(entry, ev);
      return;
    }
    this.learnServerId(entry, ev.orderId);
    if (ev.errorCode === 0 || !isActiveOrder(entry.order)) return;
    this.end(entry, Status.REJECTED, this.sink.msg.rejectionStatus(ev.errorCode, ev.errorMsg));
    this.sink.log(
      this.sink.msg.orderRejected(entry.order.orderid, ev.errorCode, ev.errorMsg),
      LogLevel.WARNING,
    );
  }

  /** 2012: the id is another order's; ours was never accepted and must not take the other's reports. */
  private onDuplicateId(entry: OrderEntry, ev: OrderRspEvent): void {
    const orderid = entry.order.orderid;
    this.collided.add(orderid);
    // A report of the other order may have been taken for ours before this answer came.
    if (entry.serverId !== "" && entry.serverId === ev.orderId) {
      this.byServerId.delete(entry.serverId);
      entry.serverId = "";
    }
    if (!isActiveOrder(entry.order)) return;
    const reason = this.sink.msg.duplicateClOrderId(ev.orderId, ev.errorMsg);
    this.end(entry, Status.REJECTED, reason, 0);
    this.sink.log(this.sink.msg.orderRejected(orderid, ev.errorCode, reason), LogLevel.WARNING);
  }

  /** Applies an order report (`live`) or an order query record. */
  onOrderReport(report: OrderReport, live: boolean): void {
    this.noteSeq(report.reportSeq);
    const entry = this.findEntry(report.clOrderId, report.orderId);
    if (entry === undefined) {
      // A replayed report of an order finished and forgotten long ago is not a foreign order.
      if (!this.finished.isForgottenReplay(report.reportSeq)) this.adopt(report, live);
      return;
    }
    if (entry.serverId !== "" && report.orderId !== "" && report.orderId !== entry.serverId) {
      this.sink.log(this.sink.msg.foreignReportSameId(entry.order.orderid, report.orderId), LogLevel.WARNING);
      return;
    }
    this.learnServerId(entry, report.orderId);
    if (report.reportSeq > 0) {
      if (report.reportSeq <= entry.lastSeq) return;
      entry.lastSeq = report.reportSeq;
    }
    const current = entry.order;
    if (STATUS_HFT2VT[report.status] === undefined && !STATUS_KEPT.has(report.status)) {
      this.sink.log(this.sink.msg.orderUnknownStatus(current.orderid, report.status), LogLevel.WARNING);
    }
    const status = mapStatus(report.status, current.status);
    // Final is final: a late report cannot revive an order.
    if (!isActiveOrder(current) && isActiveOrder({ status })) return;
    // Unsequenced: only the record's content says which is newer.
    if (report.reportSeq === 0 && isStale(report, status, current)) return;
    const traded = Math.max(current.traded, report.filledVolume);
    const statusMsg =
      status === Status.REJECTED
        ? this.sink.msg.rejectionStatus(report.errorCode, report.errorMsg)
        : current.statusMsg;
    if (status === current.status && traded === current.traded && statusMsg === current.statusMsg) return;
    entry.order = updateOrder(current, {
      status,
      traded,
      statusMsg,
      datetime: exchangeTime(report.tradingDay, report.updateTime),
    });
    this.changed(entry);
    if (status === Status.REJECTED && current.status !== Status.REJECTED) {
      this.sink.log(
        this.sink.msg.orderRejected(current.orderid, report.errorCode, report.errorMsg),
        LogLevel.WARNING,
      );
    }
  }

  /**
   * Local ids of the active orders the broker has acknowledged (it gave them an id): take this
   * before an order query, and hand it to {@link Reconciler.onOrderQuery} with the answer. Orders
   * acknowledged later are not judged by that answer.
   */
  acknowledgedActive(): ReadonlySet<string> {
    const ids = new Set<string>();
    for (const [orderid, entry] of this.orders) {
      const known = entry.serverId !== "" || this.knownToLostSession.has(orderid);
      if (known && isActiveOrder(entry.order)) ids.add(orderid);
    }
    return ids;
  }

  /** The orders still active (SUBMITTING, NOTTRADED, PARTTRADED), oldest first. */
  activeOrders(): OrderEntry[] {
    return [...this.orders.values()].filter((entry) => isActiveOrder(entry.order));
  }

  /**
   * Applies an order query answer, then ends what it shows the broker no longer knows: restored
   * orders it does not confirm (REJECTED: lost before the restart, or from another server), and
   * orders of `acknowledged` it does not list (CANCELLED: the broker lost them, or the day ended).
   */
  onOrderQuery(records: readonly OrderReport[], acknowledged: ReadonlySet<string>): void {
    const listed = new Set<string>();
    for (const record of records) {
      const entry = this.findEntry(record.clOrderId, record.orderId);
      if (entry !== undefined) listed.add(entry.order.orderid);
      this.onOrderReport(record, false);
    }
    this.rejectUnconfirmed(listed);
    for (const orderid of acknowledged) {
      this.knownToLostSession.delete(orderid);
      const entry = this.orders.get(orderid);
      if (entry === undefined || listed.has(orderid) || !isActiveOrder(entry.order)) continue;
      this.end(entry, Status.CANCELLED, this.sink.msg.orderUnknownToBroker());
      this.sink.log(this.sink.msg.orderEndedUnknown(orderid), LogLevel.WARNING);
    }
  }

  /**
   * A restored active order the server's order list does not know can never trade: one still
   * SUBMITTING was lost with the earlier process (killed before the order left it); any other
   * comes from a journal of another server or account. Either ends REJECTED, not active for ever.
   */
  private rejectUnconfirmed(listed: ReadonlySet<string>): void {
    for (const orderid of this.unconfirmed) {
      const entry = this.orders.get(orderid);
      if (entry === undefined || listed.has(orderid) || !isActiveOrder(entry.order)) continue;
      const lost = entry.serverId === "" && entry.order.status === Status.SUBMITTING;
      this.rejectLocally(
        entry,
        lost ? this.sink.msg.lostBeforeRestart() : this.sink.msg.unknownAfterRestart(),
        this.sink.msg.orderRejectedLocally,
      );
    }
    this.unconfirmed.clear();
  }

  /**
   * Applies a trade report or query record: pushed once per trade id of this broker session. A
   * report not pushed is logged with why; query records of known trades are expected (a query
   * lists the whole day) and left to the caller to count.
   *
   * @returns true when the trade was pushed
   */
  onTradeReport(report: TradeReport, source: ReportSource): boolean {
    this.noteSeq(report.reportSeq);
    const tradeid = scopeTradeId(report.tradeId, this.epoch);
    if (report.tradeId === "") {
      this.sink.log(this.sink.msg.tradeIgnored("", this.sink.msg.tradeWhyNoId()), LogLevel.WARNING);
      return false;
    }
    if (this.tradeIds.has(tradeid)) {
      // Replays repeat known trades by design; a live duplicate is worth a look.
      if (source !== "query") this.ignoreTrade(tradeid, this.sink.msg.tradeWhyDuplicate(), source === "live");
      return false;
    }
    if (this.tradeIds.isForgottenReplay(report.reportSeq)) {
      if (source !== "query") this.ignoreTrade(tradeid, this.sink.msg.tradeWhyForgotten(), false);
      return false;
    }
    const split = parseVendorSymbol(report.symbol);
    if (split === undefined) {
      this.sink.log(this.sink.msg.badSymbol(WHAT.tradeReport, report.symbol), LogLevel.WARNING);
      return false;
    }
    // Sides other than Bid/Ask (融券卖出, 卖券还款, ETF 申赎 ...): refused by name, never read as a buy.
    const direction = SIDE_HFT2VT[report.side];
    if (direction === undefined) {
      this.sink.log(
        this.sink.msg.unsupportedReport(WHAT.tradeReport, report.tradeId, "side", report.side),
        LogLevel.WARNING,
      );
      return false;
    }
    this.tradeIds.add(tradeid, report.reportSeq);
    const entry = this.findEntry(report.clOrderId, report.orderId);
    const orderid = entry?.order.orderid ?? this.adoptedIdOf(report.clOrderId, report.orderId);
    this.sink.tradeAdded(
      createTrade({
        gatewayName: this.gatewayName,
        symbol: split.symbol,
        exchange: split.exchange,
        orderid,
        tradeid,
        direction,
        offset: entry?.order.offset ?? Offset.NONE,
        price: report.price,
        volume: report.volume,
        fee: report.fee,
        datetime: exchangeTime(report.tradingDay, report.tradeTime),
      }),
    );
    return true;
  }

  private ignoreTrade(tradeid: string, why: string, suspicious: boolean): void {
    this.sink.log(this.sink.msg.tradeIgnored(tradeid, why), suspicious ? LogLevel.WARNING : LogLevel.DEBUG);
  }

  private noteSeq(seq: number): void {
    if (seq <= 0) return;
    this.sequenced = true;
    if (seq > this.highestSeq) this.highestSeq = seq;
  }

  // ---- entries ----

  /** Ends an active order in `status` with `reason` (a no-op for a finished one). */
  private end(entry: OrderEntry, status: Status, statusMsg: string, traded = entry.order.traded): void {
    if (!isActiveOrder(entry.order)) return;
    // Ended here, not by a report: stamped when it happened, so a person reads when it was refused.
    entry.order = updateOrder(entry.order, { status, statusMsg, traded, datetime: this.now() });
    this.changed(entry);
  }

  private changed(entry: OrderEntry): void {
    this.sink.orderChanged(entry);
    if (!isActiveOrder(entry.order)) this.finished.add(entry.order.orderid, entry.lastSeq);
  }

  /** Records the broker's id of an order (journalled: later reports may carry only that id). */
  private learnServerId(entry: OrderEntry, serverId: string): void {
    if (serverId === "" || entry.serverId !== "") return;
    entry.serverId = serverId;
    this.byServerId.set(serverId, entry.order.orderid);
    this.sink.serverIdLearnt(entry);
  }

  /** Drops a long-finished order (see `retention.ts`). */
  private forget(orderid: string): void {
    const entry = this.orders.get(orderid);
    this.orders.delete(orderid);
    this.unconfirmed.delete(orderid);
    this.knownToLostSession.delete(orderid);
    if (entry !== undefined && entry.serverId !== "" && this.byServerId.get(entry.serverId) === orderid) {
      this.byServerId.delete(entry.serverId);
    }
  }

  private findEntry(clOrderId: string, serverId: string): OrderEntry | undefined {
    if (clOrderId !== "" && !this.collided.has(clOrderId)) {
      const entry = this.orders.get(clOrderId);
      if (entry !== undefined) return entry;
    }
    if (serverId !== "") {
      const orderid = this.byServerId.get(serverId);
      if (orderid !== undefined) return this.orders.get(orderid);
    }
    return undefined;
  }

  /** The local id an order of another process gets: its client id, unless that one is ours. */
  private adoptedIdOf(clOrderId: string, serverId: string): string {
    return clOrderId !== "" && !this.collided.has(clOrderId) ? clOrderId : serverId;
  }

  /** Builds an entry for an order this process did not create. */
  private adopt(report: OrderReport, live: boolean): void {
    const orderid = this.adoptedIdOf(report.clOrderId, report.orderId);
    if (orderid === "") return;
    const split = parseVendorSymbol(report.symbol);
    if (split === undefined) {
      this.sink.log(this.sink.msg.badSymbol(WHAT.orderReport, report.symbol), LogLevel.WARNING);
      return;
    }
    // Sides other than Bid/Ask (融券卖出, ETF 申赎 ...) and unknown order types: refused by name.
    const direction = SIDE_HFT2VT[report.side];
    const type = ORDERTYPE_HFT2VT[report.orderType];
    if (direction === undefined || type === undefined) {
      const [field, value] =
        direction === undefined
          ? (["side", report.side] as const)
          : (["orderType", report.orderType] as const);
      this.sink.log(
        this.sink.msg.unsupportedReport(WHAT.orderReport, orderid, field, value),
        LogLevel.WARNING,
      );
      return;
    }
    const initial = report.filledVolume > 0 ? Status.PARTTRADED : Status.NOTTRADED;
    const status = mapStatus(report.status, initial);
    const order = createOrder({
      gatewayName: this.gatewayName,
      symbol: split.symbol,
      exchange: split.exchange,
      orderid,
      direction,
      type,
      offset: Offset.NONE,
      price: report.orderType === "LMT" ? report.price : 0,
      volume: report.volume,
      traded: report.filledVolume,
      status,
      datetime: exchangeTime(report.tradingDay, report.updateTime),
      statusMsg:
        status === Status.REJECTED ? this.sink.msg.rejectionStatus(report.errorCode, report.errorMsg) : "",
    });
    const entry: OrderEntry = { order, serverId: report.orderId, lastSeq: report.reportSeq };
    this.orders.set(orderid, entry);
    if (report.orderId !== "") this.byServerId.set(report.orderId, orderid);
    this.changed(entry);
    if (live) this.sink.log(this.sink.msg.orderAdopted(orderid, order.vtSymbol), LogLevel.INFO);
  }
}

/** An unsequenced record that would move the order back (fewer shares, or an earlier state). */
function isStale(report: OrderReport, status: Status, current: OrderData): boolean {
  return report.filledVolume < current.traded || STATUS_RANK[status] < STATUS_RANK[current.status];
}

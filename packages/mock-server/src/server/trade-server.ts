/**
 * The trade server: login, report stream (replay from the journal, then live), orders, cancels
 * and queries, each translated to a Broker call (protocol.md sections 4, 6 and 9).
 */

import { type Broker, formatYuan as formatPrice } from "../domain/index.js";
import { orderTypeName } from "../domain/order-types.js";
import type { FrameConnection } from "../net/frame-connection.js";
import { fitText } from "../net/frame-connection.js";
import { TextSize } from "../protocol/constants.js";
import { TRADE_SERVER_ACCEPTS } from "../protocol/directions.js";
import { messageTypeName } from "../protocol/frame-codec.js";
import {
  ErrorCode,
  type Frame,
  type LoginReq,
  MessageType,
  type OrderReq,
  type OrderRsp,
  OrderStatus,
  OrderType,
  type Report,
  type RiskNotify,
  Side,
} from "../protocol/messages.js";
import { type FaultState, ReportOutput } from "./faults.js";
import { FramedServer, type FramedServerOptions, Session } from "./framed-server.js";

const STATUS_NAMES = new Map<number, string>(Object.entries(OrderStatus).map(([k, v]) => [v, k]));

export class TradeSession extends Session {
  accountId: string | undefined;
  /** Highest reportSeq sent on the current subscription; undefined when not subscribed. */
  reportCursor: number | undefined;
  readonly output: ReportOutput;

  constructor(id: number, conn: FrameConnection, faults: FaultState) {
    super(id, "trade", conn);
    this.output = new ReportOutput(faults, (report) => {
      if (report.type === "order") conn.send(MessageType.ORDER_REPORT, report.body);
      else conn.send(MessageType.TRADE_REPORT, report.body);
    });
  }

  get principal(): string | undefined {
    return this.accountId;
  }
}

export class TradeServer extends FramedServer<TradeSession> {
  private readonly byAccount = new Map<string, Set<TradeSession>>();
  /** Reports made during a request are held until its response is written. */
  private collecting: [string, Report][] | undefined;
  private readonly unsubscribe: () => void;
  private readonly unsubscribeRisk: () => void;

  constructor(
    private readonly broker: Broker,
    private readonly faults: FaultState,
    options: FramedServerOptions,
  ) {
    super("trade", options, TRADE_SERVER_ACCEPTS);
    this.unsubscribe = broker.onReport((accountId, report) => {
      if (this.collecting) this.collecting.push([accountId, report]);
      else this.dispatch(accountId, report);
    });
    // The broker's programmatic-trading notices go to the account's sessions as they happen
    // (before the response of the request that crossed the threshold).
    this.unsubscribeRisk = broker.onRiskNotice((accountId, notice) => {
      this.riskNotify(accountId, notice);
    });
  }

  /** Detaches from the broker (after close). */
  dispose(): void {
    this.unsubscribe();
    this.unsubscribeRisk();
  }

  /** Sends a RISK_NOTIFY to every logged-in session of the account; returns how many. */
  riskNotify(accountId: string, notify: RiskNotify): number {
    const sessions = this.byAccount.get(accountId);
    if (!sessions) return 0;
    for (const s of sessions) s.conn.send(MessageType.RISK_NOTIFY, notify);
    return sessions.size;
  }

  protected createSession(id: number, conn: FrameConnection): TradeSession {
    return new TradeSession(id, conn, this.faults);
  }

  protected override onSessionClosed(session: TradeSession): void {
    session.output.dispose();
    this.detach(session);
  }

  protected onFrame(session: TradeSession, frame: Frame): void {
    if (frame.type === MessageType.LOGIN_REQ) {
      this.login(session, frame.body);
      return;
    }
    const accountId = session.accountId;
    if (accountId === undefined) {
      const name = messageTypeName(frame.type) ?? String(frame.type);
      session.conn.send(MessageType.ERROR, {
        code: ErrorCode.NOT_LOGGED_IN,
        refSeq: frame.seq,
        message: `${name} before login: send LOGIN_REQ first`,
      });
      return;
    }
    switch (frame.type) {
      case MessageType.REPORT_SUBSCRIBE_REQ:
        this.subscribeReports(session, accountId, frame.body.afterSeq);
        break;
      case MessageType.ORDER_REQ:
        this.order(session, accountId, frame.body);
        break;
      case MessageType.CANCEL_REQ: {
        const req = frame.body;
        this.collect(
          () => this.broker.cancelOrder(accountId, req),
          (rsp) => {
            session.conn.send(MessageType.CANCEL_RSP, {
              ...rsp,
              errorMsg: fitText(rsp.errorMsg, TextSize.message - 1),
            });
            if (!this.verbose) return;
            const what = req.orderId || `clOrderId ${req.clOrderId}`;
            const outcome = rsp.errorCode === 0 ? "Canceling" : `refused ${rsp.errorCode}: ${rsp.errorMsg}`;
            this.log(`${accountId}: cancel ${what} → ${outcome}`);
          },
        );
        break;
      }
      case MessageType.QUERY_REQ: {
        const rsp = this.broker.query(accountId, frame.body);
        session.conn.send(MessageType.QUERY_RSP, {
          ...rsp,
          errorMsg: fitText(rsp.errorMsg, TextSize.message - 1),
        });
        break;
      }
      default:
        // The decoder only lets the accepted types through.
        break;
    }
  }

  private login(session: TradeSession, req: LoginReq): void {
    // A new login attempt ends the previous login of this session.
    this.detach(session);
    const rsp = this.broker.tradeLogin(req);
    session.conn.send(MessageType.LOGIN_RSP, {
      ...rsp,
      errorMsg: fitText(rsp.errorMsg, TextSize.message - 1),
    });
    if (rsp.errorCode !== 0) {
      this.log(`${session.conn.label}: login ${req.accountId} failed ${rsp.errorCode}: ${rsp.errorMsg}`);
      return;
    }
    session.accountId = rsp.accountId;
    let set = this.byAccount.get(rsp.accountId);
    if (!set) {
      set = new Set();
      this.byAccount.set(rsp.accountId, set);
    }
    set.add(session);
    this.log(`${session.conn.label}: login ${rsp.accountId} ok (lastReportSeq ${rsp.lastReportSeq})`);
  }

  private detach(session: TradeSession): void {
    const accountId = session.accountId;
    session.accountId = undefined;
    session.reportCursor = undefined;
    if (accountId === undefined) return;
    const set = this.byAccount.get(accountId);
    set?.delete(session);
    if (set && set.size === 0) this.byAccount.delete(accountId);
  }

  private subscribeReports(session: TradeSession, accountId: string, afterSeq: number): void {
    const replay = this.broker.reportsAfter(accountId, afterSeq);
    session.reportCursor = afterSeq;
    for (const report of replay) {
      session.output.push(report);
      session.reportCursor = report.body.reportSeq;
    }
    this.log(`${session.conn.label}: ${accountId} reports after ${afterSeq} (replayed ${replay.length})`);
  }

  private order(session: TradeSession, accountId: string, req: OrderReq): void {
    this.collect(
      () => this.broker.placeOrder(accountId, req),
      (rsp) => {
        session.conn.send(MessageType.ORDER_RSP, {
          ...rsp,
          errorMsg: fitText(rsp.errorMsg, TextSize.message - 1),
        });
        if (this.verbose) this.logOrder(accountId, req, rsp);
      },
    );
  }

  private logOrder(accountId: string, req: OrderReq, rsp: OrderRsp): void {
    const side = req.side === Side.Bid ? "buy" : req.side === Side.Ask ? "sell" : `side ${req.side}`;
    const price =
      req.orderType === OrderType.LMT ? `@ ${formatPrice(req.price)}` : orderTypeName(req.orderType);
    const outcome =
      rsp.errorCode === 0 ? `accepted ${rsp.orderId}` : `rejected ${rsp.errorCode}: ${rsp.errorMsg}`;
    this.log(
      `${accountId}: order ${req.clOrderId} ${side} ${req.symbol} ${req.volume} ${price} → ${outcome}`,
    );
  }

  /**
   * Runs a broker call, writes its response, then dispatches the reports the call made, so the
   * response precedes them on the wire (protocol.md section 9).
   */
  private collect<R>(call: () => R, respond: (r: R) => void): R {
    const outer = this.collecting;
    const mine: [string, Report][] = [];
    this.collecting = mine;
    let rsp: R;
    try {
      rsp = call();
    } finally {
      this.collecting = outer;
    }
    respond(rsp);
    for (const [accountId, report] of mine) this.dispatch(accountId, report);
    return rsp;
  }

  /** Sends a live report to the subscribed sessions of its account. */
  private dispatch(accountId: string, report: Report): void {
    if (!this.verbose) {
      // No log line to format.
    } else if (report.type === "trade") {
      const t = report.body;
      this.log(
        `${accountId}: fill ${t.orderId} ${t.symbol} ${t.volume} @ ${formatPrice(t.price)} (trade ${t.tradeId})`,
      );
    } else if (
      report.body.status === OrderStatus.Filled ||
      report.body.status === OrderStatus.PartiallyCanceled
    ) {
      this.log(`${accountId}: order ${report.body.orderId} ${STATUS_NAMES.get(report.body.status)}`);
    }
    const sessions = this.byAccount.get(accountId);
    if (!sessions) return;
    const seq = report.body.reportSeq;
    for (const s of sessions) {
      if (s.reportCursor === undefined || seq <= s.reportCursor) continue;
      s.reportCursor = seq;
      s.output.push(report);
    }
  }
}

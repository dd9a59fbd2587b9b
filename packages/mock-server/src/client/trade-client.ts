/**
 * A small TypeScript client of the trade server, for tests, benchmarks and scripts. It applies
 * the report rules of protocol.md section 6: `report` events come exactly once and in sequence
 * order, whatever duplication or reordering happened on the way; `rawReport` shows every report
 * frame as it arrived.
 */
import { MAX_QUERY_NUM } from "../protocol/constants.js";
import { TRADE_CLIENT_ACCEPTS } from "../protocol/directions.js";
import {
  AccountType,
  type CancelReq,
  type CancelRsp,
  type Frame,
  type LoginReq,
  type LoginRsp,
  MessageType,
  type OrderReport,
  type OrderReq,
  type OrderRsp,
  type QueryKind,
  type QueryRecordByKind,
  type QueryReq,
  type QueryRsp,
  type Report,
  type RiskNotify,
  type TradeReport,
} from "../protocol/messages.js";
import { BaseClient, type ClientOptions, ServerError } from "./base-client.js";

/** Default wait before asking the server to refill a gap in the report sequence. */
export const DEFAULT_GAP_TIMEOUT_MS = 1_000;

/** Options of a {@link TradeClient}: those of every client, plus report gap handling. */
export interface TradeClientOptions extends ClientOptions {
  /** A gap in report sequence open this long triggers `REPORT_SUBSCRIBE_REQ(delivered)`. Default 1 s. */
  gapTimeoutMs?: number;
}

/** Events of a {@link TradeClient}. */
export interface TradeClientEvents {
  /** Each report once, in `reportSeq` order. */
  report: [report: Report];
  /** Each ORDER_REPORT in order, once (the `report` events of type "order"). */
  orderReport: [report: OrderReport];
  /** Each TRADE_REPORT in order, once (the `report` events of type "trade"). */
  tradeReport: [report: TradeReport];
  /** Every report frame as received, duplicates and out-of-order ones included. */
  rawReport: [report: Report];
  /** A RISK_NOTIFY frame. */
  riskNotify: [notify: RiskNotify];
}

/** Login parameters: the account's org and branch codes default to the vendor's "0000"/"9999". */
export interface LoginParams {
  accountId: string;
  password: string;
  custOrgid?: string;
  custBranchid?: string;
  clSystemId?: string;
  accountType?: number;
}

/** A query that failed (`errorCode` ≠ 0) in {@link TradeClient.queryAll}. */
export class QueryError extends ServerError {}

/**
 * Client of the trade server: requests (`login()`, `order()`, `cancel()`, `query()`) resolve with
 * the server's answer; after `subscribeReports()`, order and trade reports arrive as events, each
 * once and in `reportSeq` order. Bodies are the decoded frames, so prices and amounts are integers
 * in yuan × 10,000 (see {@link yuanToScaled} and {@link formatYuan}).
 *
 * @example
 * ```ts
 * const trade = await new TradeClient().connect(servers.tradePort);
 * const rsp = await trade.login({ accountId: "demo", password: "demo123" });
 * trade.on("orderReport", (r) => console.log(r.orderId, r.status));
 * trade.subscribeReports(rsp.lastReportSeq);
 * ```
 */
export class TradeClient extends BaseClient<TradeClientEvents> {
  private nextRequestId = 1;
  private delivered = 0;
  private readonly buffered = new Map<number, Report>();
  private gapTimer: NodeJS.Timeout | undefined;
  private subscribed = false;
  /** Counters: reports received (raw), duplicates dropped, gap refills requested. */
  readonly reportStats = { received: 0, duplicates: 0, refills: 0 };

  constructor(private readonly tradeOptions: TradeClientOptions = {}) {
    super(TRADE_CLIENT_ACCEPTS, tradeOptions);
  }

  /** Highest report sequence delivered (contiguously) through `report` events. */
  get deliveredReportSeq(): number {
    return this.delivered;
  }

  /** Sends LOGIN_REQ; resolves with the LOGIN_RSP, whatever its errorCode. */
  login(params: LoginParams): Promise<LoginRsp> {
    const req: LoginReq = {
      accountId: params.accountId,
      accountType: params.accountType ?? AccountType.StockCash,
      password: params.password,
      custOrgid: params.custOrgid ?? "0000",
      custBranchid: params.custBranchid ?? "9999",
      clSystemId: params.clSystemId ?? "HFT",
    };
    return this.request(MessageType.LOGIN_REQ, req, MessageType.LOGIN_RSP);
  }

  /**
   * Starts (or restarts) the report stream after `afterSeq`: the server replays what follows,
   * then streams live. `report` events continue from `afterSeq + 1`.
   */
  subscribeReports(afterSeq: number): void {
    this.delivered = afterSeq;
    for (const seq of this.buffered.keys()) if (seq <= afterSeq) this.buffered.delete(seq);
    this.subscribed = true;
    this.requireConn().send(MessageType.REPORT_SUBSCRIBE_REQ, { afterSeq });
  }

  /** Sends ORDER_REQ; resolves with the ORDER_RSP (accepted or not). */
  order(req: OrderReq): Promise<OrderRsp> {
    return this.request(MessageType.ORDER_REQ, req, MessageType.ORDER_RSP);
  }

  /** Sends CANCEL_REQ; resolves with the CANCEL_RSP. */
  cancel(req: Partial<CancelReq>): Promise<CancelRsp> {
    return this.request(
      MessageType.CANCEL_REQ,
      { orderId: req.orderId ?? "", clOrderId: req.clOrderId ?? "" },
      MessageType.CANCEL_RSP,
    );
  }

  /** One page of a query (requestId assigned by the client when 0 or absent). */
  query<K extends QueryKind>(
    req: Omit<QueryReq, "requestId" | "kind"> & { kind: K; requestId?: number },
  ): Promise<QueryRsp<QueryRecordByKind[K]>> {
    const requestId = req.requestId || this.nextRequestId++;
    return this.request(MessageType.QUERY_REQ, { ...req, requestId }, MessageType.QUERY_RSP) as Promise<
      QueryRsp<QueryRecordByKind[K]>
    >;
  }

  /** Every record of a query, following `nextPosStr` until `isLast`. Rejects with QueryError on an error page. */
  async queryAll<K extends QueryKind>(
    kind: K,
    options: { symbol?: string; queryNum?: number } = {},
  ): Promise<QueryRecordByKind[K][]> {
    const out: QueryRecordByKind[K][] = [];
    let posStr = "";
    for (;;) {
      const rsp = await this.query({
        kind,
        posStr,
        queryNum: options.queryNum ?? MAX_QUERY_NUM,
        symbol: options.symbol ?? "",
      });
      if (rsp.errorCode !== 0) throw new QueryError(rsp.errorCode, rsp.errorMsg);
      out.push(...rsp.records);
      if (rsp.isLast) return out;
      posStr = rsp.nextPosStr;
    }
  }

  /** @internal Settles request answers, orders reports, emits risk notices. */
  protected onFrame(frame: Frame): void {
    switch (frame.type) {
      case MessageType.LOGIN_RSP:
      case MessageType.ORDER_RSP:
      case MessageType.CANCEL_RSP:
      case MessageType.QUERY_RSP:
        if (!this.settle(frame.type, frame.body)) this.log(`unexpected response type ${frame.type}`);
        break;
      case MessageType.ORDER_REPORT:
        this.onReport({ type: "order", body: frame.body });
        break;
      case MessageType.TRADE_REPORT:
        this.onReport({ type: "trade", body: frame.body });
        break;
      case MessageType.RISK_NOTIFY:
        this.emit("riskNotify", frame.body);
        break;
      default:
        break;
    }
  }

  /** @internal Drops buffered reports and the gap timer; reports need a new subscribeReports(). */
  protected override onClosed(): void {
    clearTimeout(this.gapTimer);
    this.gapTimer = undefined;
    this.buffered.clear();
    this.subscribed = false;
  }

  /** protocol.md section 6: drop duplicates, deliver in order, buffer gaps and refill them. */
  private onReport(report: Report): void {
    this.reportStats.received++;
    this.emit("rawReport", report);
    const seq = report.body.reportSeq;
    if (seq <= this.delivered || this.buffered.has(seq)) {
      this.reportStats.duplicates++;
      return;
    }
    if (seq !== this.delivered + 1) {
      this.buffered.set(seq, report);
      this.armGapTimer();
      return;
    }
    this.deliver(report);
    for (;;) {
      const next = this.buffered.get(this.delivered + 1);
      if (!next) break;
      this.buffered.delete(this.delivered + 1);
      this.deliver(next);
    }
    if (this.buffered.size === 0) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    }
  }

  private deliver(report: Report): void {
    this.delivered = report.body.reportSeq;
    this.emit("report", report);
    if (report.type === "order") this.emit("orderReport", report.body);
    else this.emit("tradeReport", report.body);
  }

  private armGapTimer(): void {
    if (this.gapTimer) return;
    const ms = this.tradeOptions.gapTimeoutMs ?? DEFAULT_GAP_TIMEOUT_MS;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (this.buffered.size === 0 || !this.connected || !this.subscribed) return;
      this.reportStats.refills++;
      this.log(`report gap after ${this.delivered}: asking the server to resend`);
      this.requireConn().send(MessageType.REPORT_SUBSCRIBE_REQ, { afterSeq: this.delivered });
      this.armGapTimer();
    }, ms);
  }
}

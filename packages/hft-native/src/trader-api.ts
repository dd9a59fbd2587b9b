import { type ApiOptions, HftApiBase } from "./api-base.js";
import { EventType, HFT_BATCH_CANCEL_MAX } from "./constants.js";
import { HftArgumentError, HftQueryError } from "./errors.js";
import {
  decodeCancelRsp,
  decodeConnecting,
  decodeDisconnected,
  decodeError,
  decodeLogin,
  decodeOrderReport,
  decodeOrderRsp,
  decodeOverflow,
  decodeQueryCash,
  decodeQueryError,
  decodeQueryOrder,
  decodeQueryPosition,
  decodeQuerySecurity,
  decodeQueryTrade,
  decodeRiskNotify,
  decodeStatusMessage,
  decodeTradeReport,
  type EventRecords,
  isReplay,
} from "./event-decoder.js";
import { ORDER_REQ } from "./layout.js";
import { cString, type NativeApi } from "./library.js";
import {
  encodeLoginReq,
  encodeOrderReqInto,
  encodeQueryReq,
  type LoginRequest,
  type OrderRequest,
  type QueryRequest,
  writeString,
} from "./requests.js";
import type {
  CancelRspEvent,
  CashRecord,
  ConnectedEvent,
  ConnectingEvent,
  DisconnectedEvent,
  ErrorEvent,
  LoginEvent,
  OrderReport,
  OrderRspEvent,
  OrderStatusEvent,
  OverflowEvent,
  PositionRecord,
  QueryErrorEvent,
  QueryEvent,
  QueryKind,
  QueryRecordMap,
  RiskNotifyEvent,
  SecurityRecord,
  TradeReport,
  TradeReportEvent,
} from "./types.js";

/** Events of {@link TraderApi}. */
export interface TraderApiEvents {
  /** Connecting or reconnecting (attempt 0 = first connect). */
  connecting: ConnectingEvent;
  /** TCP connected; the login request was sent. */
  connected: ConnectedEvent;
  /** Connection lost or connect failed; willReconnect tells whether the library retries. */
  disconnected: DisconnectedEvent;
  /** Login answer (also after each automatic re-login). */
  login: LoginEvent;
  /** Error frame from the server, or a library error. */
  error: ErrorEvent;
  /** Immediate answer to {@link TraderApi.order}. */
  orderRsp: OrderRspEvent;
  /** Answer to {@link TraderApi.cancelOrder}. */
  cancelRsp: CancelRspEvent;
  /** Sequenced order report, delivered exactly once in reportSeq order across reconnects. */
  orderStatus: OrderStatusEvent;
  /** Sequenced trade report, delivered exactly once in reportSeq order across reconnects. */
  tradeReport: TradeReportEvent;
  /** Risk notice pushed by the server. */
  riskNotify: RiskNotifyEvent;
  /** One record (or an empty page) of an "orders" query. */
  queryOrder: QueryEvent<OrderReport>;
  /** One record (or an empty page) of a "trades" query. */
  queryTrade: QueryEvent<TradeReport>;
  /** One record (or an empty page) of a "positions" query. */
  queryPosition: QueryEvent<PositionRecord>;
  /** One record (or an empty page) of a "cash" query. */
  queryCash: QueryEvent<CashRecord>;
  /** One record (or an empty page) of a "securities" query. */
  querySecurity: QueryEvent<SecurityRecord>;
  /** The server refused a query page. */
  queryError: QueryErrorEvent;
  /** Never expected on the trade side (only market data is dropped); present for completeness. */
  overflow: OverflowEvent;
}

/**
 * How {@link TraderApi.order} hands an order to the library (issue 22):
 * - `"direct"`: `hft_trader_order`, which sends it on the calling thread when the connection is
 *   idle: the order is on the wire when `order()` returns, but the call includes the `send()`
 *   system call (tens of µs on loopback after an idle gap: the kernel delivers to the receiver
 *   inside it).
 * - `"deferred"`: `hft_trader_order_deferred` only checks and queues it (no system call, no
 *   thread woken); a microtask calls `hft_trader_flush` once after the current job, so the orders
 *   of one burst (e.g. every handler of one batch of ticks) leave in turn right after it, from this
 *   thread. `order()` returns in a few µs; the bytes leave when the caller's synchronous code is
 *   done. Errors are thrown by `order()` as in direct mode. Falls back to "direct" where the
 *   library lacks the deferred functions (older builds). On the vendor shim a deferred order is
 *   handed to the SDK at once, as in direct mode (the SDK's own threads send it).
 */
export type OrderSend = (typeof ORDER_SEND_MODES)[number];

/** The values of {@link OrderSend}. */
export const ORDER_SEND_MODES = ["direct", "deferred"] as const;

/** Options of {@link TraderApi}: the trade server and connection behaviour. */
export interface TraderApiOptions extends ApiOptions {
  /** See {@link OrderSend}. Default "direct". */
  orderSend?: OrderSend;
}

/** Cancel by server order id, or by client order id. */
export interface CancelRequest {
  /** Server order id. */
  orderId?: string;
  /** Client order id, used when orderId is absent or empty. */
  clOrderId?: string;
}

/** Options of {@link TraderApi.queryAll}. */
export interface QueryAllOptions {
  /** Filter ("SH.600000"). */
  symbol?: string;
  /** Records per page, 1..500, default 500. */
  queryNum?: number;
}

interface PendingQuery {
  kind: QueryKind;
  request: QueryRequest;
  records: unknown[];
  resolve: (records: unknown[]) => void;
  reject: (err: Error) => void;
}

/**
 * The trading API over the HFT C library: requests return at once (the library queues them for its
 * writer thread); answers and reports arrive as typed events. Prices are yuan.
 *
 * @example
 * const api = new TraderApi({ host: "127.0.0.1", port: 8000 });
 * api.on("login", (e) => console.log(e.ok ? "logged in" : e.errorMsg));
 * api.login({ accountId: "demo", password: "demo123", custOrgid: "0000", custBranchid: "9999", clSystemId: "HFT" });
 * // ... later
 * await api.close();
 */
export class TraderApi extends HftApiBase<TraderApiEvents> {
  private nextRequestId = 1;
  private readonly pending = new Map<number, PendingQuery>();
  /** The deferred order functions, when orderSend is "deferred" and the library has them. */
  private readonly deferred: NonNullable<NativeApi["trader"]["deferred"]> | undefined;
  private flushScheduled = false;
  /** The request of every order() (the library copies it during the call): none built per order. */
  private readonly orderBuf = Buffer.alloc(ORDER_REQ.size);

  constructor(options: TraderApiOptions) {
    const orderSend = options.orderSend ?? "direct";
    if (!(ORDER_SEND_MODES as readonly string[]).includes(orderSend))
      throw new HftArgumentError("orderSend", `expected "direct" or "deferred", got ${String(orderSend)}`);
    super("TraderApi", "trader", options);
    this.deferred = orderSend === "deferred" ? this.native.trader.deferred : undefined;
  }

  /** How orders are handed to the library: "deferred" only when asked for and available. */
  get orderSend(): OrderSend {
    return this.deferred === undefined ? "direct" : "deferred";
  }

  /**
   * Connects and logs in (hft_trader_login). The answer is the `login` event; connection progress is
   * reported by `connecting`/`connected`/`disconnected`. The password is copied into the library's own
   * request and wiped from this package's buffer right after the call; it never appears in errors.
   */
  login(req: LoginRequest): void {
    const h = this.handle("login");
    const buf = encodeLoginReq(req);
    try {
      this.native.check("hft_trader_login", this.native.trader.login(h, buf), [req.password]);
    } finally {
      buf.fill(0);
    }
  }

  /** Sends an order. The answer is `orderRsp`, followed by `orderStatus` reports. */
  order(req: OrderRequest): void {
    const h = this.handle("order");
    const deferred = this.deferred;
    const buf = encodeOrderReqInto(this.orderBuf, req);
    if (deferred === undefined) {
      this.native.check("hft_trader_order", this.native.trader.order(h, buf));
      return;
    }
    this.native.check("hft_trader_order_deferred", deferred.order(h, buf));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(this.flush);
    }
  }

  /** Sends what deferred order() calls queued (once per burst); nothing to do once closed. */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    const h = this.liveHandle;
    if (h !== null) this.deferred?.flush(h);
  };

  /** Cancels by orderId, or by clOrderId when orderId is absent. The answer is `cancelRsp`. */
  cancelOrder(req: CancelRequest): void {
    const h = this.handle("cancelOrder");
    const orderId = req.orderId ?? "";
    const clOrderId = req.clOrderId ?? "";
    if (orderId === "" && clOrderId === "")
      throw new HftArgumentError("orderId", "give orderId or clOrderId");
    // Validate the lengths as the structs would (char[32]).
    writeString(Buffer.alloc(32), 0, 32, orderId, "orderId");
    writeString(Buffer.alloc(32), 0, 32, clOrderId, "clOrderId");
    this.native.check(
      "hft_trader_cancel_order",
      this.native.trader.cancelOrder(h, cString(orderId), cString(clOrderId)),
    );
  }

  /**
   * Cancels several orders at once by server order id (1 to {@link HFT_BATCH_CANCEL_MAX}); on the
   * vendor path one `BatchCancelOrder`. Every id is checked before any is sent; each answer is its
   * own `cancelRsp`. Cancel-all for a cash account is this over its active orders.
   */
  cancelOrders(orderIds: readonly string[]): void {
    const h = this.handle("cancelOrders");
    if (orderIds.length < 1 || orderIds.length > HFT_BATCH_CANCEL_MAX)
      throw new HftArgumentError(
        "orderIds",
        `expected 1-${HFT_BATCH_CANCEL_MAX} order ids, got ${orderIds.length}`,
      );
    const buf = Buffer.alloc(32 * orderIds.length);
    orderIds.forEach((id, i) => {
      if (id === "") throw new HftArgumentError(`orderIds[${i}]`, "expected a non-empty order id");
      writeString(buf, 32 * i, 32, id, `orderIds[${i}]`);
    });
    this.native.check("hft_trader_cancel_orders", this.native.trader.cancelOrders(h, buf, orderIds.length));
  }

  /**
   * Requests one page of a query; returns its requestId, echoed in every `query*` event of the
   * answer. Pass the previous page's nextPosStr as posStr for the next one (or use queryAll).
   */
  query(req: QueryRequest): number {
    const h = this.handle("query");
    const requestId = this.takeRequestId();
    this.native.check("hft_trader_query", this.native.trader.query(h, encodeQueryReq(requestId, req)));
    return requestId;
  }

  /**
   * Runs a query to its end, following nextPosStr from page to page, and resolves with every record.
   * Rejects with HftQueryError if the server refuses a page, or if the api is closed first.
   */
  queryAll<K extends QueryKind>(kind: K, options: QueryAllOptions = {}): Promise<QueryRecordMap[K][]> {
    const h = this.handle("queryAll");
    const requestId = this.takeRequestId();
    const request: QueryRequest = { kind, posStr: "", ...options };
    return new Promise<QueryRecordMap[K][]>((resolve, reject) => {
      this.pending.set(requestId, {
        kind,
        request,
        records: [],
        resolve: resolve as (records: unknown[]) => void,
        reject,
      });
      try {
        this.native.check(
          "hft_trader_query",
          this.native.trader.query(h, encodeQueryReq(requestId, request)),
        );
      } catch (err) {
        this.pending.delete(requestId);
        reject(err);
      }
    });
  }

  /** @internal Rejects pending queryAll() promises with HftQueryError. */
  protected override onClose(): void {
    for (const [id, q] of this.pending) {
      q.reject(new HftQueryError(0, `TraderApi closed before query ${id} (${q.kind}) finished`));
    }
    this.pending.clear();
  }

  private takeRequestId(): number {
    const id = this.nextRequestId;
    this.nextRequestId = id >= 0xffffffff ? 1 : id + 1;
    return id;
  }

  /** @internal Decodes one trade-side record and emits the matching event. */
  protected onRecord(r: EventRecords, b: number): void {
    switch (r.type(b)) {
      case EventType.CONNECTING:
        if (this.hasListeners("connecting")) this.emit("connecting", decodeConnecting(r, b));
        break;
      case EventType.CONNECTED:
        if (this.hasListeners("connected")) this.emit("connected", { message: decodeStatusMessage(r, b) });
        break;
      case EventType.DISCONNECTED:
        this.emit("disconnected", decodeDisconnected(r, b));
        break;
      case EventType.LOGIN:
        this.emit("login", decodeLogin(r, b));
        break;
      case EventType.ERROR:
        this.emit("error", decodeError(r, b));
        break;
      case EventType.ORDER_RSP:
        this.emit("orderRsp", decodeOrderRsp(r, b));
        break;
      case EventType.CANCEL_RSP:
        this.emit("cancelRsp", decodeCancelRsp(r, b));
        break;
      case EventType.ORDER_STATUS:
        if (this.hasListeners("orderStatus")) {
          this.emit("orderStatus", { ...decodeOrderReport(r, b), replay: isReplay(r, b) });
        }
        break;
      case EventType.TRADE_REPORT:
        if (this.hasListeners("tradeReport")) {
          this.emit("tradeReport", { ...decodeTradeReport(r, b), replay: isReplay(r, b) });
        }
        break;
      case EventType.RISK_NOTIFY:
        this.emit("riskNotify", decodeRiskNotify(r, b));
        break;
      case EventType.QUERY_ORDER:
        this.onQuery("queryOrder", decodeQueryOrder(r, b));
        break;
      case EventType.QUERY_TRADE:
        this.onQuery("queryTrade", decodeQueryTrade(r, b));
        break;
      case EventType.QUERY_POSITION:
        this.onQuery("queryPosition", decodeQueryPosition(r, b));
        break;
      case EventType.QUERY_CASH:
        this.onQuery("queryCash", decodeQueryCash(r, b));
        break;
      case EventType.QUERY_SECURITY:
        this.onQuery("querySecurity", decodeQuerySecurity(r, b));
        break;
      case EventType.QUERY_ERROR: {
        const ev = decodeQueryError(r, b);
        const q = this.pending.get(ev.requestId);
        if (q !== undefined) {
          this.pending.delete(ev.requestId);
          q.reject(
            new HftQueryError(ev.errorCode, `${q.kind} query refused (${ev.errorCode}): ${ev.errorMsg}`),
          );
        }
        this.emit("queryError", ev);
        break;
      }
      case EventType.OVERFLOW:
        this.emit("overflow", decodeOverflow(r, b));
        break;
      default:
        this.emit("error", {
          errorCode: 0,
          refSeq: 0,
          message: `unexpected event type ${r.type(b)} on a trader handle`,
        });
    }
  }

  private onQuery<K extends "queryOrder" | "queryTrade" | "queryPosition" | "queryCash" | "querySecurity">(
    name: K,
    ev: TraderApiEvents[K],
  ): void {
    this.emit(name, ev);
    const q = this.pending.get(ev.requestId);
    if (q === undefined) return;
    if (ev.record !== null) q.records.push(ev.record);
    if (ev.isLast) {
      this.pending.delete(ev.requestId);
      q.resolve(q.records);
    } else if (ev.pageEnd) {
      q.request = { ...q.request, posStr: ev.nextPosStr };
      try {
        const h = this.handle("queryAll");
        this.native.check(
          "hft_trader_query",
          this.native.trader.query(h, encodeQueryReq(ev.requestId, q.request)),
        );
      } catch (err) {
        this.pending.delete(ev.requestId);
        q.reject(err as Error);
      }
    }
  }
}

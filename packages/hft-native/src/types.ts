/**
 * Public data shapes: plain objects with camelCase fields, prices and money in yuan (numbers), vendor
 * enums as string unions. Integers (volumes, sequences, dates) are JavaScript numbers; the protocol
 * guarantees they stay within ±(2^53 − 1).
 */

/** Exchange of a market-data code: SH = Shanghai (SSE), SZ = Shenzhen (SZSE). */
export type Market = "SH" | "SZ";
export type Side = "Bid" | "Ask";
export type OrderType = "LMT" | "B5TC";
/** The vendor's order statuses (HFT_STATUS_*). */
export type OrderStatus =
  | "PendingNew"
  | "New"
  | "PartiallyFilled"
  | "Filled"
  | "PendingCancel"
  | "Canceling"
  | "CancelFilled"
  | "PartiallyCanceled"
  | "Rejected"
  | "CancelRejected"
  | "Unknown";
export type QueryKind = "orders" | "trades" | "positions" | "cash" | "securities";
/** What the library does when its event ring is full (hft_conn_config_t.overflow_policy). */
export type OverflowPolicy = "block" | "dropMarketData";
/**
 * How events cross from the library's threads into JS: "batched" (default: ring + one wake-up, many
 * records per poll) or "perEvent" (one foreign-thread callback per event; for benchmarks only).
 */
export type EventDelivery = "batched" | "perEvent";

// ---- connection events (both apis) ----

export interface ConnectingEvent {
  /** Reconnect attempt number, 0 for the first connect. */
  attempt: number;
  message: string;
}

export interface ConnectedEvent {
  message: string;
}

export interface DisconnectedEvent {
  /** errno-style cause (ECONNREFUSED = 111 on Linux), 0 if none. */
  osError: number;
  /** Name of osError when known ("ECONNREFUSED"), else "". */
  osErrorName: string;
  attempt: number;
  /** True if the library will reconnect by itself. */
  willReconnect: boolean;
  /** Protocol or library error code from the event header, 0 if none. */
  errorCode: number;
  message: string;
}

export interface ErrorEvent {
  /** Protocol error code (section 7 of docs/protocol.md), or a negative HFT_E_* code from this package. */
  errorCode: number;
  /** Frame seq of the request the error is about, 0 if none. */
  refSeq: number;
  message: string;
}

/** Market data dropped because the ring was full (overflowPolicy "dropMarketData"). */
export interface OverflowEvent {
  dropped: number;
  droppedTotal: number;
}

// ---- trading ----

export interface LoginEvent {
  /** True when errorCode is 0. */
  ok: boolean;
  /** 0, or 1001 unknown account, 1002 wrong password, 1003 org code, 1004 branch code, 1005, 1006. */
  errorCode: number;
  errorMsg: string;
  accountId: string;
  tradingDay: number;
  lastReportSeq: number;
}

export interface OrderRspEvent {
  clOrderId: string;
  orderId: string;
  /** 0 accepted, else the rejection code (2001..2015). */
  errorCode: number;
  errorMsg: string;
}

export interface CancelRspEvent {
  orderId: string;
  clOrderId: string;
  /** "Canceling" if accepted, "CancelRejected" if refused. */
  status: OrderStatus;
  errorCode: number;
  errorMsg: string;
}

export interface OrderReport {
  reportSeq: number;
  orderId: string;
  clOrderId: string;
  symbol: string;
  side: Side;
  orderType: OrderType;
  status: OrderStatus;
  errorCode: number;
  price: number;
  volume: number;
  filledVolume: number;
  filledAmount: number;
  canceledVolume: number;
  frozenCash: number;
  errorMsg: string;
  tradingDay: number;
  createTime: number;
  updateTime: number;
}

export interface TradeReport {
  reportSeq: number;
  tradeId: string;
  orderId: string;
  clOrderId: string;
  symbol: string;
  side: Side;
  price: number;
  volume: number;
  amount: number;
  fee: number;
  tradingDay: number;
  tradeTime: number;
}

/** An order report pushed by the server (event "orderStatus"). */
export interface OrderStatusEvent extends OrderReport {
  /** Replayed after a reconnect; still delivered exactly once. */
  replay: boolean;
}

/** A trade report pushed by the server (event "tradeReport"). */
export interface TradeReportEvent extends TradeReport {
  replay: boolean;
}

export interface RiskNotifyEvent {
  /** 1 info, 2 warning, 3 critical. */
  level: number;
  code: number;
  message: string;
}

export interface PositionRecord {
  symbol: string;
  volume: number;
  ydVolume: number;
  availableVolume: number;
  frozenVolume: number;
  todayBuyVolume: number;
  costAmount: number;
  costPrice: number;
  lastPrice: number;
  marketValue: number;
  pnl: number;
}

export interface CashRecord {
  accountId: string;
  balance: number;
  available: number;
  frozen: number;
  marketValue: number;
  totalAsset: number;
  totalFee: number;
}

export interface SecurityRecord {
  symbol: string;
  name: string;
  /** 1 stock, 2 fund, 3 ETF, 4 bond, 5 index. */
  securityType: number;
  /** 1 main, 2 ChiNext, 3 STAR, 4 ST. */
  board: number;
  preClose: number;
  limitUp: number;
  limitDown: number;
  priceTick: number;
  lotSize: number;
  minBuyVolume: number;
}

/** One record of a query answer, with the page cursor. */
export interface QueryEvent<R> {
  requestId: number;
  /** The record, or null for a page without records (HFT_EVF_EMPTY). */
  record: R | null;
  /** Last record of a page: nextPosStr is valid. */
  pageEnd: boolean;
  /** Last record of the whole query. */
  isLast: boolean;
  /** Cursor for the next page (valid with pageEnd). */
  nextPosStr: string;
}

export interface QueryErrorEvent {
  requestId: number;
  /** 4001 bad queryNum, 4002 bad posStr, 4003 bad kind. */
  errorCode: number;
  errorMsg: string;
}

/** Record type of each query kind. */
export interface QueryRecordMap {
  orders: OrderReport;
  trades: TradeReport;
  positions: PositionRecord;
  cash: CashRecord;
  securities: SecurityRecord;
}

// ---- market data ----

export interface MdLoginEvent {
  ok: boolean;
  /** 0, or 5001 unknown user, 5002 wrong password, 5005 rejected. */
  errorCode: number;
  message: string;
}

export interface SubscribeRspEvent {
  action: "subscribe" | "unsubscribe";
  market: Market;
  /** Codes applied. */
  count: number;
  /** 0, 5003 some codes unknown (the known ones are applied), 5004 bad market. */
  errorCode: number;
  errorMsg: string;
}

/** L1 snapshot with five levels; prices in yuan. */
export interface MarketDataEvent {
  /** Per-connection snapshot counter from 1 (loss detection). */
  mdSeq: number;
  market: Market;
  code: string;
  tradingDay: number;
  /** HHMMSSmmm. */
  time: number;
  preClose: number;
  open: number;
  high: number;
  low: number;
  last: number;
  limitUp: number;
  limitDown: number;
  volume: number;
  turnover: number;
  bidPrice: number[];
  bidVolume: number[];
  askPrice: number[];
  askVolume: number[];
}

export interface BaseInfoEvent {
  market: Market;
  code: string;
  name: string;
  securityType: number;
  preClose: number;
  limitUp: number;
  limitDown: number;
}

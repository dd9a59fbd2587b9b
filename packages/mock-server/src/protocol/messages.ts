/**
 * Message and record types of the tsgate wire protocol, version 1 (`docs/protocol.md`).
 *
 * Field names are the camelCase names of the spec. Every integer, including `i64`/`u64` fields,
 * scaled prices (yuan × 10,000) and money amounts, is a JavaScript `number`.
 *
 * Request fields that the server validates with a business error code (`LoginReq.accountType`
 * → 1006, `OrderReq.orderType`/`side` → 2013, `QueryReq.kind` → 4003, `MdSubscribeReq.market`
 * → 5004) are typed `number`: the codec does not range-check them, so any byte value can arrive.
 */

/** Message type codes (frame header `type`). */
export const MessageType = {
  HEARTBEAT: 0x0001,
  ERROR: 0x0002,
  LOGIN_REQ: 0x0101,
  LOGIN_RSP: 0x0102,
  REPORT_SUBSCRIBE_REQ: 0x0103,
  ORDER_REQ: 0x0110,
  ORDER_RSP: 0x0111,
  CANCEL_REQ: 0x0112,
  CANCEL_RSP: 0x0113,
  ORDER_REPORT: 0x0120,
  TRADE_REPORT: 0x0121,
  RISK_NOTIFY: 0x0122,
  QUERY_REQ: 0x0130,
  QUERY_RSP: 0x0131,
  MD_LOGIN_REQ: 0x0201,
  MD_LOGIN_RSP: 0x0202,
  MD_SUBSCRIBE_REQ: 0x0203,
  MD_SUBSCRIBE_RSP: 0x0204,
  MARKET_DATA: 0x0210,
  BASE_INFO: 0x0211,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];
/** Name of a message type, e.g. `"ORDER_REQ"` (a key of {@link MessageType}). */
export type MessageTypeName = keyof typeof MessageType;

/** Exchange market. */
export const Market = { SH: 1, SZ: 2 } as const;
export type Market = (typeof Market)[keyof typeof Market];

/** Order side. */
export const Side = { Bid: 1, Ask: 2 } as const;
export type Side = (typeof Side)[keyof typeof Side];

/**
 * Order type: limit; market "best five levels, remainder cancelled"; SZSE's market "fill what can
 * be filled, cancel the rest" (IOC) and "fill in full or cancel" (AON). Which exchange takes which:
 * domain/order-types.ts. Values = `HFT_ORDER_*` of hft_api.h.
 */
export const OrderType = { LMT: 1, B5TC: 2, IOC: 3, AON: 4 } as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/** Order status, in the vendor's vocabulary. */
export const OrderStatus = {
  PendingNew: 1,
  New: 2,
  PartiallyFilled: 3,
  Filled: 4,
  PendingCancel: 5,
  Canceling: 6,
  CancelFilled: 7,
  PartiallyCanceled: 8,
  Rejected: 9,
  CancelRejected: 10,
} as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

/** Query kinds of `QUERY_REQ`. */
export const QueryKind = { Orders: 1, Trades: 2, Positions: 3, Cash: 4, Securities: 5 } as const;
export type QueryKind = (typeof QueryKind)[keyof typeof QueryKind];

/** Security type. */
export const SecurityType = { Stock: 1, Fund: 2, ETF: 3, Bond: 4, Index: 5 } as const;
export type SecurityType = (typeof SecurityType)[keyof typeof SecurityType];

/**
 * Board on the wire: main board, ChiNext, STAR, or ST for a main-board risk-warning stock (its own
 * daily limit). A ChiNext or STAR risk-warning stock is sent as its board (its limit is the board's);
 * the config keeps board and `riskWarning` separate.
 */
export const Board = { Main: 1, ChiNext: 2, STAR: 3, ST: 4 } as const;
export type Board = (typeof Board)[keyof typeof Board];

/** Severity of a `RISK_NOTIFY`. */
export const RiskLevel = { Info: 1, Warning: 2, Critical: 3 } as const;
export type RiskLevel = (typeof RiskLevel)[keyof typeof RiskLevel];

/**
 * Codes of the broker's own `RISK_NOTIFY` messages (programmatic-trading counters): the account
 * approaches (level Warning) or reaches (level Critical) a high-frequency threshold.
 */
export const RiskCode = {
  /** Orders + cancels in one second: 80% of 300, then 300. */
  REQUESTS_PER_SECOND: 6001,
  /** Orders + cancels in the day: 80% of 20,000, then 20,000. */
  REQUESTS_PER_DAY: 6002,
} as const;
export type RiskCode = (typeof RiskCode)[keyof typeof RiskCode];

/** Action of `MD_SUBSCRIBE_REQ`. */
export const SubAction = { Subscribe: 1, Unsubscribe: 2 } as const;
export type SubAction = (typeof SubAction)[keyof typeof SubAction];

/** `LOGIN_REQ.accountType`: only the stock cash account is supported. */
export const AccountType = { StockCash: 1 } as const;
export type AccountType = (typeof AccountType)[keyof typeof AccountType];

/** Error codes of `docs/protocol.md` section 7. */
export const ErrorCode = {
  OK: 0,
  LOGIN_UNKNOWN_ACCOUNT: 1001,
  LOGIN_WRONG_PASSWORD: 1002,
  LOGIN_WRONG_ORG: 1003,
  LOGIN_WRONG_BRANCH: 1004,
  LOGIN_REJECTED: 1005,
  LOGIN_UNSUPPORTED_ACCOUNT_TYPE: 1006,
  NOT_LOGGED_IN: 1007,
  ORDER_UNKNOWN_SECURITY: 2001,
  ORDER_BAD_LOT: 2002,
  ORDER_STAR_MIN_VOLUME: 2003,
  ORDER_ODD_LOT_SELL: 2004,
  ORDER_BAD_TICK: 2005,
  ORDER_ABOVE_LIMIT_UP: 2006,
  ORDER_BELOW_LIMIT_DOWN: 2007,
  ORDER_INSUFFICIENT_CASH: 2008,
  ORDER_INSUFFICIENT_POSITION: 2009,
  ORDER_T_PLUS_1: 2010,
  ORDER_OUTSIDE_TRADING_HOURS: 2011,
  ORDER_DUPLICATE_CL_ORDER_ID: 2012,
  ORDER_INVALID_TYPE_OR_SIDE: 2013,
  ORDER_INVALID_PRICE_OR_VOLUME: 2014,
  ORDER_REJECTED: 2015,
  ORDER_ABOVE_MAX_VOLUME: 2016,
  ORDER_OUTSIDE_PRICE_CAGE: 2017,
  CANCEL_UNKNOWN_ORDER: 3001,
  CANCEL_ALREADY_FINAL: 3002,
  CANCEL_ALREADY_PENDING: 3003,
  CANCEL_NOT_ALLOWED_NOW: 3004,
  QUERY_BAD_QUERY_NUM: 4001,
  QUERY_BAD_POS_STR: 4002,
  QUERY_BAD_KIND: 4003,
  MD_LOGIN_UNKNOWN_USER: 5001,
  MD_LOGIN_WRONG_PASSWORD: 5002,
  MD_SUBSCRIBE_UNKNOWN_CODE: 5003,
  MD_SUBSCRIBE_BAD_MARKET: 5004,
  MD_LOGIN_REJECTED: 5005,
  MALFORMED_FRAME: 9001,
  OVERSIZED_FRAME: 9002,
  UNKNOWN_MESSAGE_TYPE: 9003,
  UNSUPPORTED_VERSION: 9004,
  HEARTBEAT_TIMEOUT: 9005,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

// ---------------------------------------------------------------------------------------------
// Common messages

/** `0x0001 HEARTBEAT`: empty payload. */
export type Heartbeat = Record<string, never>;

/** `0x0002 ERROR` (server → client). */
export interface ErrorMsg {
  /** Error code (section 7). */
  code: number;
  /** Frame `seq` of the request this is about, 0 if none. */
  refSeq: number;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Trade service

/** `0x0101 LOGIN_REQ` (client → server). */
export interface LoginReq {
  /** 交易用户名 */
  accountId: string;
  /** 1 = stock cash account; other values are answered with 1006. */
  accountType: number;
  /** 交易密码 */
  password: string;
  /** 机构代号 */
  custOrgid: string;
  /** 营业部代号 */
  custBranchid: string;
  /** 网关 */
  clSystemId: string;
}

/** `0x0102 LOGIN_RSP` (server → client). */
export interface LoginRsp {
  errorCode: number;
  errorMsg: string;
  accountId: string;
  /** YYYYMMDD */
  tradingDay: number;
  /** Highest report sequence of this account so far (0 if none). */
  lastReportSeq: number;
}

/** `0x0103 REPORT_SUBSCRIBE_REQ` (client → server). */
export interface ReportSubscribeReq {
  afterSeq: number;
}

/** `0x0110 ORDER_REQ` (client → server). */
export interface OrderReq {
  clOrderId: string;
  /** `SH.600000` / `SZ.000001` */
  symbol: string;
  /** `OrderType`; not range-checked by the codec (the server answers 2013). */
  orderType: number;
  /** `Side`; not range-checked by the codec (the server answers 2013). */
  side: number;
  /** Shares. */
  volume: number;
  /** Limit price × 10,000; 0 for B5TC. */
  price: number;
}

/** `0x0111 ORDER_RSP` (server → client). */
export interface OrderRsp {
  clOrderId: string;
  /** Empty if rejected before getting an id. */
  orderId: string;
  errorCode: number;
  errorMsg: string;
}

/** `0x0112 CANCEL_REQ` (client → server). */
export interface CancelReq {
  /** Server order id, or empty to look the order up by `clOrderId`. */
  orderId: string;
  clOrderId: string;
}

/** `0x0113 CANCEL_RSP` (server → client). */
export interface CancelRsp {
  orderId: string;
  clOrderId: string;
  /** Canceling if accepted, CancelRejected if refused. */
  status: OrderStatus;
  errorCode: number;
  errorMsg: string;
}

/** `0x0120 ORDER_REPORT` (sequenced); also the order query record (283 bytes). */
export interface OrderReport {
  reportSeq: number;
  orderId: string;
  clOrderId: string;
  symbol: string;
  side: Side;
  orderType: OrderType;
  status: OrderStatus;
  price: number;
  volume: number;
  filledVolume: number;
  filledAmount: number;
  canceledVolume: number;
  frozenCash: number;
  errorCode: number;
  errorMsg: string;
  tradingDay: number;
  /** HHMMSSmmm */
  createTime: number;
  /** HHMMSSmmm */
  updateTime: number;
}

/** `0x0121 TRADE_REPORT` (sequenced); also the trade query record (161 bytes). */
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
  /** HHMMSSmmm */
  tradeTime: number;
}

/** `0x0122 RISK_NOTIFY` (server → client). */
export interface RiskNotify {
  level: RiskLevel;
  code: number;
  message: string;
}

/** `0x0130 QUERY_REQ` (client → server). */
export interface QueryReq {
  requestId: number;
  /** `QueryKind`; not range-checked by the codec (the server answers 4003). */
  kind: number;
  posStr: string;
  /** 1–500; otherwise the server answers 4001. */
  queryNum: number;
  /** Filter (`SH.600000`), empty for all. */
  symbol: string;
}

/** Position query record (96 bytes). */
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

/** Cash query record (80 bytes). */
export interface CashRecord {
  accountId: string;
  balance: number;
  available: number;
  frozen: number;
  marketValue: number;
  totalAsset: number;
  totalFee: number;
}

/** Security base-info query record (130 bytes). */
export interface SecurityRecord {
  symbol: string;
  name: string;
  securityType: SecurityType;
  board: Board;
  preClose: number;
  limitUp: number;
  limitDown: number;
  priceTick: number;
  lotSize: number;
  minBuyVolume: number;
}

/** Record type of each query kind. */
export interface QueryRecordByKind {
  1: OrderReport;
  2: TradeReport;
  3: PositionRecord;
  4: CashRecord;
  5: SecurityRecord;
}
/** Any query record: order, trade, position, cash or security (see {@link QueryRecordByKind}). */
export type QueryRecord = QueryRecordByKind[QueryKind];

/**
 * `0x0131 QUERY_RSP` (server → client). The wire `count` is `records.length`.
 * `kind` echoes the request (it can be out of range on a 4003 answer, which has no records).
 */
export interface QueryRsp<R extends QueryRecord = QueryRecord> {
  requestId: number;
  kind: number;
  errorCode: number;
  errorMsg: string;
  nextPosStr: string;
  /** Wire `u8`, 1 on the last page. */
  isLast: boolean;
  records: R[];
}

// ---------------------------------------------------------------------------------------------
// Market service

/** `0x0201 MD_LOGIN_REQ` (client → server). */
export interface MdLoginReq {
  /** 行情用户名 */
  user: string;
  /** 行情密码 */
  password: string;
}

/** `0x0202 MD_LOGIN_RSP` (server → client). */
export interface MdLoginRsp {
  errorCode: number;
  errorMsg: string;
}

/** `0x0203 MD_SUBSCRIBE_REQ` (client → server). The wire `count` is `codes.length` (1–1000). */
export interface MdSubscribeReq {
  action: SubAction;
  /** `Market`; not range-checked by the codec (the server answers 5004). */
  market: number;
  /** Codes like `600000`. */
  codes: string[];
}

/** `0x0204 MD_SUBSCRIBE_RSP` (server → client). */
export interface MdSubscribeRsp {
  /** Echo of the request's action. */
  action: number;
  /** Echo of the request's market (out of range on a 5004 answer). */
  market: number;
  errorCode: number;
  /** Names the unknown codes. */
  errorMsg: string;
  /** Codes applied. */
  count: number;
}

/** `0x0210 MARKET_DATA` (server → client): L1 snapshot with 5 levels (257 bytes). */
export interface MarketData {
  /** Per-connection snapshot counter from 1. */
  mdSeq: number;
  market: Market;
  code: string;
  tradingDay: number;
  /** HHMMSSmmm */
  time: number;
  preClose: number;
  open: number;
  high: number;
  low: number;
  last: number;
  limitUp: number;
  limitDown: number;
  /** Cumulative shares today. */
  volume: number;
  /** Cumulative amount today. */
  turnover: number;
  /** 5 levels, level 1 first; 0 where empty. */
  bidPrice: number[];
  bidVolume: number[];
  askPrice: number[];
  askVolume: number[];
}

/** `0x0211 BASE_INFO` (server → client) (98 bytes). */
export interface BaseInfo {
  market: Market;
  code: string;
  name: string;
  securityType: SecurityType;
  preClose: number;
  limitUp: number;
  limitDown: number;
}

/** The body type of each message type. */
export interface MessageBodyMap {
  [MessageType.HEARTBEAT]: Heartbeat;
  [MessageType.ERROR]: ErrorMsg;
  [MessageType.LOGIN_REQ]: LoginReq;
  [MessageType.LOGIN_RSP]: LoginRsp;
  [MessageType.REPORT_SUBSCRIBE_REQ]: ReportSubscribeReq;
  [MessageType.ORDER_REQ]: OrderReq;
  [MessageType.ORDER_RSP]: OrderRsp;
  [MessageType.CANCEL_REQ]: CancelReq;
  [MessageType.CANCEL_RSP]: CancelRsp;
  [MessageType.ORDER_REPORT]: OrderReport;
  [MessageType.TRADE_REPORT]: TradeReport;
  [MessageType.RISK_NOTIFY]: RiskNotify;
  [MessageType.QUERY_REQ]: QueryReq;
  [MessageType.QUERY_RSP]: QueryRsp;
  [MessageType.MD_LOGIN_REQ]: MdLoginReq;
  [MessageType.MD_LOGIN_RSP]: MdLoginRsp;
  [MessageType.MD_SUBSCRIBE_REQ]: MdSubscribeReq;
  [MessageType.MD_SUBSCRIBE_RSP]: MdSubscribeRsp;
  [MessageType.MARKET_DATA]: MarketData;
  [MessageType.BASE_INFO]: BaseInfo;
}

/** A decoded frame: header fields plus the typed body, discriminated by `type`. */
export type Frame = {
  [K in MessageType]: { type: K; seq: number; body: MessageBodyMap[K] };
}[MessageType];

/** A sequenced report as stored in the per-account journal. */
export type Report = { type: "order"; body: OrderReport } | { type: "trade"; body: TradeReport };

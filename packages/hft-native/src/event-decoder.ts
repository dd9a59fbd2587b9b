import {
  EventFlag,
  HFT_ERROR_MSG_SIZE,
  HFT_EVENT_SIZE,
  ORDER_STATUS_NAMES,
  OrderTypeCode,
  PRICE_SCALE,
  SideCode,
  VENDOR_CODE_BASE,
  VENDOR_ORDER_TYPE_NAMES,
  VENDOR_SIDE_NAMES,
} from "./constants.js";
import {
  BASE_INFO,
  CANCEL_RSP,
  CASH,
  ERROR_INFO,
  EVENT,
  EVENT_HEADER,
  LOGIN_RSP,
  MARKET_DATA,
  ORDER_REPORT,
  ORDER_RSP,
  OVERFLOW_INFO,
  POSITION,
  QUERY_PAGE_NEXT_POS_STR,
  QUERY_PAGE_NEXT_POS_STR_SIZE,
  QUERY_RECORD_OFFSET,
  RISK_NOTIFY,
  SECURITY,
  STATUS_INFO,
  type StructLayout,
  SUB_RSP,
  TRADE_REPORT,
} from "./layout.js";
import type {
  BaseInfoEvent,
  CancelRspEvent,
  CashRecord,
  ConnectingEvent,
  DisconnectedEvent,
  ErrorEvent,
  LoginEvent,
  Market,
  MarketDataEvent,
  MdLoginEvent,
  OrderReport,
  OrderRspEvent,
  OrderStatus,
  OrderType,
  OverflowEvent,
  PositionRecord,
  QueryErrorEvent,
  QueryEvent,
  RiskNotifyEvent,
  SecurityRecord,
  Side,
  SubscribeRspEvent,
  TradeReport,
} from "./types.js";

/*
 * Decoding of hft_event_t records from one preallocated buffer. The records are in-memory C structs,
 * so they use the host's byte order: Int32Array/Uint32Array views over the same memory read them
 * natively (and the buffer is 8-byte aligned because it owns its ArrayBuffer). int64 fields are read
 * as two 32-bit halves, exact for |v| < 2^53 (the protocol guarantees this range).
 */

const TWO_32 = 4294967296;
const BODY = EVENT.fields.body.offset;

/** One poll buffer of `capacity` event records with typed views and field readers. */
/** Most codes {@link EventRecords.code8} keeps (SSE + SZSE list about 12,000 securities). */
const CODE_CACHE_MAX = 50_000;

export class EventRecords {
  readonly buffer: Buffer;
  private readonly i32v: Int32Array;
  private readonly u32v: Uint32Array;
  private readonly u16v: Uint16Array;
  /** code8's strings by the code's two 32-bit halves; `codeCount` entries in all. */
  private readonly codes = new Map<number, Map<number, string>>();
  private codeCount = 0;

  constructor(readonly capacity: number) {
    const ab = new ArrayBuffer(capacity * HFT_EVENT_SIZE);
    this.buffer = Buffer.from(ab);
    this.i32v = new Int32Array(ab);
    this.u32v = new Uint32Array(ab);
    this.u16v = new Uint16Array(ab);
  }

  /** Byte offset of record `i`. */
  base(i: number): number {
    return i * HFT_EVENT_SIZE;
  }

  // ---- header ----
  type(base: number): number {
    return this.u16v[(base + EVENT_HEADER.fields.type.offset) >> 1]!;
  }
  flags(base: number): number {
    return this.u16v[(base + EVENT_HEADER.fields.flags.offset) >> 1]!;
  }
  errorCode(base: number): number {
    return this.i32v[(base + EVENT_HEADER.fields.error_code.offset) >> 2]!;
  }
  requestId(base: number): number {
    return this.u32v[(base + EVENT_HEADER.fields.request_id.offset) >> 2]!;
  }
  eventSeq(base: number): number {
    return this.u64(base + EVENT_HEADER.fields.event_seq.offset);
  }

  // ---- scalar readers (byte offsets from the buffer start, naturally aligned) ----
  i32(o: number): number {
    return this.i32v[o >> 2]!;
  }
  u32(o: number): number {
    return this.u32v[o >> 2]!;
  }
  i64(o: number): number {
    const i = o >> 2;
    return this.i32v[i + 1]! * TWO_32 + this.u32v[i]!;
  }
  u64(o: number): number {
    const i = o >> 2;
    return this.u32v[i + 1]! * TWO_32 + this.u32v[i]!;
  }
  /** Scaled int64 → yuan (see price.ts: the division is exact to the nearest double). */
  price(o: number): number {
    const i = o >> 2;
    return (this.i32v[i + 1]! * TWO_32 + this.u32v[i]!) / PRICE_SCALE;
  }
  /** char[size] up to the first NUL, UTF-8. */
  /**
   * A `char[8]` code (`600000`): the same string object for the same 8 bytes, so a tick does not
   * allocate and decode its code again (issue 22: no allocation per tick on the hot path). The
   * cache holds one entry per distinct code seen (the codes of an exchange: a few thousand), and
   * starts afresh past {@link CODE_CACHE_MAX} so a server sending ever new codes cannot grow it.
   */
  code8(o: number): string {
    const lo = this.buffer.readUInt32LE(o);
    const hi = this.buffer.readUInt32LE(o + 4);
    let byHi = this.codes.get(lo);
    if (byHi === undefined) {
      byHi = new Map();
      this.codes.set(lo, byHi);
    }
    let code = byHi.get(hi);
    if (code === undefined) {
      code = this.str(o, 8);
      if (++this.codeCount > CODE_CACHE_MAX) {
        this.codes.clear();
        this.codeCount = 1;
        byHi = new Map();
        this.codes.set(lo, byHi);
      }
      byHi.set(hi, code);
    }
    return code;
  }

  str(o: number, size: number): string {
    const buf = this.buffer;
    if (buf[o] === 0) return "";
    let end = buf.indexOf(0, o);
    if (end < 0 || end > o + size) end = o + size;
    return buf.toString("utf8", o, end);
  }
}

// Field offsets relative to the record start, resolved once.
function at<F extends string>(layout: StructLayout<F>, extra = 0): { [K in F]: number } {
  const out = {} as { [K in F]: number };
  for (const key of Object.keys(layout.fields) as F[]) out[key] = BODY + extra + layout.fields[key].offset;
  return out;
}
const ST = at(STATUS_INFO);
const ER = at(ERROR_INFO);
const LR = at(LOGIN_RSP);
const OR = at(ORDER_RSP);
const CR = at(CANCEL_RSP);
const RP = at(ORDER_REPORT);
const TR = at(TRADE_REPORT);
const RN = at(RISK_NOTIFY);
const SR = at(SUB_RSP);
const MD = at(MARKET_DATA);
const BI = at(BASE_INFO);
const OV = at(OVERFLOW_INFO);
const Q_ORDER = at(ORDER_REPORT, QUERY_RECORD_OFFSET);
const Q_TRADE = at(TRADE_REPORT, QUERY_RECORD_OFFSET);
const Q_POSITION = at(POSITION, QUERY_RECORD_OFFSET);
const Q_CASH = at(CASH, QUERY_RECORD_OFFSET);
const Q_SECURITY = at(SECURITY, QUERY_RECORD_OFFSET);
const Q_NEXT_POS = BODY + QUERY_PAGE_NEXT_POS_STR;
const Q_ERROR_MSG = BODY + QUERY_RECORD_OFFSET;

const sz = <F extends string>(layout: StructLayout<F>, f: F): number => layout.fields[f].size;

export function marketName(code: number): Market {
  return code === 2 ? "SZ" : "SH";
}
/** ABI side → name; anything but Bid/Ask is named after the vendor's side, never read as a buy. */
export function sideName(code: number): Side {
  if (code === SideCode.Bid) return "Bid";
  if (code === SideCode.Ask) return "Ask";
  return (VENDOR_SIDE_NAMES[code - VENDOR_CODE_BASE] as Side | undefined) ?? "Unknown";
}
/** ABI order type → name; unknown numbers are `Unknown`, never a limit order. */
export function orderTypeName(code: number): OrderType {
  const named = Object.entries(OrderTypeCode).find(([, c]) => c === code)?.[0];
  if (named !== undefined) return named as OrderType;
  return (VENDOR_ORDER_TYPE_NAMES[code - VENDOR_CODE_BASE] as OrderType | undefined) ?? "Unknown";
}
export function orderStatusName(code: number): OrderStatus {
  return ORDER_STATUS_NAMES[code] ?? "Unknown";
}

// Names of the errno values a connect can fail with (Linux and macOS numbers differ).
const ERRNO_NAMES: Record<string, Record<number, string>> = {
  linux: {
    104: "ECONNRESET",
    110: "ETIMEDOUT",
    111: "ECONNREFUSED",
    113: "EHOSTUNREACH",
    101: "ENETUNREACH",
    32: "EPIPE",
  },
  darwin: {
    54: "ECONNRESET",
    60: "ETIMEDOUT",
    61: "ECONNREFUSED",
    65: "EHOSTUNREACH",
    51: "ENETUNREACH",
    32: "EPIPE",
  },
};
const errnoNames = ERRNO_NAMES[process.platform] ?? {};

export function decodeConnecting(r: EventRecords, b: number): ConnectingEvent {
  return { attempt: r.i32(b + ST.attempt), message: r.str(b + ST.message, sz(STATUS_INFO, "message")) };
}

export function decodeStatusMessage(r: EventRecords, b: number): string {
  return r.str(b + ST.message, sz(STATUS_INFO, "message"));
}

export function decodeDisconnected(r: EventRecords, b: number): DisconnectedEvent {
  const osError = r.i32(b + ST.os_error);
  return {
    osError,
    osErrorName: errnoNames[osError] ?? "",
    attempt: r.i32(b + ST.attempt),
    willReconnect: r.i32(b + ST.will_reconnect) !== 0,
    errorCode: r.errorCode(b),
    message: r.str(b + ST.message, sz(STATUS_INFO, "message")),
  };
}

export function decodeError(r: EventRecords, b: number): ErrorEvent {
  return {
    errorCode: r.errorCode(b),
    refSeq: r.i32(b + ER.ref_seq),
    message: r.str(b + ER.message, sz(ERROR_INFO, "message")),
  };
}

export function decodeLogin(r: EventRecords, b: number): LoginEvent {
  const errorCode = r.errorCode(b);
  return {
    ok: errorCode === 0,
    errorCode,
    errorMsg: r.str(b + LR.error_msg, sz(LOGIN_RSP, "error_msg")),
    accountId: r.str(b + LR.account_id, sz(LOGIN_RSP, "account_id")),
    tradingDay: r.u32(b + LR.trading_day),
    lastReportSeq: r.u64(b + LR.last_report_seq),
  };
}

export function decodeMdLogin(r: EventRecords, b: number): MdLoginEvent {
  const errorCode = r.errorCode(b);
  return { ok: errorCode === 0, errorCode, message: r.str(b + ER.message, sz(ERROR_INFO, "message")) };
}

export function decodeOrderRsp(r: EventRecords, b: number): OrderRspEvent {
  return {
    clOrderId: r.str(b + OR.cl_order_id, sz(ORDER_RSP, "cl_order_id")),
    orderId: r.str(b + OR.order_id, sz(ORDER_RSP, "order_id")),
    errorCode: r.errorCode(b),
    errorMsg: r.str(b + OR.error_msg, sz(ORDER_RSP, "error_msg")),
  };
}

export function decodeCancelRsp(r: EventRecords, b: number): CancelRspEvent {
  return {
    orderId: r.str(b + CR.order_id, sz(CANCEL_RSP, "order_id")),
    clOrderId: r.str(b + CR.cl_order_id, sz(CANCEL_RSP, "cl_order_id")),
    status: orderStatusName(r.i32(b + CR.status)),
    errorCode: r.errorCode(b),
    errorMsg: r.str(b + CR.error_msg, sz(CANCEL_RSP, "error_msg")),
  };
}

function orderReportAt(r: EventRecords, b: number, f: typeof RP): OrderReport {
  return {
    reportSeq: r.u64(b + f.report_seq),
    orderId: r.str(b + f.order_id, 32),
    clOrderId: r.str(b + f.cl_order_id, 32),
    symbol: r.str(b + f.symbol, 16),
    side: sideName(r.i32(b + f.side)),
    orderType: orderTypeName(r.i32(b + f.order_type)),
    status: orderStatusName(r.i32(b + f.status)),
    errorCode: r.i32(b + f.error_code),
    price: r.price(b + f.price),
    volume: r.i64(b + f.volume),
    filledVolume: r.i64(b + f.filled_volume),
    filledAmount: r.price(b + f.filled_amount),
    canceledVolume: r.i64(b + f.canceled_volume),
    frozenCash: r.price(b + f.frozen_cash),
    errorMsg: r.str(b + f.error_msg, sz(ORDER_REPORT, "error_msg")),
    tradingDay: r.u32(b + f.trading_day),
    createTime: r.u32(b + f.create_time),
    updateTime: r.u32(b + f.update_time),
  };
}

function tradeReportAt(r: EventRecords, b: number, f: typeof TR): TradeReport {
  return {
    reportSeq: r.u64(b + f.report_seq),
    tradeId: r.str(b + f.trade_id, 32),
    orderId: r.str(b + f.order_id, 32),
    clOrderId: r.str(b + f.cl_order_id, 32),
    symbol: r.str(b + f.symbol, 16),
    side: sideName(r.i32(b + f.side)),
    price: r.price(b + f.price),
    volume: r.i64(b + f.volume),
    amount: r.price(b + f.amount),
    fee: r.price(b + f.fee),
    tradingDay: r.u32(b + f.trading_day),
    tradeTime: r.u32(b + f.trade_time),
  };
}

export function decodeOrderReport(r: EventRecords, b: number): OrderReport {
  return orderReportAt(r, b, RP);
}

export function decodeTradeReport(r: EventRecords, b: number): TradeReport {
  return tradeReportAt(r, b, TR);
}

export function isReplay(r: EventRecords, b: number): boolean {
  return (r.flags(b) & EventFlag.REPLAY) !== 0;
}

export function decodeRiskNotify(r: EventRecords, b: number): RiskNotifyEvent {
  return {
    level: r.i32(b + RN.level),
    code: r.i32(b + RN.code),
    message: r.str(b + RN.message, sz(RISK_NOTIFY, "message")),
  };
}

function positionAt(r: EventRecords, b: number): PositionRecord {
  const f = Q_POSITION;
  return {
    symbol: r.str(b + f.symbol, 16),
    volume: r.i64(b + f.volume),
    ydVolume: r.i64(b + f.yd_volume),
    availableVolume: r.i64(b + f.available_volume),
    frozenVolume: r.i64(b + f.frozen_volume),
    todayBuyVolume: r.i64(b + f.today_buy_volume),
    costAmount: r.price(b + f.cost_amount),
    costPrice: r.price(b + f.cost_price),
    lastPrice: r.price(b + f.last_price),
    marketValue: r.price(b + f.market_value),
    pnl: r.price(b + f.pnl),
  };
}

function cashAt(r: EventRecords, b: number): CashRecord {
  const f = Q_CASH;
  return {
    accountId: r.str(b + f.account_id, 32),
    balance: r.price(b + f.balance),
    available: r.price(b + f.available),
    frozen: r.price(b + f.frozen),
    marketValue: r.price(b + f.market_value),
    totalAsset: r.price(b + f.total_asset),
    totalFee: r.price(b + f.total_fee),
  };
}

function securityAt(r: EventRecords, b: number): SecurityRecord {
  const f = Q_SECURITY;
  return {
    symbol: r.str(b + f.symbol, 16),
    name: r.str(b + f.name, 64),
    securityType: r.i32(b + f.security_type),
    board: r.i32(b + f.board),
    preClose: r.price(b + f.pre_close),
    limitUp: r.price(b + f.limit_up),
    limitDown: r.price(b + f.limit_down),
    priceTick: r.price(b + f.price_tick),
    lotSize: r.i64(b + f.lot_size),
    minBuyVolume: r.i64(b + f.min_buy_volume),
  };
}

function queryEvent<R>(r: EventRecords, b: number, record: (r: EventRecords, b: number) => R): QueryEvent<R> {
  const flags = r.flags(b);
  const pageEnd = (flags & EventFlag.PAGE_END) !== 0;
  return {
    requestId: r.requestId(b),
    record: (flags & EventFlag.EMPTY) !== 0 ? null : record(r, b),
    pageEnd,
    isLast: (flags & EventFlag.IS_LAST) !== 0,
    nextPosStr: pageEnd ? r.str(b + Q_NEXT_POS, QUERY_PAGE_NEXT_POS_STR_SIZE) : "",
  };
}

export const decodeQueryOrder = (r: EventRecords, b: number): QueryEvent<OrderReport> =>
  queryEvent(r, b, (rr, bb) => orderReportAt(rr, bb, Q_ORDER));
export const decodeQueryTrade = (r: EventRecords, b: number): QueryEvent<TradeReport> =>
  queryEvent(r, b, (rr, bb) => tradeReportAt(rr, bb, Q_TRADE));
export const decodeQueryPosition = (r: EventRecords, b: number): QueryEvent<PositionRecord> =>
  queryEvent(r, b, positionAt);
export const decodeQueryCash = (r: EventRecords, b: number): QueryEvent<CashRecord> =>
  queryEvent(r, b, cashAt);
export const decodeQuerySecurity = (r: EventRecords, b: number): QueryEvent<SecurityRecord> =>
  queryEvent(r, b, securityAt);

export function decodeQueryError(r: EventRecords, b: number): QueryErrorEvent {
  return {
    requestId: r.requestId(b),
    errorCode: r.errorCode(b),
    errorMsg: r.str(b + Q_ERROR_MSG, HFT_ERROR_MSG_SIZE),
  };
}

export function decodeSubscribeRsp(r: EventRecords, b: number): SubscribeRspEvent {
  return {
    action: r.i32(b + SR.action) === 2 ? "unsubscribe" : "subscribe",
    market: marketName(r.i32(b + SR.market)),
    count: r.i32(b + SR.count),
    errorCode: r.errorCode(b),
    errorMsg: r.str(b + SR.error_msg, sz(SUB_RSP, "error_msg")),
  };
}

function levels5(r: EventRecords, o: number, asPrice: boolean): number[] {
  return asPrice
    ? [r.price(o), r.price(o + 8), r.price(o + 16), r.price(o + 24), r.price(o + 32)]
    : [r.i64(o), r.i64(o + 8), r.i64(o + 16), r.i64(o + 24), r.i64(o + 32)];
}

export function decodeMarketData(r: EventRecords, b: number): MarketDataEvent {
  return {
    mdSeq: r.u64(b + MD.md_seq),
    market: marketName(r.i32(b + MD.market)),
    code: r.code8(b + MD.code),
    tradingDay: r.u32(b + MD.trading_day),
    time: r.u32(b + MD.time),
    preClose: r.price(b + MD.pre_close),
    open: r.price(b + MD.open),
    high: r.price(b + MD.high),
    low: r.price(b + MD.low),
    last: r.price(b + MD.last),
    limitUp: r.price(b + MD.limit_up),
    limitDown: r.price(b + MD.limit_down),
    volume: r.i64(b + MD.volume),
    turnover: r.price(b + MD.turnover),
    bidPrice: levels5(r, b + MD.bid_price, true),
    bidVolume: levels5(r, b + MD.bid_volume, false),
    askPrice: levels5(r, b + MD.ask_price, true),
    askVolume: levels5(r, b + MD.ask_volume, false),
  };
}

export function decodeBaseInfo(r: EventRecords, b: number): BaseInfoEvent {
  return {
    market: marketName(r.i32(b + BI.market)),
    code: r.str(b + BI.code, 8),
    name: r.str(b + BI.name, 64),
    securityType: r.i32(b + BI.security_type),
    preClose: r.price(b + BI.pre_close),
    limitUp: r.price(b + BI.limit_up),
    limitDown: r.price(b + BI.limit_down),
    priceTick: r.price(b + BI.price_tick),
    lotSize: r.i64(b + BI.lot_size),
    minBuyVolume: r.i64(b + BI.min_buy_volume),
  };
}

export function decodeOverflow(r: EventRecords, b: number): OverflowEvent {
  return { dropped: r.u64(b + OV.dropped), droppedTotal: r.u64(b + OV.dropped_total) };
}

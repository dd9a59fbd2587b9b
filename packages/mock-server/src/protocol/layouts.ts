/**
 * Field layouts of every payload and query record, as tables. The codec interprets these tables;
 * the offsets are computed here once, so the byte layout lives in one place (mirrors section 4–5
 * of `docs/protocol.md`).
 */
import { PayloadSize, TextSize } from "./constants.js";
import {
  Board,
  Market,
  MessageType,
  OrderStatus,
  OrderType,
  RiskLevel,
  SecurityType,
  Side,
  SubAction,
} from "./messages.js";

/** Field kinds (small integers so the codec's switch is a jump table). */
export const Kind = {
  U8: 0,
  U16: 1,
  U32: 2,
  I32: 3,
  I64: 4,
  U64: 5,
  STR: 6,
  BOOL: 7,
  I64X5: 8,
} as const;

export interface Field {
  readonly name: string;
  readonly kind: number;
  readonly size: number;
  readonly offset: number;
  /** Inclusive enum range for range-checked u8 fields; `min > max` means unchecked. */
  readonly min: number;
  readonly max: number;
}

export interface Layout {
  /** Message or record name, used in error messages (`ORDER_REPORT.status`). */
  readonly name: string;
  readonly fields: readonly Field[];
  readonly size: number;
}

type FieldDef = { name: string; kind: number; size: number; min: number; max: number };

const SIZES: Record<number, number> = { 0: 1, 1: 2, 2: 4, 3: 4, 4: 8, 5: 8, 7: 1, 8: 40 };

function def(name: string, kind: number, size = SIZES[kind] ?? 0, min = 1, max = 0): FieldDef {
  return { name, kind, size, min, max };
}
function enumRange(values: Record<string, number>): [number, number] {
  const v = Object.values(values);
  return [Math.min(...v), Math.max(...v)];
}
const u8 = (name: string) => def(name, Kind.U8);
const en = (name: string, values: Record<string, number>) => {
  const [min, max] = enumRange(values);
  return def(name, Kind.U8, 1, min, max);
};
const u16 = (name: string) => def(name, Kind.U16);
const u32 = (name: string) => def(name, Kind.U32);
const i32 = (name: string) => def(name, Kind.I32);
const i64 = (name: string) => def(name, Kind.I64);
const price = i64;
const u64 = (name: string) => def(name, Kind.U64);
const str = (name: string, size: number) => def(name, Kind.STR, size);
const bool = (name: string) => def(name, Kind.BOOL);
const i64x5 = (name: string) => def(name, Kind.I64X5);

function layout(name: string, expectedSize: number, defs: FieldDef[]): Layout {
  let offset = 0;
  const fields: Field[] = defs.map((d) => {
    const f = { ...d, offset };
    offset += d.size;
    return f;
  });
  if (offset !== expectedSize) {
    throw new Error(`layout ${name}: fields add up to ${offset} bytes, the spec says ${expectedSize}`);
  }
  return { name, fields, size: offset };
}

export const ERROR = layout("ERROR", PayloadSize.ERROR, [
  i32("code"),
  u32("refSeq"),
  str("message", TextSize.message),
]);

export const LOGIN_REQ = layout("LOGIN_REQ", PayloadSize.LOGIN_REQ, [
  str("accountId", TextSize.accountId),
  u8("accountType"),
  str("password", TextSize.password),
  str("custOrgid", TextSize.orgId),
  str("custBranchid", TextSize.branchId),
  str("clSystemId", TextSize.systemId),
]);

export const LOGIN_RSP = layout("LOGIN_RSP", PayloadSize.LOGIN_RSP, [
  i32("errorCode"),
  str("errorMsg", TextSize.message),
  str("accountId", TextSize.accountId),
  u32("tradingDay"),
  u64("lastReportSeq"),
]);

export const REPORT_SUBSCRIBE_REQ = layout("REPORT_SUBSCRIBE_REQ", PayloadSize.REPORT_SUBSCRIBE_REQ, [
  u64("afterSeq"),
]);

export const ORDER_REQ = layout("ORDER_REQ", PayloadSize.ORDER_REQ, [
  str("clOrderId", TextSize.clOrderId),
  str("symbol", TextSize.symbol),
  u8("orderType"),
  u8("side"),
  i64("volume"),
  price("price"),
]);

export const ORDER_RSP = layout("ORDER_RSP", PayloadSize.ORDER_RSP, [
  str("clOrderId", TextSize.clOrderId),
  str("orderId", TextSize.orderId),
  i32("errorCode"),
  str("errorMsg", TextSize.message),
]);

export const CANCEL_REQ = layout("CANCEL_REQ", PayloadSize.CANCEL_REQ, [
  str("orderId", TextSize.orderId),
  str("clOrderId", TextSize.clOrderId),
]);

export const CANCEL_RSP = layout("CANCEL_RSP", PayloadSize.CANCEL_RSP, [
  str("orderId", TextSize.orderId),
  str("clOrderId", TextSize.clOrderId),
  en("status", OrderStatus),
  i32("errorCode"),
  str("errorMsg", TextSize.message),
]);

export const ORDER_REPORT = layout("ORDER_REPORT", PayloadSize.ORDER_REPORT, [
  u64("reportSeq"),
  str("orderId", TextSize.orderId),
  str("clOrderId", TextSize.clOrderId),
  str("symbol", TextSize.symbol),
  en("side", Side),
  en("orderType", OrderType),
  en("status", OrderStatus),
  price("price"),
  i64("volume"),
  i64("filledVolume"),
  price("filledAmount"),
  i64("canceledVolume"),
  price("frozenCash"),
  i32("errorCode"),
  str("errorMsg", TextSize.message),
  u32("tradingDay"),
  u32("createTime"),
  u32("updateTime"),
]);

export const TRADE_REPORT = layout("TRADE_REPORT", PayloadSize.TRADE_REPORT, [
  u64("reportSeq"),
  str("tradeId", TextSize.tradeId),
  str("orderId", TextSize.orderId),
  str("clOrderId", TextSize.clOrderId),
  str("symbol", TextSize.symbol),
  en("side", Side),
  price("price"),
  i64("volume"),
  price("amount"),
  price("fee"),
  u32("tradingDay"),
  u32("tradeTime"),
]);

export const RISK_NOTIFY = layout("RISK_NOTIFY", PayloadSize.RISK_NOTIFY, [
  en("level", RiskLevel),
  i32("code"),
  str("message", TextSize.message),
]);

export const QUERY_REQ = layout("QUERY_REQ", PayloadSize.QUERY_REQ, [
  u32("requestId"),
  u8("kind"),
  str("posStr", TextSize.posStr),
  u32("queryNum"),
  str("symbol", TextSize.symbol),
]);

/** Fixed part of QUERY_RSP; `count` is handled by the codec (it is `records.length`). */
export const QUERY_RSP_HEADER = layout("QUERY_RSP", PayloadSize.QUERY_RSP_HEADER - 4, [
  u32("requestId"),
  u8("kind"),
  i32("errorCode"),
  str("errorMsg", TextSize.message),
  str("nextPosStr", TextSize.posStr),
  bool("isLast"),
]);

export const POSITION_RECORD = layout("POSITION_RECORD", PayloadSize.POSITION_RECORD, [
  str("symbol", TextSize.symbol),
  i64("volume"),
  i64("ydVolume"),
  i64("availableVolume"),
  i64("frozenVolume"),
  i64("todayBuyVolume"),
  price("costAmount"),
  price("costPrice"),
  price("lastPrice"),
  price("marketValue"),
  price("pnl"),
]);

export const CASH_RECORD = layout("CASH_RECORD", PayloadSize.CASH_RECORD, [
  str("accountId", TextSize.accountId),
  price("balance"),
  price("available"),
  price("frozen"),
  price("marketValue"),
  price("totalAsset"),
  price("totalFee"),
]);

export const SECURITY_RECORD = layout("SECURITY_RECORD", PayloadSize.SECURITY_RECORD, [
  str("symbol", TextSize.symbol),
  str("name", TextSize.name),
  en("securityType", SecurityType),
  en("board", Board),
  price("preClose"),
  price("limitUp"),
  price("limitDown"),
  price("priceTick"),
  i64("lotSize"),
  i64("minBuyVolume"),
]);

/** Record layout of each query kind (index = kind). */
export const RECORD_LAYOUTS: readonly (Layout | undefined)[] = [
  undefined,
  ORDER_REPORT,
  TRADE_REPORT,
  POSITION_RECORD,
  CASH_RECORD,
  SECURITY_RECORD,
];

export const MD_LOGIN_REQ = layout("MD_LOGIN_REQ", PayloadSize.MD_LOGIN_REQ, [
  str("user", TextSize.mdUser),
  str("password", TextSize.password),
]);

export const MD_LOGIN_RSP = layout("MD_LOGIN_RSP", PayloadSize.MD_LOGIN_RSP, [
  i32("errorCode"),
  str("errorMsg", TextSize.message),
]);

/** Fixed part of MD_SUBSCRIBE_REQ; `count` and the codes are handled by the codec. */
export const MD_SUBSCRIBE_REQ_HEADER = layout("MD_SUBSCRIBE_REQ", PayloadSize.MD_SUBSCRIBE_REQ_HEADER - 2, [
  en("action", SubAction),
  u8("market"),
]);

export const MD_SUBSCRIBE_RSP = layout("MD_SUBSCRIBE_RSP", PayloadSize.MD_SUBSCRIBE_RSP, [
  u8("action"),
  u8("market"),
  i32("errorCode"),
  str("errorMsg", TextSize.message),
  u16("count"),
]);

export const MARKET_DATA = layout("MARKET_DATA", PayloadSize.MARKET_DATA, [
  u64("mdSeq"),
  en("market", Market),
  str("code", TextSize.code),
  u32("tradingDay"),
  u32("time"),
  price("preClose"),
  price("open"),
  price("high"),
  price("low"),
  price("last"),
  price("limitUp"),
  price("limitDown"),
  i64("volume"),
  price("turnover"),
  i64x5("bidPrice"),
  i64x5("bidVolume"),
  i64x5("askPrice"),
  i64x5("askVolume"),
]);

export const BASE_INFO = layout("BASE_INFO", PayloadSize.BASE_INFO, [
  en("market", Market),
  str("code", TextSize.code),
  str("name", TextSize.name),
  en("securityType", SecurityType),
  price("preClose"),
  price("limitUp"),
  price("limitDown"),
]);

export const HEARTBEAT = layout("HEARTBEAT", PayloadSize.HEARTBEAT, []);

/** Fixed-size message layouts by type. QUERY_RSP and MD_SUBSCRIBE_REQ are variable-size. */
export const FIXED_LAYOUTS: ReadonlyMap<number, Layout> = new Map<number, Layout>([
  [MessageType.HEARTBEAT, HEARTBEAT],
  [MessageType.ERROR, ERROR],
  [MessageType.LOGIN_REQ, LOGIN_REQ],
  [MessageType.LOGIN_RSP, LOGIN_RSP],
  [MessageType.REPORT_SUBSCRIBE_REQ, REPORT_SUBSCRIBE_REQ],
  [MessageType.ORDER_REQ, ORDER_REQ],
  [MessageType.ORDER_RSP, ORDER_RSP],
  [MessageType.CANCEL_REQ, CANCEL_REQ],
  [MessageType.CANCEL_RSP, CANCEL_RSP],
  [MessageType.ORDER_REPORT, ORDER_REPORT],
  [MessageType.TRADE_REPORT, TRADE_REPORT],
  [MessageType.RISK_NOTIFY, RISK_NOTIFY],
  [MessageType.QUERY_REQ, QUERY_REQ],
  [MessageType.MD_LOGIN_REQ, MD_LOGIN_REQ],
  [MessageType.MD_LOGIN_RSP, MD_LOGIN_RSP],
  [MessageType.MD_SUBSCRIBE_RSP, MD_SUBSCRIBE_RSP],
  [MessageType.MARKET_DATA, MARKET_DATA],
  [MessageType.BASE_INFO, BASE_INFO],
]);

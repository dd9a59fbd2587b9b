/**
 * Vendor codes ↔ core enums, in one place: order status, side, order type, market/exchange,
 * product, and the vendor's symbol and time formats.
 *
 * Positions are net (A-share cash account): a buy is `Bid` ↔ {@link Direction.LONG}, a sell is
 * `Ask` ↔ {@link Direction.SHORT}. A sell reduces the one NET position of the symbol; it never opens
 * a short position (a cash account cannot), so there is no SHORT position, only NET ones.
 *
 * @module
 */

import { Direction, Exchange, OrderType, Product, Status } from "@tsgate/core";
import type {
  Market,
  OrderStatus as VendorOrderStatus,
  OrderType as VendorOrderType,
  RequestOrderType as VendorRequestOrderType,
  RequestSide as VendorRequestSide,
  Side as VendorSide,
} from "@tsgate/hft-native";
import { CHINA_UTC_OFFSET_MS } from "./constants.js";

/**
 * Vendor order status → core {@link Status}.
 *
 * `undefined` means "keep the order's current status": PendingCancel and Canceling say a cancel is
 * under way, not how much traded; CancelRejected is the status of a cancel answer, never of an
 * order; Unknown is a code this version does not know.
 */
export const STATUS_HFT2VT: Readonly<Record<VendorOrderStatus, Status | undefined>> = Object.freeze({
  PendingNew: Status.NOTTRADED,
  New: Status.NOTTRADED,
  PartiallyFilled: Status.PARTTRADED,
  Filled: Status.ALLTRADED,
  PendingCancel: undefined,
  Canceling: undefined,
  CancelFilled: Status.CANCELLED,
  PartiallyCanceled: Status.CANCELLED,
  Rejected: Status.REJECTED,
  CancelRejected: undefined,
  Unknown: undefined,
});

/**
 * The core status for a vendor status, or `current` when the vendor status does not change it
 * (see {@link STATUS_HFT2VT}). For an order seen for the first time in such a state `current` is
 * derived from the traded volume by the caller.
 */
export function mapStatus(status: VendorOrderStatus, current: Status): Status {
  return STATUS_HFT2VT[status] ?? current;
}

/**
 * Vendor side → core direction (net position mode: `Ask` is a sell, not a short). Only Bid and Ask
 * have one: other vendor sides (融券卖出, 卖券还款, ETF 申购/赎回 ...) belong to credit accounts or
 * non-trading business and are refused by name, never read as a buy.
 */
export const SIDE_HFT2VT: Readonly<Partial<Record<VendorSide, Direction>>> = Object.freeze({
  Bid: Direction.LONG,
  Ask: Direction.SHORT,
});

/** Core direction → vendor side; NET is not an order direction. */
export const SIDE_VT2HFT: Readonly<Partial<Record<Direction, VendorRequestSide>>> = Object.freeze({
  [Direction.LONG]: "Bid",
  [Direction.SHORT]: "Ask",
});

/**
 * Vendor order type → core order type: LMT is a limit order, B5TC (best five, cancel the rest) a
 * market order, IOC (即时成交剩余撤销) FAK and AON (全额成交或撤销) FOK. Other vendor types (BOC,
 * BOP, B5TL ...) have no core type and are refused by name.
 */
export const ORDERTYPE_HFT2VT: Readonly<Partial<Record<VendorOrderType, OrderType>>> = Object.freeze({
  LMT: OrderType.LIMIT,
  B5TC: OrderType.MARKET,
  IOC: OrderType.FAK,
  AON: OrderType.FOK,
});

/**
 * Core order type → vendor order type, for a cash account. MARKET is the market type both
 * exchanges take (B5TC); FAK and FOK are SZSE's market orders IOC and AON, which carry no price,
 * and SSE has neither (`orderTypeAccepted` of @tsgate/ashare-rules, checked before sending).
 */
export const ORDERTYPE_VT2HFT: Readonly<Partial<Record<OrderType, VendorRequestOrderType>>> = Object.freeze({
  [OrderType.LIMIT]: "LMT",
  [OrderType.MARKET]: "B5TC",
  [OrderType.FAK]: "IOC",
  [OrderType.FOK]: "AON",
});

/** Vendor market → exchange. */
export const MARKET_HFT2VT: Readonly<Record<Market, Exchange>> = Object.freeze({
  SH: Exchange.SSE,
  SZ: Exchange.SZSE,
});

/** Exchange → vendor market; only SSE and SZSE are traded. */
export const MARKET_VT2HFT: Readonly<Partial<Record<Exchange, Market>>> = Object.freeze({
  [Exchange.SSE]: "SH",
  [Exchange.SZSE]: "SZ",
});

/** Vendor security type (1 stock, 2 fund, 3 ETF, 4 bond, 5 index) → product; unknown types are EQUITY. */
export const PRODUCT_HFT2VT: Readonly<Record<number, Product>> = Object.freeze({
  1: Product.EQUITY,
  2: Product.FUND,
  3: Product.ETF,
  4: Product.BOND,
  5: Product.INDEX,
});

/** The product of a vendor security type (EQUITY when the type is unknown). */
export function mapProduct(securityType: number): Product {
  return PRODUCT_HFT2VT[securityType] ?? Product.EQUITY;
}

/** A symbol split into code and exchange. */
export interface SplitSymbol {
  readonly symbol: string;
  readonly exchange: Exchange;
}

/**
 * Parses a vendor trade symbol (`"SH.600000"`) into code and exchange; `undefined` when the market
 * prefix is not SH or SZ or the code is empty.
 */
export function parseVendorSymbol(vendorSymbol: string): SplitSymbol | undefined {
  const dot = vendorSymbol.indexOf(".");
  if (dot <= 0) return undefined;
  const exchange = MARKET_HFT2VT[vendorSymbol.slice(0, dot) as Market];
  const symbol = vendorSymbol.slice(dot + 1);
  if (exchange === undefined || symbol === "") return undefined;
  return { symbol, exchange };
}

/** The vendor trade symbol (`"SH.600000"`) of a code and exchange, or `undefined` for other exchanges. */
export function toVendorSymbol(symbol: string, exchange: Exchange): string | undefined {
  const market = MARKET_VT2HFT[exchange];
  return market === undefined ? undefined : `${market}.${symbol}`;
}

/**
 * Exchange time → `Date`: `tradingDay` is YYYYMMDD and `time` HHMMSSmmm, both China Standard
 * Time (UTC+8, no daylight saving), independent of the machine's time zone.
 */
export function exchangeTime(tradingDay: number, time: number): Date {
  const year = Math.floor(tradingDay / 10_000);
  const month = Math.floor(tradingDay / 100) % 100;
  const day = tradingDay % 100;
  const hours = Math.floor(time / 10_000_000);
  const minutes = Math.floor(time / 100_000) % 100;
  const seconds = Math.floor(time / 1000) % 100;
  const millis = time % 1000;
  const utc = Date.UTC(year, Math.max(0, month - 1), Math.max(1, day), hours, minutes, seconds, millis);
  return new Date(utc - CHINA_UTC_OFFSET_MS);
}

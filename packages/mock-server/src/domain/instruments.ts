/**
 * Instruments as the broker uses them: symbol, listing board, risk-warning flag, security kind,
 * previous close and the derived daily price limits (for the trading day: the rules are dated),
 * tick, lot rules and order caps, all in scaled integers.
 */

import type { BaseInfo, SecurityRecord } from "../protocol/messages.js";
import { Board, Market, SecurityType } from "../protocol/messages.js";
import type { InstrumentConfig } from "./config.js";
import {
  CHINEXT_TWENTY_PERCENT_FROM,
  FUND_PRICE_TICK,
  LIMIT_PERCENT,
  LOT_SIZE,
  MAIN_ST_TEN_PERCENT_FROM,
  ORDER_CAPS,
  PRICE_TICK,
  STAR_LOT_SIZE,
  STAR_MIN_BUY_VOLUME,
} from "./constants.js";
import { yuanToScaled } from "./money.js";

/** An instrument with its rules resolved. Prices are scaled ×10,000. */
export interface Instrument {
  /** `SH.600000` */
  readonly symbol: string;
  readonly market: Market;
  /** `600000` */
  readonly code: string;
  readonly name: string;
  readonly securityType: SecurityType;
  /** Where it is listed; decides the lot, the order caps and the cage. */
  readonly listingBoard: ListingBoard;
  /** ST / *ST: its own daily limit on the main board. */
  readonly riskWarning: boolean;
  /** Stocks pay stamp duty and have the 0.01 tick; funds and bonds neither. */
  readonly isStock: boolean;
  /** T+0: shares bought today are sellable today (some funds and bonds). */
  readonly sameDayTurnaround: boolean;
  /** The wire's board value: {@link Board.ST} for a main-board risk-warning stock, else the listing board. */
  readonly board: Board;
  readonly preClose: number;
  readonly limitUp: number;
  readonly limitDown: number;
  readonly priceTick: number;
  /** Buy step: 100, or 1 on STAR. */
  readonly lotSize: number;
  /** Smallest buy: 100, or 200 on STAR. */
  readonly minBuyVolume: number;
  /** Largest limit order, in shares. */
  readonly maxLimitVolume: number;
  /** Largest market (B5TC) order, in shares. */
  readonly maxMarketVolume: number;
}

/** Listing board: main board, ChiNext (300/301), STAR (688/689). */
export type ListingBoard = "main" | "chinext" | "star";

const MARKET_BY_NAME = { SH: Market.SH, SZ: Market.SZ } as const;
const MARKET_NAME: Record<number, string> = { [Market.SH]: "SH", [Market.SZ]: "SZ" };
const SECURITY_TYPE_BY_NAME = {
  stock: SecurityType.Stock,
  fund: SecurityType.Fund,
  etf: SecurityType.ETF,
  bond: SecurityType.Bond,
  index: SecurityType.Index,
} as const;
const WIRE_BOARD: Record<ListingBoard, Board> = {
  main: Board.Main,
  chinext: Board.ChiNext,
  star: Board.STAR,
};

/** `SH.600000` from a market number and a code; undefined for an unknown market. */
export function symbolOf(market: number, code: string): string | undefined {
  const name = MARKET_NAME[market];
  return name === undefined ? undefined : `${name}.${code}`;
}

/** The board a code is listed on: 300/301 ChiNext, 688/689 STAR, everything else the main board. */
export function listingBoardOf(code: string): ListingBoard {
  if (/^30[01]/.test(code)) return "chinext";
  if (/^68[89]/.test(code)) return "star";
  return "main";
}

/** The exchanges mark a risk-warning stock by `ST` or `*ST` in front of its short name. */
export function hasRiskWarningName(name: string): boolean {
  return /^\*?ST/i.test(name);
}

/** Is a config security type a stock (tick 0.01, stamp duty) rather than a fund or bond (0.001, none)? */
export function isStockType(securityType: InstrumentConfig["securityType"]): boolean {
  return securityType === "stock" || securityType === "index";
}

/** The tick of a config security type, scaled. */
export function tickOfType(securityType: InstrumentConfig["securityType"]): number {
  return isStockType(securityType) ? PRICE_TICK : FUND_PRICE_TICK;
}

/**
 * Daily limit in percent on `tradingDay` (`YYYYMMDD`): funds 10; STAR 20 and ChiNext 20 from
 * 2020-08-24, 10 before (ST too); main board 10, main-board ST 5 before 2025-07-07 and 10 from then.
 */
export function limitPercent(
  listing: ListingBoard,
  riskWarning: boolean,
  isStock: boolean,
  tradingDay: number,
): number {
  if (!isStock) return LIMIT_PERCENT.fund;
  if (listing === "star") return LIMIT_PERCENT.star;
  if (listing === "chinext") {
    return tradingDay >= CHINEXT_TWENTY_PERCENT_FROM ? LIMIT_PERCENT.chinext : LIMIT_PERCENT.chinextBefore;
  }
  if (riskWarning && tradingDay < MAIN_ST_TEN_PERCENT_FROM) return LIMIT_PERCENT.mainStBefore;
  return LIMIT_PERCENT.main;
}

/**
 * `preClose × (100 ± percent) / 100`, rounded half up to the tick, in exact integer arithmetic
 * (the exchanges round limit prices to the nearest 0.01, halves up).
 */
export function limitPrices(
  preClose: number,
  percent: number,
  tick: number = PRICE_TICK,
): { limitUp: number; limitDown: number } {
  const toTick = (numerator: number): number => {
    // numerator = preClose × (100 ± percent); price = numerator / 100; in ticks: / 100 / tick.
    const divisor = 100 * tick;
    return Math.floor((numerator + divisor / 2) / divisor) * tick;
  };
  return { limitUp: toTick(preClose * (100 + percent)), limitDown: toTick(preClose * (100 - percent)) };
}

/**
 * Resolves a configured instrument for a trading day (`YYYYMMDD`): scaled prices, board and
 * flags, the limits in force that day, tick, lot rules and order caps. Board `"st"` in the config
 * is the main board with the risk-warning flag.
 */
export function resolveInstrument(cfg: InstrumentConfig, tradingDay: number): Instrument {
  const listingBoard: ListingBoard =
    cfg.board === undefined ? listingBoardOf(cfg.code) : cfg.board === "st" ? "main" : cfg.board;
  const riskWarning = cfg.riskWarning ?? (cfg.board === "st" || hasRiskWarningName(cfg.name));
  const isStock = isStockType(cfg.securityType);
  const priceTick = tickOfType(cfg.securityType);
  const preClose = yuanToScaled(cfg.preClose);
  const percent = limitPercent(listingBoard, riskWarning, isStock, tradingDay);
  const { limitUp, limitDown } = limitPrices(preClose, percent, priceTick);
  const star = listingBoard === "star" && isStock;
  const caps = ORDER_CAPS[listingBoard];
  return {
    symbol: `${cfg.market}.${cfg.code}`,
    market: MARKET_BY_NAME[cfg.market],
    code: cfg.code,
    name: cfg.name,
    securityType: SECURITY_TYPE_BY_NAME[cfg.securityType],
    listingBoard,
    riskWarning,
    isStock,
    sameDayTurnaround: cfg.sameDayTurnaround,
    board: listingBoard === "main" && riskWarning && isStock ? Board.ST : WIRE_BOARD[listingBoard],
    preClose,
    limitUp,
    limitDown,
    priceTick,
    lotSize: star ? STAR_LOT_SIZE : LOT_SIZE,
    minBuyVolume: star ? STAR_MIN_BUY_VOLUME : LOT_SIZE,
    maxLimitVolume: caps.limit,
    maxMarketVolume: caps.market,
  };
}

/** The instrument as a `BASE_INFO` message. */
export function toBaseInfo(inst: Instrument): BaseInfo {
  return {
    market: inst.market,
    code: inst.code,
    name: inst.name,
    securityType: inst.securityType,
    preClose: inst.preClose,
    limitUp: inst.limitUp,
    limitDown: inst.limitDown,
  };
}

/** The instrument as a security query record. */
export function toSecurityRecord(inst: Instrument): SecurityRecord {
  return {
    symbol: inst.symbol,
    name: inst.name,
    securityType: inst.securityType,
    board: inst.board,
    preClose: inst.preClose,
    limitUp: inst.limitUp,
    limitDown: inst.limitDown,
    priceTick: inst.priceTick,
    lotSize: inst.lotSize,
    minBuyVolume: inst.minBuyVolume,
  };
}

/**
 * Instruments as the broker uses them: symbol, board, previous close and the derived daily price
 * limits and lot rules, all in scaled integers.
 */

import type { BaseInfo, SecurityRecord } from "../protocol/messages.js";
import { Board, Market, SecurityType } from "../protocol/messages.js";
import type { InstrumentConfig } from "./config.js";
import { LIMIT_PERCENT, LOT_SIZE, PRICE_TICK, STAR_LOT_SIZE, STAR_MIN_BUY_VOLUME } from "./constants.js";
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
  readonly board: Board;
  readonly preClose: number;
  readonly limitUp: number;
  readonly limitDown: number;
  readonly priceTick: number;
  /** Buy step: 100, or 1 on STAR. */
  readonly lotSize: number;
  /** Smallest buy: 100, or 200 on STAR. */
  readonly minBuyVolume: number;
}

const MARKET_BY_NAME = { SH: Market.SH, SZ: Market.SZ } as const;
const MARKET_NAME: Record<number, string> = { [Market.SH]: "SH", [Market.SZ]: "SZ" };
const SECURITY_TYPE_BY_NAME = {
  stock: SecurityType.Stock,
  fund: SecurityType.Fund,
  etf: SecurityType.ETF,
  bond: SecurityType.Bond,
  index: SecurityType.Index,
} as const;
const BOARD_BY_NAME = { main: Board.Main, chinext: Board.ChiNext, star: Board.STAR, st: Board.ST } as const;

/** `SH.600000` from a market number and a code; undefined for an unknown market. */
export function symbolOf(market: number, code: string): string | undefined {
  const name = MARKET_NAME[market];
  return name === undefined ? undefined : `${name}.${code}`;
}

/**
 * The board a code belongs to when the config does not say: 300/301 ChiNext, 688/689 STAR, a
 * name marked ST (`ST…`, `*ST…`) the ST regime, everything else the main board.
 */
export function defaultBoard(code: string, name: string): Board {
  if (/^30[01]/.test(code)) return Board.ChiNext;
  if (/^68[89]/.test(code)) return Board.STAR;
  if (/^\*?ST/i.test(name)) return Board.ST;
  return Board.Main;
}

/** Daily limit of a board, in percent of the previous close. */
export function limitPercent(board: Board): number {
  switch (board) {
    case Board.ChiNext:
      return LIMIT_PERCENT.chinext;
    case Board.STAR:
      return LIMIT_PERCENT.star;
    case Board.ST:
      return LIMIT_PERCENT.st;
    default:
      return LIMIT_PERCENT.main;
  }
}

/**
 * `preClose × (100 ± percent) / 100`, rounded half up to the tick, in exact integer arithmetic
 * (the exchanges round limit prices to the nearest 0.01, halves up).
 */
export function limitPrices(preClose: number, percent: number): { limitUp: number; limitDown: number } {
  const toTick = (numerator: number): number => {
    // numerator = preClose × (100 ± percent); price = numerator / 100; in ticks: / 100 / PRICE_TICK.
    const divisor = 100 * PRICE_TICK;
    return Math.floor((numerator + divisor / 2) / divisor) * PRICE_TICK;
  };
  return { limitUp: toTick(preClose * (100 + percent)), limitDown: toTick(preClose * (100 - percent)) };
}

/** Resolves a configured instrument: scaled prices, board, limits, lot rules. */
export function resolveInstrument(cfg: InstrumentConfig): Instrument {
  const board = cfg.board === undefined ? defaultBoard(cfg.code, cfg.name) : BOARD_BY_NAME[cfg.board];
  const preClose = yuanToScaled(cfg.preClose);
  const { limitUp, limitDown } = limitPrices(preClose, limitPercent(board));
  const star = board === Board.STAR;
  return {
    symbol: `${cfg.market}.${cfg.code}`,
    market: MARKET_BY_NAME[cfg.market],
    code: cfg.code,
    name: cfg.name,
    securityType: SECURITY_TYPE_BY_NAME[cfg.securityType],
    board,
    preClose,
    limitUp,
    limitDown,
    priceTick: PRICE_TICK,
    lotSize: star ? STAR_LOT_SIZE : LOT_SIZE,
    minBuyVolume: star ? STAR_MIN_BUY_VOLUME : LOT_SIZE,
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

/**
 * A-share order rules. Each check returns the protocol error code and a specific reason a user can
 * act on, or undefined when the order passes. The broker runs them in this order: type/side,
 * security, volume/price validity, the board's order cap, trading hours, tick, price limits, then
 * the side's volume and holding rules, then cash, then the price cage (which may hold the order
 * instead of refusing it). Rules with an effective date take the broker's trading day.
 */
import { ErrorCode, OrderType, Side } from "../protocol/messages.js";
import { LOT_SIZE, PRICE_CAGE, PRICE_SCALE } from "./constants.js";
import type { Instrument } from "./instruments.js";
import { fitMessage } from "./message-text.js";
import { formatYuan } from "./money.js";
import { isKnownOrderType, isMarketOrder } from "./order-types.js";

/** Why an order is refused: the protocol error code and a reason in words. */
export interface Rejection {
  readonly code: number;
  readonly reason: string;
}

/** A rejection whose reason fits the wire's message field. */
export function rejection(code: number, reason: string): Rejection {
  return { code, reason: fitMessage(reason) };
}

/** The holding a sell is checked against. */
export interface SellableHolding {
  /** Shares held in total. */
  readonly volume: number;
  /** Shares held since before today and not frozen by open sells. */
  readonly availableVolume: number;
  /** Shares frozen by open sells. */
  readonly frozenVolume: number;
}

/** 2013: the order type and side must be known values. */
export function checkTypeAndSide(orderType: number, side: number): Rejection | undefined {
  if (!isKnownOrderType(orderType)) {
    return rejection(
      ErrorCode.ORDER_INVALID_TYPE_OR_SIDE,
      `invalid order type ${orderType}: expected 1 (limit, LMT), 2 (market, B5TC), 3 (IOC) or 4 (AON)`,
    );
  }
  if (side !== Side.Bid && side !== Side.Ask) {
    return rejection(
      ErrorCode.ORDER_INVALID_TYPE_OR_SIDE,
      `invalid side ${side}: expected 1 (buy, Bid) or 2 (sell, Ask)`,
    );
  }
  return undefined;
}

/** 2014: volume in positive whole shares; a limit price must be a positive integer (scaled). */
export function checkVolumeAndPrice(
  orderType: OrderType,
  volume: number,
  price: number,
): Rejection | undefined {
  if (!Number.isSafeInteger(volume) || volume <= 0) {
    return rejection(
      ErrorCode.ORDER_INVALID_PRICE_OR_VOLUME,
      `invalid volume ${volume}: expected a positive number of whole shares`,
    );
  }
  if (orderType === OrderType.LMT && (!Number.isSafeInteger(price) || price <= 0)) {
    return rejection(
      ErrorCode.ORDER_INVALID_PRICE_OR_VOLUME,
      `invalid limit price ${price}: expected a positive price (yuan × 10,000)`,
    );
  }
  return undefined;
}

const BOARD_TEXT = { main: "main board", chinext: "ChiNext", star: "STAR" } as const;

/** 2016: at most the board's cap for the order type (STAR 100,000/50,000, ChiNext 300,000/150,000). */
export function checkOrderCap(inst: Instrument, orderType: OrderType, volume: number): Rejection | undefined {
  const market = isMarketOrder(orderType);
  const cap = market ? inst.maxMarketVolume : inst.maxLimitVolume;
  if (volume <= cap) return undefined;
  return rejection(
    ErrorCode.ORDER_ABOVE_MAX_VOLUME,
    `volume ${volume} is above the ${BOARD_TEXT[inst.listingBoard]} maximum of ${cap} shares per ${market ? "market" : "limit"} order`,
  );
}

/** A tick as yuan text: `0.01`, `0.001`. */
function tickText(tick: number): string {
  return String(tick / PRICE_SCALE);
}

/** 2005–2007: a limit price on the tick and within the daily limits. */
export function checkLimitPrice(inst: Instrument, price: number): Rejection | undefined {
  if (price % inst.priceTick !== 0) {
    return rejection(
      ErrorCode.ORDER_BAD_TICK,
      `price ${formatYuan(price)} is not a multiple of the tick ${tickText(inst.priceTick)}`,
    );
  }
  if (price > inst.limitUp) {
    return rejection(
      ErrorCode.ORDER_ABOVE_LIMIT_UP,
      `price ${formatYuan(price)} is above the limit-up price ${formatYuan(inst.limitUp)} of ${inst.symbol}`,
    );
  }
  if (price < inst.limitDown) {
    return rejection(
      ErrorCode.ORDER_BELOW_LIMIT_DOWN,
      `price ${formatYuan(price)} is below the limit-down price ${formatYuan(inst.limitDown)} of ${inst.symbol}`,
    );
  }
  return undefined;
}

/** 2002/2003: buys in round lots of 100; on STAR at least 200, then any number of shares. */
export function checkBuyVolume(inst: Instrument, volume: number): Rejection | undefined {
  if (volume < inst.minBuyVolume) {
    if (inst.lotSize !== LOT_SIZE) {
      return rejection(
        ErrorCode.ORDER_STAR_MIN_VOLUME,
        `STAR board buy of ${volume} shares of ${inst.symbol} is below the minimum of ${inst.minBuyVolume}`,
      );
    }
    return rejection(
      ErrorCode.ORDER_BAD_LOT,
      `buy volume ${volume} is not a multiple of the lot (${LOT_SIZE} shares)`,
    );
  }
  if (volume % inst.lotSize !== 0) {
    return rejection(
      ErrorCode.ORDER_BAD_LOT,
      `buy volume ${volume} is not a multiple of the lot (${inst.lotSize} shares)`,
    );
  }
  return undefined;
}

/**
 * 2009/2010/2004: a sell needs the shares (2009), held since before today (2010, T+1); an odd lot
 * only to close the remainder (2004).
 *
 * Odd lots: outside STAR a sell that is not a multiple of 100 is accepted only when it leaves a
 * whole number of lots sellable, i.e. the odd remainder goes in one order (the exchange rule
 * "余额不足100股部分应当一次性申报卖出"): holding 150, selling 150 or 50 is accepted, 30 is not.
 * On STAR a sell below 200 shares is accepted only when it sells the whole sellable holding.
 */
export function checkSellVolume(
  inst: Instrument,
  volume: number,
  holding: SellableHolding | undefined,
): Rejection | undefined {
  const unfrozen = holding === undefined ? 0 : holding.volume - holding.frozenVolume;
  if (holding === undefined || volume > unfrozen) {
    const frozenText =
      holding !== undefined && holding.frozenVolume > 0
        ? `, ${holding.frozenVolume} frozen by open sells`
        : "";
    return rejection(
      ErrorCode.ORDER_INSUFFICIENT_POSITION,
      `not enough shares of ${inst.symbol}: selling ${volume}, held ${holding?.volume ?? 0}${frozenText}`,
    );
  }
  const sellable = holding.availableVolume;
  if (volume > sellable) {
    return rejection(
      ErrorCode.ORDER_T_PLUS_1,
      `T+1: only ${sellable} shares of ${inst.symbol} are sellable today; shares bought today can be sold from the next trading day`,
    );
  }
  const isStar = inst.lotSize !== LOT_SIZE;
  if (isStar) {
    if (volume < inst.minBuyVolume && volume !== sellable) {
      return rejection(
        ErrorCode.ORDER_ODD_LOT_SELL,
        `STAR sell of ${volume} shares is below ${inst.minBuyVolume}; allowed only to close the remaining ${sellable} sellable`,
      );
    }
  } else if (volume % LOT_SIZE !== 0 && (sellable - volume) % LOT_SIZE !== 0) {
    return rejection(
      ErrorCode.ORDER_ODD_LOT_SELL,
      `odd-lot sell of ${volume} would leave ${sellable - volume} of ${inst.symbol}; sell odd lots only to close the remainder`,
    );
  }
  return undefined;
}

/** 2008: a buy needs available cash for its amount plus estimated fees. */
export function checkCash(available: number, required: number, amount: number): Rejection | undefined {
  if (required <= available) return undefined;
  return rejection(
    ErrorCode.ORDER_INSUFFICIENT_CASH,
    `not enough cash: need ${formatYuan(required)} (amount ${formatYuan(amount)} + fees ${formatYuan(required - amount)}), available ${formatYuan(available)}`,
  );
}

/** 2008 for a sell: the rare sell whose first fills may cost more in fees than they bring in. */
export function checkSellCash(available: number, reserve: number): Rejection | undefined {
  if (reserve <= available) return undefined;
  return rejection(
    ErrorCode.ORDER_INSUFFICIENT_CASH,
    `not enough cash for the fees of this sell: need ${formatYuan(reserve)}, available ${formatYuan(available)}`,
  );
}

/** What the exchange does with a limit order outside the price cage. */
export type CageAction = "refuse" | "hold";

/** The cage of an instrument on a trading day: percent, ticks and action; undefined if none. */
export interface CageRule {
  readonly percent: number;
  readonly ticks: number;
  readonly action: CageAction;
}

/**
 * The price cage in force (有效申报价格范围). Stocks only: STAR 2% from 2019-07-22 (SSE 科创板股票交易
 * 特别规定, 2019-03-01); ChiNext 2% from 2020-08-24 (SZSE 创业板交易特别规定) and 2% or 10 ticks
 * from 2023-04-10; main board 2% or 10 ticks from 2023-04-10 (SSE/SZSE 交易规则, 2023 revisions).
 * Outside the cage SSE refuses the order (申报无效) and SZSE holds it in the trading host (暂存)
 * until the cage moves over its price. Checked 2026-12-02 against third-party reproductions
 * (docs/exchange-rules.md).
 */
export function cageRuleOf(inst: Instrument, tradingDay: number): CageRule | undefined {
  if (!inst.isStock) return undefined;
  const action: CageAction = inst.symbol.startsWith("SZ.") ? "hold" : "refuse";
  const { percent, ticks } = PRICE_CAGE;
  switch (inst.listingBoard) {
    case "star":
      return tradingDay >= PRICE_CAGE.starFrom ? { percent, ticks: 0, action } : undefined;
    case "chinext":
      if (tradingDay < PRICE_CAGE.chinextFrom) return undefined;
      return { percent, ticks: tradingDay >= PRICE_CAGE.chinextTicksFrom ? ticks : 0, action };
    default:
      return tradingDay >= PRICE_CAGE.mainFrom ? { percent, ticks, action } : undefined;
  }
}

/** The book the cage references come from (scaled; 0 = none). */
export interface CageBook {
  readonly bid1: number;
  readonly ask1: number;
  readonly last: number;
  readonly preClose: number;
}

/**
 * Is a limit order inside the cage? Buy reference: ask 1, else bid 1, else last, else pre-close;
 * sell reference: bid 1, else ask 1, else last, else pre-close. A buy at P is inside when
 * P × 100 ≤ ref × (100 + percent) or P ≤ ref + ticks × tick (sells mirrored), in exact integers.
 */
export function insideCage(
  rule: CageRule,
  inst: Instrument,
  side: Side,
  price: number,
  book: CageBook,
): boolean {
  const pick = (...xs: number[]): number => xs.find((x) => x > 0) ?? 0;
  if (side === Side.Bid) {
    const ref = pick(book.ask1, book.bid1, book.last, book.preClose);
    return price * 100 <= ref * (100 + rule.percent) || price <= ref + rule.ticks * inst.priceTick;
  }
  const ref = pick(book.bid1, book.ask1, book.last, book.preClose);
  return price * 100 >= ref * (100 - rule.percent) || price >= ref - rule.ticks * inst.priceTick;
}

/** 2017: a limit order outside the price cage on SSE (an SZSE order is held instead: see the broker). */
export function cageRejection(rule: CageRule, inst: Instrument, side: Side, price: number): Rejection {
  const where = side === Side.Bid ? "above" : "below";
  const width = rule.ticks > 0 ? `${rule.percent}% or ${rule.ticks} ticks` : `${rule.percent}%`;
  return rejection(
    ErrorCode.ORDER_OUTSIDE_PRICE_CAGE,
    `${side === Side.Bid ? "buy" : "sell"} price ${formatYuan(price)} of ${inst.symbol} is ${where} the price cage (${width} from the best opposite price)`,
  );
}

import { type Direction, type Exchange, Offset } from "../constants.js";
import * as check from "./field-checks.js";

/** One fill of an order (vnpy `TradeData`). An order can have several trades. */
export interface TradeData {
  /** Name of the gateway that reported the trade. */
  readonly gatewayName: string;
  /** Instrument code at its exchange. */
  readonly symbol: string;
  /** Exchange of the instrument. */
  readonly exchange: Exchange;
  /** `${symbol}.${exchange}`. */
  readonly vtSymbol: string;
  /** Gateway-local id of the order that traded. */
  readonly orderid: string;
  /** `${gatewayName}.${orderid}`. */
  readonly vtOrderid: string;
  /** Trade id as given by the broker/exchange, unique within the gateway. */
  readonly tradeid: string;
  /** `${gatewayName}.${tradeid}`; gateways and the OMS dedupe trades by it. */
  readonly vtTradeid: string;
  /** Buy ({@link Direction.LONG}) or sell ({@link Direction.SHORT}). */
  readonly direction: Direction;
  /** Open/close flag; {@link Offset.NONE} for cash equities. */
  readonly offset: Offset;
  /** Fill price. */
  readonly price: number;
  /** Fill quantity. */
  readonly volume: number;
  /**
   * Fees charged for this fill (commission, stamp duty, transfer fee), in the account's currency;
   * 0 when the gateway is not told. Not in vnpy's `TradeData`.
   */
  readonly fee: number;
  /** Exchange time of the fill. Not deep-frozen: do not mutate. */
  readonly datetime: Date;
}

/** Input of {@link createTrade}: `offset` defaults to NONE, `fee` to 0; vt ids are computed. */
export type TradeInit = Omit<TradeData, "vtSymbol" | "vtOrderid" | "vtTradeid" | "offset" | "fee"> &
  Partial<Pick<TradeData, "offset" | "fee">>;

/**
 * Creates a frozen {@link TradeData}, filling `vtSymbol`, `vtOrderid` and `vtTradeid`.
 *
 * Checks every field: non-empty `gatewayName`, `orderid` and `tradeid`, a code without exchange
 * suffix, a known exchange and enum values, `price` finite > 0, `volume` a positive integer,
 * `fee` finite ≥ 0, a valid `datetime`.
 *
 * @throws {@link InvalidFieldError} naming the first field that is wrong
 */
export function createTrade(init: TradeInit): TradeData {
  const where = "createTrade";
  const gatewayName = check.nonEmptyText(where, "gatewayName", init.gatewayName);
  const symbol = check.symbolCode(where, init.symbol);
  const exchange = check.exchangeCode(where, init.exchange);
  const orderid = check.nonEmptyText(where, "orderid", init.orderid);
  const tradeid = check.nonEmptyText(where, "tradeid", init.tradeid);
  return Object.freeze({
    gatewayName,
    symbol,
    exchange,
    vtSymbol: `${symbol}.${exchange}`,
    orderid,
    vtOrderid: `${gatewayName}.${orderid}`,
    tradeid,
    vtTradeid: `${gatewayName}.${tradeid}`,
    direction: check.direction(where, "direction", init.direction),
    offset: check.offset(where, "offset", init.offset ?? Offset.NONE),
    price: check.positive(where, "price", init.price),
    volume: check.positiveInteger(where, "volume", init.volume),
    fee: check.nonNegative(where, "fee", init.fee ?? 0),
    datetime: check.validDate(where, "datetime", init.datetime),
  });
}

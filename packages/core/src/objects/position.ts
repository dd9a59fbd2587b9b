import type { Direction, Exchange } from "../constants.js";
import * as check from "./field-checks.js";

/** A holding in one instrument and direction (vnpy `PositionData`). */
export interface PositionData {
  /** Name of the gateway that reported the position. */
  readonly gatewayName: string;
  /** Instrument code at its exchange. */
  readonly symbol: string;
  /** Exchange of the instrument. */
  readonly exchange: Exchange;
  /** `${symbol}.${exchange}`. */
  readonly vtSymbol: string;
  /** Position direction; A-share cash accounts use {@link Direction.NET}. */
  readonly direction: Direction;
  /** `${gatewayName}.${vtSymbol}.${direction}`, e.g. `"HFT.600000.SSE.NET"`. */
  readonly vtPositionid: string;
  /** Total quantity held. */
  readonly volume: number;
  /** Quantity frozen by working close/sell orders. */
  readonly frozen: number;
  /** Average cost price. */
  readonly price: number;
  /** Profit and loss as reported by the broker. */
  readonly pnl: number;
  /**
   * Quantity held since before today (昨仓). Under A-share T+1 only this part can be sold today.
   */
  readonly ydVolume: number;
}

/** Input of {@link createPosition}: numeric fields default to 0; vt ids are computed. */
export type PositionInit = Pick<PositionData, "gatewayName" | "symbol" | "exchange" | "direction"> &
  Partial<Pick<PositionData, "volume" | "frozen" | "price" | "pnl" | "ydVolume">>;

/**
 * Creates a frozen {@link PositionData}, filling `vtSymbol` and `vtPositionid`.
 *
 * Checks every field: a non-empty `gatewayName`, a code without exchange suffix, a known exchange
 * and direction, `volume` and `ydVolume` integers (a NET position may be negative), `frozen` an
 * integer ≥ 0, `price` and `pnl` finite (a cost price can go below 0 after profitable partial
 * closes).
 *
 * @throws {@link InvalidFieldError} naming the first field that is wrong
 */
export function createPosition(init: PositionInit): PositionData {
  const where = "createPosition";
  const gatewayName = check.nonEmptyText(where, "gatewayName", init.gatewayName);
  const symbol = check.symbolCode(where, init.symbol);
  const exchange = check.exchangeCode(where, init.exchange);
  const direction = check.direction(where, "direction", init.direction);
  const vtSymbol = `${symbol}.${exchange}`;
  return Object.freeze({
    gatewayName,
    symbol,
    exchange,
    vtSymbol,
    direction,
    vtPositionid: `${gatewayName}.${vtSymbol}.${direction}`,
    volume: check.integer(where, "volume", init.volume ?? 0),
    frozen: check.nonNegativeInteger(where, "frozen", init.frozen ?? 0),
    price: check.finite(where, "price", init.price ?? 0),
    pnl: check.finite(where, "pnl", init.pnl ?? 0),
    ydVolume: check.integer(where, "ydVolume", init.ydVolume ?? 0),
  });
}

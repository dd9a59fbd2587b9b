import type { Direction, Exchange } from "../constants.js";

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

/** Creates a frozen {@link PositionData}, filling `vtSymbol` and `vtPositionid`. */
export function createPosition(init: PositionInit): PositionData {
  const vtSymbol = `${init.symbol}.${init.exchange}`;
  return Object.freeze({
    gatewayName: init.gatewayName,
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol,
    direction: init.direction,
    vtPositionid: `${init.gatewayName}.${vtSymbol}.${init.direction}`,
    volume: init.volume ?? 0,
    frozen: init.frozen ?? 0,
    price: init.price ?? 0,
    pnl: init.pnl ?? 0,
    ydVolume: init.ydVolume ?? 0,
  });
}

import { type Direction, type Exchange, Offset, type OrderType } from "../constants.js";

/** Request to receive market data for one instrument (vnpy `SubscribeRequest`). */
export interface SubscribeRequest {
  /** Instrument code at its exchange. */
  readonly symbol: string;
  /** Exchange of the instrument. */
  readonly exchange: Exchange;
  /** `${symbol}.${exchange}`. */
  readonly vtSymbol: string;
}

/** Input of {@link createSubscribeRequest}. */
export type SubscribeRequestInit = Pick<SubscribeRequest, "symbol" | "exchange">;

/** Creates a frozen {@link SubscribeRequest}, filling `vtSymbol`. */
export function createSubscribeRequest(init: SubscribeRequestInit): SubscribeRequest {
  return Object.freeze({
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol: `${init.symbol}.${init.exchange}`,
  });
}

/** Request to place a new order (vnpy `OrderRequest`). */
export interface OrderRequest {
  /** Instrument code at its exchange. */
  readonly symbol: string;
  /** Exchange of the instrument. */
  readonly exchange: Exchange;
  /** `${symbol}.${exchange}`. */
  readonly vtSymbol: string;
  /** Buy ({@link Direction.LONG}) or sell ({@link Direction.SHORT}). */
  readonly direction: Direction;
  /** Order type. */
  readonly type: OrderType;
  /** Quantity, in shares/contracts (not lots). */
  readonly volume: number;
  /** Limit price; 0 for market orders. */
  readonly price: number;
  /** Open/close flag; {@link Offset.NONE} for cash equities. */
  readonly offset: Offset;
  /** Free text identifying who sent the order (a strategy name); copied to the order. */
  readonly reference: string;
}

/** Input of {@link createOrderRequest}: `price` defaults to 0, `offset` to NONE, `reference` to `""`. */
export type OrderRequestInit = Pick<OrderRequest, "symbol" | "exchange" | "direction" | "type" | "volume"> &
  Partial<Pick<OrderRequest, "price" | "offset" | "reference">>;

/**
 * Creates a frozen {@link OrderRequest}, filling `vtSymbol` and defaults.
 *
 * @example
 * ```ts
 * const req = createOrderRequest({
 *   symbol: "600000", exchange: Exchange.SSE, direction: Direction.LONG,
 *   type: OrderType.LIMIT, volume: 100, price: 7.3,
 * });
 * ```
 */
export function createOrderRequest(init: OrderRequestInit): OrderRequest {
  return Object.freeze({
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol: `${init.symbol}.${init.exchange}`,
    direction: init.direction,
    type: init.type,
    volume: init.volume,
    price: init.price ?? 0,
    offset: init.offset ?? Offset.NONE,
    reference: init.reference ?? "",
  });
}

/** Request to cancel an order (vnpy `CancelRequest`). */
export interface CancelRequest {
  /** The gateway-local order id (not the vtOrderid). */
  readonly orderid: string;
  /** Instrument code at its exchange. */
  readonly symbol: string;
  /** Exchange of the instrument. */
  readonly exchange: Exchange;
  /** `${symbol}.${exchange}`. */
  readonly vtSymbol: string;
}

/** Input of {@link createCancelRequest}; an {@link OrderData} fits it as is. */
export type CancelRequestInit = Pick<CancelRequest, "orderid" | "symbol" | "exchange">;

/**
 * Creates a frozen {@link CancelRequest}. Pass an order to cancel it (vnpy
 * `order.create_cancel_request()`), or the three fields directly.
 *
 * @example
 * ```ts
 * mainEngine.cancelOrder(createCancelRequest(order), order.gatewayName);
 * ```
 */
export function createCancelRequest(init: CancelRequestInit): CancelRequest {
  return Object.freeze({
    orderid: init.orderid,
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol: `${init.symbol}.${init.exchange}`,
  });
}

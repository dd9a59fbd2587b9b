import { type Direction, type Exchange, Offset, OrderType } from "../constants.js";
import { isExchange } from "../vt-ids.js";
import * as check from "./field-checks.js";

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

/**
 * Creates a frozen {@link SubscribeRequest}, filling `vtSymbol`.
 *
 * @throws {@link InvalidFieldError} naming the field when `symbol` is empty or carries an
 *   exchange suffix (`"600000.SSE"`), or `exchange` is not an {@link Exchange} code
 */
export function createSubscribeRequest(init: SubscribeRequestInit): SubscribeRequest {
  const where = "createSubscribeRequest";
  const symbol = check.symbolCode(where, init.symbol);
  const exchange = check.exchangeCode(where, init.exchange);
  return Object.freeze({ symbol, exchange, vtSymbol: `${symbol}.${exchange}` });
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
 * Checks every field: `volume` a positive integer; `price` finite and > 0 for the priced types
 * (LIMIT, FAK, FOK), ≥ 0 for MARKET; `symbol`, `exchange`, `direction`, `type` and `offset` known
 * values. Lot sizes and ticks are instrument rules: the gateway checks them against the contract.
 *
 * @throws {@link InvalidFieldError} naming the first field that is wrong
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
  const req: OrderRequest = {
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol: `${init.symbol}.${init.exchange}`,
    direction: init.direction,
    type: init.type,
    volume: init.volume,
    price: init.price ?? 0,
    offset: init.offset ?? Offset.NONE,
    reference: init.reference ?? "",
  };
  if (!isValidOrderRequest(req)) throwFirstProblem(req);
  return Object.freeze(req);
}

// Priced types need a price > 0; a MARKET order may carry 0.
function isValidOrderRequest(r: OrderRequest): boolean {
  return (
    check.isBareSymbol(r.symbol) &&
    isExchange(r.exchange) &&
    check.DIRECTIONS.has(r.direction) &&
    check.ORDER_TYPES.has(r.type) &&
    Number.isSafeInteger(r.volume) &&
    r.volume > 0 &&
    check.isNonNegative(r.price) &&
    (r.price > 0 || r.type === OrderType.MARKET) &&
    check.OFFSETS.has(r.offset) &&
    typeof r.reference === "string"
  );
}

function throwFirstProblem(r: OrderRequest): never {
  const where = "createOrderRequest";
  check.symbolCode(where, r.symbol);
  check.exchangeCode(where, r.exchange);
  check.direction(where, "direction", r.direction);
  check.orderType(where, "type", r.type);
  check.positiveInteger(where, "volume", r.volume);
  if (r.type === OrderType.MARKET) check.nonNegative(where, "price", r.price);
  else check.positive(where, "price", r.price);
  check.offset(where, "offset", r.offset);
  check.text(where, "reference", r.reference);
  throw new Error(`${where}: isValidOrderRequest and throwFirstProblem disagree`); // unreachable
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
 * @throws {@link InvalidFieldError} when `orderid` is empty, `symbol` is empty or carries an
 *   exchange suffix, or `exchange` is not an {@link Exchange} code
 *
 * @example
 * ```ts
 * mainEngine.cancelOrder(createCancelRequest(order), order.gatewayName);
 * ```
 */
export function createCancelRequest(init: CancelRequestInit): CancelRequest {
  const where = "createCancelRequest";
  const symbol = check.symbolCode(where, init.symbol);
  const exchange = check.exchangeCode(where, init.exchange);
  return Object.freeze({
    orderid: check.nonEmptyText(where, "orderid", init.orderid),
    symbol,
    exchange,
    vtSymbol: `${symbol}.${exchange}`,
  });
}

import { ACTIVE_STATUSES, type Direction, type Exchange, Offset, OrderType, Status } from "../constants.js";
import { isExchange } from "../vt-ids.js";
import * as check from "./field-checks.js";
import type { OrderRequest } from "./requests.js";

/**
 * The latest known state of one order (vnpy `OrderData`).
 *
 * A gateway pushes a new frozen snapshot for every change (status, traded volume); use
 * {@link updateOrder} to derive it from the previous one. Identity fields (`gatewayName`,
 * `symbol`, `exchange`, `orderid` and the vt ids) never change over an order's life.
 */
export interface OrderData {
  /** Name of the gateway that owns the order. */
  readonly gatewayName: string;
  /** Instrument code at its exchange. */
  readonly symbol: string;
  /** Exchange of the instrument. */
  readonly exchange: Exchange;
  /** `${symbol}.${exchange}`. */
  readonly vtSymbol: string;
  /** Gateway-local order id, unique within the gateway. */
  readonly orderid: string;
  /** `${gatewayName}.${orderid}`, unique across gateways, e.g. `"HFT.1700000000001"`. */
  readonly vtOrderid: string;
  /** Order type. */
  readonly type: OrderType;
  /** Buy ({@link Direction.LONG}) or sell ({@link Direction.SHORT}). */
  readonly direction: Direction;
  /** Open/close flag; {@link Offset.NONE} for cash equities. */
  readonly offset: Offset;
  /** Limit price; 0 for market orders. */
  readonly price: number;
  /** Ordered quantity. */
  readonly volume: number;
  /** Quantity traded so far. */
  readonly traded: number;
  /** Current status; see {@link isActiveOrder}. */
  readonly status: Status;
  /** Time of the latest status change reported by the broker, when known. Not deep-frozen: do not mutate. */
  readonly datetime: Date | undefined;
  /** Free text from the {@link OrderRequest} (e.g. a strategy name). */
  readonly reference: string;
  /**
   * Reason given with the latest status, typically why the order was REJECTED
   * (e.g. `"price exceeds the daily limit 8.04"`); `""` when there is none.
   */
  readonly statusMsg: string;
}

/** Input of {@link createOrder}: identity is required; other fields default (status SUBMITTING, LIMIT, NONE, 0, `""`). */
export type OrderInit = Pick<OrderData, "gatewayName" | "symbol" | "exchange" | "orderid" | "direction"> &
  Partial<
    Omit<
      OrderData,
      "gatewayName" | "symbol" | "exchange" | "orderid" | "direction" | "vtSymbol" | "vtOrderid"
    >
  >;

/** Fields of an order that may change over its life; the argument of {@link updateOrder}. */
export type OrderChanges = Partial<
  Pick<
    OrderData,
    "type" | "offset" | "price" | "volume" | "traded" | "status" | "datetime" | "reference" | "statusMsg"
  >
>;

/**
 * Creates a frozen {@link OrderData}, filling `vtSymbol`, `vtOrderid` and defaults.
 *
 * Checks every field: non-empty `gatewayName` and `orderid`, a code without exchange suffix, a
 * known exchange and enum values, `price` finite ≥ 0, `volume` and `traded` integers ≥ 0, a valid
 * `datetime` when given.
 *
 * @throws {@link InvalidFieldError} naming the first field that is wrong
 */
export function createOrder(init: OrderInit): OrderData {
  return buildOrder("createOrder", init);
}

function buildOrder(where: string, init: OrderInit): OrderData {
  const order: OrderData = {
    gatewayName: init.gatewayName,
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol: `${init.symbol}.${init.exchange}`,
    orderid: init.orderid,
    vtOrderid: `${init.gatewayName}.${init.orderid}`,
    type: init.type ?? OrderType.LIMIT,
    direction: init.direction,
    offset: init.offset ?? Offset.NONE,
    price: init.price ?? 0,
    volume: init.volume ?? 0,
    traded: init.traded ?? 0,
    status: init.status ?? Status.SUBMITTING,
    datetime: init.datetime,
    reference: init.reference ?? "",
    statusMsg: init.statusMsg ?? "",
  };
  return checkedAndFrozen(where, order);
}

/** `order` frozen once every field is checked; throws naming the first wrong field. */
function checkedAndFrozen(where: string, order: OrderData): OrderData {
  if (!isValidOrder(order)) throwFirstProblem(where, order);
  return Object.freeze(order);
}

// Plain tests on one hidden class, run on every order report; throwFirstProblem names the field.
function isValidOrder(o: OrderData): boolean {
  return (
    check.isNonEmptyText(o.gatewayName) &&
    check.isBareSymbol(o.symbol) &&
    isExchange(o.exchange) &&
    check.isNonEmptyText(o.orderid) &&
    check.ORDER_TYPES.has(o.type) &&
    check.DIRECTIONS.has(o.direction) &&
    check.OFFSETS.has(o.offset) &&
    check.isNonNegative(o.price) &&
    check.isCount(o.volume) &&
    check.isCount(o.traded) &&
    check.STATUSES.has(o.status) &&
    (o.datetime === undefined || check.isValidDate(o.datetime)) &&
    typeof o.reference === "string" &&
    typeof o.statusMsg === "string"
  );
}

function throwFirstProblem(where: string, o: OrderData): never {
  check.nonEmptyText(where, "gatewayName", o.gatewayName);
  check.symbolCode(where, o.symbol);
  check.exchangeCode(where, o.exchange);
  check.nonEmptyText(where, "orderid", o.orderid);
  check.orderType(where, "type", o.type);
  check.direction(where, "direction", o.direction);
  check.offset(where, "offset", o.offset);
  check.nonNegative(where, "price", o.price);
  check.nonNegativeInteger(where, "volume", o.volume);
  check.nonNegativeInteger(where, "traded", o.traded);
  check.status(where, "status", o.status);
  check.optionalDate(where, "datetime", o.datetime);
  check.text(where, "reference", o.reference);
  check.text(where, "statusMsg", o.statusMsg);
  throw new Error(`${where}: isValidOrder and throwFirstProblem disagree`); // unreachable
}

/**
 * Creates the initial SUBMITTING order for a request (vnpy `OrderRequest.create_order_data`).
 * A gateway calls this in `sendOrder`, pushes the order, and returns its `vtOrderid`.
 *
 * @param req - the order request
 * @param orderid - the gateway-local id the gateway assigned
 * @param gatewayName - the gateway's name
 * @param datetime - when it was sent, if the gateway stamps it (one object built, not two)
 */
export function createOrderData(
  req: OrderRequest,
  orderid: string,
  gatewayName: string,
  datetime?: Date,
): OrderData {
  // Written out rather than through createOrder's init object: this runs in every sendOrder
  // before the order leaves (issue 22), and one object fewer is less to touch there. The fields
  // keep buildOrder's order (one hidden class) and its defaults, for requests from untyped code.
  return checkedAndFrozen("createOrder", {
    gatewayName,
    symbol: req.symbol,
    exchange: req.exchange,
    vtSymbol: `${req.symbol}.${req.exchange}`,
    orderid,
    vtOrderid: `${gatewayName}.${orderid}`,
    type: req.type ?? OrderType.LIMIT,
    direction: req.direction,
    offset: req.offset ?? Offset.NONE,
    price: req.price ?? 0,
    volume: req.volume ?? 0,
    traded: 0,
    status: Status.SUBMITTING,
    datetime,
    reference: req.reference ?? "",
    statusMsg: "",
  });
}

/**
 * Returns a new frozen snapshot of `order` with `changes` applied; `order` itself is untouched.
 * Identity fields cannot be changed. `statusMsg` is kept unless `changes` sets it.
 *
 * @throws {@link InvalidFieldError} when a change is not a valid value of its field
 *
 * @example
 * ```ts
 * const filled = updateOrder(order, { traded: order.volume, status: Status.ALLTRADED, datetime: new Date() });
 * ```
 */
export function updateOrder(order: OrderData, changes: OrderChanges): OrderData {
  return buildOrder("updateOrder", {
    gatewayName: order.gatewayName,
    symbol: order.symbol,
    exchange: order.exchange,
    orderid: order.orderid,
    direction: order.direction,
    type: changes.type ?? order.type,
    offset: changes.offset ?? order.offset,
    price: changes.price ?? order.price,
    volume: changes.volume ?? order.volume,
    traded: changes.traded ?? order.traded,
    status: changes.status ?? order.status,
    datetime: "datetime" in changes ? changes.datetime : order.datetime,
    reference: changes.reference ?? order.reference,
    statusMsg: changes.statusMsg ?? order.statusMsg,
  });
}

/**
 * True while the order can still trade or be cancelled: status SUBMITTING, NOTTRADED or
 * PARTTRADED (vnpy `OrderData.is_active`).
 */
export function isActiveOrder(order: Pick<OrderData, "status">): boolean {
  return ACTIVE_STATUSES.has(order.status);
}

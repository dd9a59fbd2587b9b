/**
 * Request and reply payloads exchanged between {@link NatsBridgeClient} and
 * {@link NatsBridgeServer}, and the checks the server applies to what it receives.
 *
 * Every reply is a {@link Reply}: `{ ok: true, result }` or `{ ok: false, error: { code, message } }`.
 *
 * @module
 */
import {
  type AccountData,
  type CancelRequest,
  type ContractData,
  createCancelRequest,
  createOrderRequest,
  createSubscribeRequest,
  Direction,
  type GatewayStatusData,
  InvalidFieldError,
  isExchange,
  Offset,
  type OrderData,
  type OrderRequest,
  OrderType,
  type PositionData,
  type SubscribeRequest,
  type TickData,
  type TradeData,
} from "@tsgate/core";
import { BridgeError, type WireError } from "./errors.js";

/**
 * Operations whose reply can be large (a whole OMS): the server splits the encoded reply into
 * chunks under the NATS payload limit and sends them in order, then an empty message that ends
 * the reply; the client reads them with a sentinel `requestMany`.
 */
export const CHUNKED_OPERATIONS: ReadonlySet<string> = new Set(["snapshot", "query"]);

/** A reply envelope. */
export type Reply<T> =
  | { readonly ok: true; readonly result: T }
  | { readonly ok: false; readonly error: WireError };

/** What a `query` request can ask for; each maps to an OMS getter of the gateway host. */
export type QueryKind =
  | "orders"
  | "activeOrders"
  | "trades"
  | "positions"
  | "accounts"
  | "contracts"
  | "ticks";

/** Payload of a `query` request. */
export interface QueryRequest {
  readonly kind: QueryKind;
  /** For `activeOrders`: only this instrument. */
  readonly vtSymbol?: string;
}

/** Result of a `status` request. */
export interface StatusResult {
  /** The gateway's latest status per side (TRADE, MARKET), as the host's OMS knows it. */
  readonly statuses: readonly GatewayStatusData[];
}

/**
 * Result of a `snapshot` request: the host's OMS state for the gateway, consistent with the
 * durable events up to revision `rev` of server incarnation `epoch` (see README, "Stream").
 */
export interface Snapshot {
  readonly epoch: number;
  readonly rev: number;
  readonly orders: readonly OrderData[];
  readonly trades: readonly TradeData[];
  readonly positions: readonly PositionData[];
  readonly accounts: readonly AccountData[];
  readonly contracts: readonly ContractData[];
  readonly ticks: readonly TickData[];
  readonly statuses: readonly GatewayStatusData[];
  /** vtOrderid → clientId of the orders sent through the bridge. */
  readonly owners: Readonly<Record<string, string>>;
}

const QUERY_KINDS: readonly QueryKind[] = [
  "orders",
  "activeOrders",
  "trades",
  "positions",
  "accounts",
  "contracts",
  "ticks",
];

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object")
    throw new BridgeError("BAD_REQUEST", `${what}: expected an object`);
  return value as Record<string, unknown>;
}

function text(obj: Record<string, unknown>, key: string, what: string): string {
  const value = obj[key];
  if (typeof value !== "string" || value === "") {
    throw new BridgeError("BAD_REQUEST", `${what}.${key}: expected a non-empty string`);
  }
  return value;
}

function exchange(obj: Record<string, unknown>, what: string) {
  const value = obj.exchange;
  if (typeof value !== "string" || !isExchange(value)) {
    throw new BridgeError("BAD_REQUEST", `${what}.exchange: unknown exchange ${JSON.stringify(value)}`);
  }
  return value;
}

function oneOf<T extends string>(
  obj: Record<string, unknown>,
  key: string,
  values: Record<string, T>,
  what: string,
): T {
  const value = obj[key];
  if (typeof value !== "string" || !Object.values(values).includes(value as T)) {
    throw new BridgeError(
      "BAD_REQUEST",
      `${what}.${key}: expected one of ${Object.values(values).join(", ")}, got ${JSON.stringify(value)}`,
    );
  }
  return value as T;
}

function finite(obj: Record<string, unknown>, key: string, what: string): number {
  const value = obj[key];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new BridgeError("BAD_REQUEST", `${what}.${key}: expected a finite number`);
  }
  return value;
}

// The core factories check the rest (volume > 0, a priced order's price, the symbol's form); what
// they refuse is the caller's mistake, answered as BAD_REQUEST like the checks above.
function rebuild<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof InvalidFieldError) throw new BridgeError("BAD_REQUEST", error.message);
    throw error;
  }
}

/** Checks and rebuilds a {@link SubscribeRequest} received from the wire. */
export function parseSubscribeRequest(value: unknown): SubscribeRequest {
  const obj = record(value, "subscribe");
  return rebuild(() =>
    createSubscribeRequest({
      symbol: text(obj, "symbol", "subscribe"),
      exchange: exchange(obj, "subscribe"),
    }),
  );
}

/** Checks and rebuilds an {@link OrderRequest} received from the wire. */
export function parseOrderRequest(value: unknown): OrderRequest {
  const obj = record(value, "sendOrder");
  const w = "sendOrder";
  const reference = obj.reference;
  return rebuild(() =>
    createOrderRequest({
      symbol: text(obj, "symbol", w),
      exchange: exchange(obj, w),
      direction: oneOf(obj, "direction", Direction, w),
      type: oneOf(obj, "type", OrderType, w),
      volume: finite(obj, "volume", w),
      price: obj.price === undefined ? 0 : finite(obj, "price", w),
      offset: obj.offset === undefined ? Offset.NONE : oneOf(obj, "offset", Offset, w),
      reference: typeof reference === "string" ? reference : "",
    }),
  );
}

/** Checks and rebuilds a {@link CancelRequest} received from the wire. */
export function parseCancelRequest(value: unknown): CancelRequest {
  const obj = record(value, "cancelOrder");
  return rebuild(() =>
    createCancelRequest({
      orderid: text(obj, "orderid", "cancelOrder"),
      symbol: text(obj, "symbol", "cancelOrder"),
      exchange: exchange(obj, "cancelOrder"),
    }),
  );
}

/** Checks a {@link QueryRequest} received from the wire. */
export function parseQueryRequest(value: unknown): QueryRequest {
  const obj = record(value, "query");
  const kind = obj.kind;
  if (typeof kind !== "string" || !QUERY_KINDS.includes(kind as QueryKind)) {
    throw new BridgeError("BAD_REQUEST", `query.kind: expected one of ${QUERY_KINDS.join(", ")}`);
  }
  const vtSymbol = obj.vtSymbol;
  return typeof vtSymbol === "string" ? { kind: kind as QueryKind, vtSymbol } : { kind: kind as QueryKind };
}

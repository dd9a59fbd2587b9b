/**
 * Builders and parsers of the "vt" identifiers that make objects unique across gateways and
 * exchanges, following vnpy: `vtSymbol = symbol.exchange`, `vtOrderid = gatewayName.orderid`.
 *
 * @module
 */
import { Exchange } from "./constants.js";
import { InvalidArgumentError } from "./errors.js";
import { ResettingCache } from "./resetting-cache.js";

const EXCHANGES: ReadonlySet<string> = new Set(Object.values(Exchange));

/**
 * The unique id of an instrument across exchanges: `${symbol}.${exchange}`.
 *
 * @example
 * ```ts
 * toVtSymbol("600000", Exchange.SSE); // "600000.SSE"
 * ```
 */
export function toVtSymbol(symbol: string, exchange: Exchange): string {
  let bySymbol = vtSymbols.get(exchange);
  // Unknown exchanges (refused by the callers that validate) are not cached: their number is unbounded.
  if (bySymbol === undefined && !EXCHANGES.has(exchange)) return `${symbol}.${exchange}`;
  if (bySymbol === undefined) {
    bySymbol = new ResettingCache(VT_SYMBOL_CACHE_MAX);
    vtSymbols.set(exchange, bySymbol);
  }
  return bySymbol.get(symbol, (s) => `${s}.${exchange}`);
}

/** Per exchange, the vtSymbols made so far: a tick builds none (SSE + SZSE list ~12,000 codes). */
const VT_SYMBOL_CACHE_MAX = 50_000;
const vtSymbols = new Map<string, ResettingCache<string, string>>();

/**
 * The unique id of an order across gateways: `${gatewayName}.${orderid}`, e.g. `HFT.1700000000001`.
 */
export function toVtOrderid(gatewayName: string, orderid: string): string {
  return `${gatewayName}.${orderid}`;
}

/** The unique id of a trade across gateways: `${gatewayName}.${tradeid}`. */
export function toVtTradeid(gatewayName: string, tradeid: string): string {
  return `${gatewayName}.${tradeid}`;
}

/**
 * The unique id of a position: `${gatewayName}.${vtSymbol}.${direction}`, e.g. `HFT.600000.SSE.NET`.
 */
export function toVtPositionid(gatewayName: string, vtSymbol: string, direction: string): string {
  return `${gatewayName}.${vtSymbol}.${direction}`;
}

/** The unique id of an account: `${gatewayName}.${accountid}`. */
export function toVtAccountid(gatewayName: string, accountid: string): string {
  return `${gatewayName}.${accountid}`;
}

/** Returns true when `value` is one of the {@link Exchange} codes. */
export function isExchange(value: string): value is Exchange {
  return EXCHANGES.has(value);
}

/**
 * Splits a vtSymbol into symbol and exchange. The exchange is the part after the last dot, so
 * symbols that themselves contain dots still parse.
 *
 * @throws {@link InvalidArgumentError} when there is no dot, the symbol is empty, or the
 * exchange is not a known {@link Exchange} code.
 *
 * @example
 * ```ts
 * parseVtSymbol("600000.SSE"); // { symbol: "600000", exchange: "SSE" }
 * ```
 */
export function parseVtSymbol(vtSymbol: string): {
  /** The instrument code, e.g. `"600000"`. */
  symbol: string;
  /** The exchange, e.g. `"SSE"`. */
  exchange: Exchange;
} {
  const dot = vtSymbol.lastIndexOf(".");
  const symbol = dot > 0 ? vtSymbol.slice(0, dot) : "";
  const exchange = dot > 0 ? vtSymbol.slice(dot + 1) : "";
  if (symbol === "" || !isExchange(exchange)) {
    throw new InvalidArgumentError(
      `Invalid vtSymbol "${vtSymbol}": expected "<symbol>.<exchange>" with exchange one of ${[...EXCHANGES].join(", ")}`,
    );
  }
  return { symbol, exchange };
}

/**
 * Checks an order request against its contract before anything is sent, so that mistakes a
 * strategy can fix come back at once as a REJECTED order with a precise reason, and converts the
 * request to the vendor's terms.
 *
 * What is checked here: exchange, direction, offset and order type (FAK/FOK are SZSE's IOC/AON
 * market orders, refused for SSE: {@link ORDERTYPE_VT2HFT}); then, from the contract alone,
 * the rules of `@tsgate/ashare-rules` ({@link checkOrderRules}, shared with the dashboard's order
 * form): volume (whole shares, at most the board's cap for the order type: STAR 100,000 limit /
 * 50,000 market, ChiNext 300,000 / 150,000, main board 1,000,000; buys in the contract's lots),
 * limit price (positive, at most 4 decimals, on the tick, inside the daily limits). What is left to
 * the server, because it needs live state: cash (2008), holdings and T+1 (2009/2010), odd-lot
 * sells (2004), trading hours (2011), the price cage of continuous trading.
 *
 * Offsets: an A-share cash account has no open/close distinction, so {@link Offset.NONE} is the
 * normal value. For strategies written for vnpy's OPEN/CLOSE vocabulary the consistent pairs are
 * accepted too and ignored on the wire: LONG + OPEN (a buy opens or adds) and SHORT + CLOSE /
 * CLOSETODAY / CLOSEYESTERDAY (a sell reduces the holding). SHORT + OPEN (short selling) and
 * LONG + CLOSE (buying to cover) need a margin account and are rejected.
 *
 * Prices are compared as integers scaled by 10,000 (the ABI's unit), never as floats, so 2.01 is
 * on a 0.01 tick even though `2.01 * 100` is 200.99999999999997.
 *
 * A refusal carries its message code (`refusal.*` for the gateway's own checks, `rule.*` for the
 * shared rules) and its reason in the caller's language, from the message catalogues.
 *
 * @module
 */

import { checkOrderRules, ORDER_TYPE_TEXT, orderTypeAccepted, ruleReason } from "@tsgate/ashare-rules";
import { type ContractData, Direction, Exchange, Offset, type OrderRequest } from "@tsgate/core";
import type { RequestOrderType as VendorOrderType, RequestSide as VendorSide } from "@tsgate/hft-native";
import { type MessageCode, type MessageParams, text } from "./i18n/catalogue.js";
import { DEFAULT_LANGUAGE, type Language } from "./i18n/language.js";
import { MARKET_VT2HFT, ORDERTYPE_VT2HFT, SIDE_VT2HFT } from "./mappings.js";

/** An order request in the vendor's terms, ready for `TraderApi.order` (without the client order id). */
export interface VendorOrder {
  /** `"SH.600000"`. */
  readonly symbol: string;
  readonly side: VendorSide;
  readonly orderType: VendorOrderType;
  readonly volume: number;
  /** Yuan; 0 for the market types (B5TC, IOC, AON). */
  readonly price: number;
}

/** Why {@link validateOrder} refuses an order: a message code of the catalogues. */
export type RefusalCode = MessageCode & (`refusal.${string}` | `rule.${string}`);

/** The outcome of {@link validateOrder}. */
export type OrderValidation =
  | { readonly ok: true; readonly order: VendorOrder }
  | {
      readonly ok: false;
      /** The refusal's message code, for programs (`rule.lot`, `refusal.offset`). */
      readonly code: RefusalCode;
      /** The reason in the language asked for, a sentence a user can act on. */
      readonly reason: string;
    };

const SELL_OFFSETS: ReadonlySet<Offset> = new Set([Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY]);

/**
 * `map[key]` for the map's own keys only: a request from untyped code (JSON, RPC) with a type
 * such as `"toString"` or `"__proto__"` must not find `Object.prototype`'s members.
 */
function lookup<V>(map: Readonly<Partial<Record<string, V>>>, key: unknown): V | undefined {
  return typeof key === "string" && Object.hasOwn(map, key) ? map[key] : undefined;
}

/**
 * A request value as text for a reason. Requests from untyped code may hold anything, and a
 * template literal throws for symbols and objects without a prototype; validation never throws.
 */
function show(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return String(value);
  } catch {
    return `(${typeof value})`;
  }
}

/** A refusal with its reason in `language` (a module function: no closure made per checked order). */
function refuse<K extends RefusalCode>(
  language: Language,
  code: K,
  ...params: MessageParams<K>
): OrderValidation {
  return { ok: false, code, reason: text(language, code, ...params) };
}

/** Formats a price for a message: the tick's decimals when given, else without float noise. */
export { formatPrice } from "@tsgate/ashare-rules";

/**
 * Checks `req` against `contract` (the contract of `req.vtSymbol`, or `undefined` when none is
 * known) and returns the vendor order, or why it is refused, in `language`.
 */
export function validateOrder(
  req: OrderRequest,
  contract: ContractData | undefined,
  language: Language = DEFAULT_LANGUAGE,
): OrderValidation {
  const market = lookup(MARKET_VT2HFT, req.exchange);
  if (market === undefined) {
    return refuse(language, "refusal.exchange", { exchange: show(req.exchange) });
  }
  if (typeof req.symbol !== "string") {
    return refuse(language, "refusal.symbol", { symbol: show(req.symbol) });
  }
  if (contract === undefined) {
    return refuse(language, "refusal.noContract", { vtSymbol: show(req.vtSymbol) });
  }
  const side = lookup(SIDE_VT2HFT, req.direction);
  if (side === undefined) {
    return refuse(language, "refusal.direction", { direction: show(req.direction) });
  }
  if (req.offset !== Offset.NONE) {
    const consistent =
      (req.direction === Direction.LONG && req.offset === Offset.OPEN) ||
      (req.direction === Direction.SHORT && SELL_OFFSETS.has(req.offset));
    if (!consistent) {
      return refuse(language, "refusal.offset", { offset: show(req.offset), direction: show(req.direction) });
    }
  }
  const orderType = lookup(ORDERTYPE_VT2HFT, req.type);
  if (orderType === undefined) {
    return refuse(language, "refusal.orderType", { type: show(req.type) });
  }
  const exchange = req.exchange === Exchange.SSE ? "SSE" : "SZSE";
  if (!orderTypeAccepted(exchange, orderType)) {
    return refuse(language, "refusal.orderTypeExchange", {
      type: show(req.type),
      vendorType: orderType,
      text: ORDER_TYPE_TEXT[orderType],
      exchange,
    });
  }

  const violations = checkOrderRules(
    {
      direction: req.direction === Direction.LONG ? "LONG" : "SHORT",
      type: orderType === "LMT" ? "LIMIT" : "MARKET",
      price: req.price,
      volume: req.volume,
    },
    contract,
  );
  const first = violations[0];
  if (first !== undefined) {
    return { ok: false, code: `rule.${first.code}`, reason: ruleReason(language, first) };
  }
  const price = orderType === "LMT" ? req.price : 0;
  const volume = req.volume;

  return { ok: true, order: { symbol: `${market}.${req.symbol}`, side, orderType, volume, price } };
}

/**
 * Turns untrusted order input (a REST body, a terminal command) into a core `OrderRequest`,
 * refusing malformed fields with an {@link InputError}. Trading rules (lots, ticks, limits, cash)
 * are not checked here: the gateway and the broker check them and report a REJECTED order.
 *
 * @module
 */
import {
  createOrderRequest,
  Direction,
  type Exchange,
  InvalidFieldError,
  isExchange,
  type OrderRequest,
  OrderType,
  parseVtSymbol,
} from "@tsgate/core";
import { InputError } from "./errors.js";
import { fieldRefusalText } from "./field-refusal.js";
import { exchangeOfCode } from "./shared/exchange-of-code.js";

const SYMBOL_TEXT = /^[0-9A-Za-z]{1,16}$/;

function field(body: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(body, key) ? body[key] : undefined;
}

/** A received value as the refusals show it (`undefined` when nothing came). */
function shown(value: unknown): string {
  return String(JSON.stringify(value));
}

function asNumber(value: unknown, name: string): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new InputError(
      value === undefined
        ? { label: "input.missingNumber", params: { field: name } }
        : { label: "input.notNumber", params: { field: name, got: shown(value) } },
    );
  }
  return n;
}

/** Validates an instrument code and exchange. */
export function parseInstrument(symbol: unknown, exchange: unknown): { symbol: string; exchange: Exchange } {
  if (typeof symbol !== "string" || !SYMBOL_TEXT.test(symbol)) {
    throw new InputError({ label: "input.symbol", params: { got: shown(symbol) } });
  }
  if (typeof exchange !== "string" || !isExchange(exchange)) {
    throw new InputError({ label: "input.exchange", params: { got: shown(exchange) } });
  }
  return { symbol, exchange };
}

/**
 * Validates an instrument typed as a vtSymbol such as `600000.SSE` (exchange in any case), or as a
 * bare A-share code such as `600000` whose code range names the exchange ({@link exchangeOfCode}).
 */
export function parseVtSymbolInput(value: unknown): { symbol: string; exchange: Exchange; vtSymbol: string } {
  if (typeof value !== "string") {
    throw new InputError({ label: "input.instrument", params: { got: shown(value) } });
  }
  const text = value.trim();
  if (!text.includes(".")) {
    const inferred = exchangeOfCode(text);
    if (inferred === undefined) {
      throw new InputError({
        label: "input.instrumentExchange",
        params: { got: shown(text), sse: `${text || "600000"}.SSE`, szse: `${text || "000001"}.SZSE` },
      });
    }
    const checked = parseInstrument(text, inferred);
    return { ...checked, vtSymbol: `${checked.symbol}.${checked.exchange}` };
  }
  const dot = text.lastIndexOf(".");
  let parsed: { symbol: string; exchange: Exchange };
  try {
    parsed = parseVtSymbol(`${text.slice(0, dot)}.${text.slice(dot + 1).toUpperCase()}`);
  } catch {
    throw new InputError({ label: "input.instrumentWithExchange", params: { got: shown(value) } });
  }
  const checked = parseInstrument(parsed.symbol, parsed.exchange);
  return { ...checked, vtSymbol: `${checked.symbol}.${checked.exchange}` };
}

/**
 * Parses the body of `POST /api/order`: `{ symbol, exchange, direction: "LONG"|"SHORT",
 * type: "LIMIT"|"MARKET", price, volume }`.
 */
export function parseOrderBody(body: unknown, reference = "dashboard"): OrderRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new InputError({ label: "input.orderBody" });
  }
  const record = body as Readonly<Record<string, unknown>>;
  const { symbol, exchange } = parseInstrument(field(record, "symbol"), field(record, "exchange"));
  const direction = field(record, "direction");
  if (direction !== Direction.LONG && direction !== Direction.SHORT) {
    throw new InputError({ label: "input.direction", params: { got: shown(direction) } });
  }
  const type = field(record, "type") ?? OrderType.LIMIT;
  if (type !== OrderType.LIMIT && type !== OrderType.MARKET) {
    throw new InputError({ label: "input.orderType", params: { got: shown(type) } });
  }
  const volume = asNumber(field(record, "volume"), "volume");
  const price = type === OrderType.MARKET ? 0 : asNumber(field(record, "price"), "price");
  try {
    return createOrderRequest({ symbol, exchange, direction, type, volume, price, reference });
  } catch (err) {
    // The core factory's own checks (volume > 0, a limit price > 0) are bad input too.
    if (err instanceof InvalidFieldError) throw new InputError(fieldRefusalText(err));
    throw err;
  }
}

import type { Exchange } from "../constants.js";
import { InvalidFieldError } from "../errors.js";
import { isExchange, toVtSymbol } from "../vt-ids.js";
import * as check from "./field-checks.js";

/**
 * A level-1 market snapshot with five levels of depth (vnpy `TickData`).
 *
 * Prices are in the instrument's currency as plain numbers (the gateway converts scaled wire
 * integers once, exactly, at the edge). Depth levels the venue did not send are 0.
 *
 * Like every data object, a tick is a frozen snapshot: build a new one for each update.
 */
export interface TickData {
  /** Name of the gateway that produced the tick. */
  readonly gatewayName: string;
  /** Instrument code at its exchange, e.g. `"600000"`. */
  readonly symbol: string;
  /** Exchange of the instrument. */
  readonly exchange: Exchange;
  /** `${symbol}.${exchange}`, e.g. `"600000.SSE"`. */
  readonly vtSymbol: string;
  /** Exchange time of the snapshot. Not deep-frozen: do not mutate. */
  readonly datetime: Date;
  /** Instrument name, e.g. `"浦发银行"`; empty when the venue does not send it. */
  readonly name: string;
  /** Cumulative traded volume of the day. */
  readonly volume: number;
  /** Cumulative traded value (amount) of the day. */
  readonly turnover: number;
  /** Open interest (derivatives); 0 for cash instruments. */
  readonly openInterest: number;
  /** Last traded price. */
  readonly lastPrice: number;
  /** Volume of the last trade, when the venue sends it. */
  readonly lastVolume: number;
  /** Upper daily price limit (涨停价); 0 when unknown. */
  readonly limitUp: number;
  /** Lower daily price limit (跌停价); 0 when unknown. */
  readonly limitDown: number;
  /** Opening price of the day. */
  readonly openPrice: number;
  /** Highest price of the day. */
  readonly highPrice: number;
  /** Lowest price of the day. */
  readonly lowPrice: number;
  /** Previous close (昨收). */
  readonly preClose: number;
  /** Best bid price. */
  readonly bidPrice1: number;
  /** Second bid price. */
  readonly bidPrice2: number;
  /** Third bid price. */
  readonly bidPrice3: number;
  /** Fourth bid price. */
  readonly bidPrice4: number;
  /** Fifth bid price. */
  readonly bidPrice5: number;
  /** Best ask price. */
  readonly askPrice1: number;
  /** Second ask price. */
  readonly askPrice2: number;
  /** Third ask price. */
  readonly askPrice3: number;
  /** Fourth ask price. */
  readonly askPrice4: number;
  /** Fifth ask price. */
  readonly askPrice5: number;
  /** Volume at the best bid. */
  readonly bidVolume1: number;
  /** Volume at the second bid. */
  readonly bidVolume2: number;
  /** Volume at the third bid. */
  readonly bidVolume3: number;
  /** Volume at the fourth bid. */
  readonly bidVolume4: number;
  /** Volume at the fifth bid. */
  readonly bidVolume5: number;
  /** Volume at the best ask. */
  readonly askVolume1: number;
  /** Volume at the second ask. */
  readonly askVolume2: number;
  /** Volume at the third ask. */
  readonly askVolume3: number;
  /** Volume at the fourth ask. */
  readonly askVolume4: number;
  /** Volume at the fifth ask. */
  readonly askVolume5: number;
  /** Local time the gateway received the snapshot, when it records it. */
  readonly localtime: Date | undefined;
}

/**
 * Input of {@link createTick}: identity and time are required, every other field defaults to
 * 0 (numbers), `""` (name) or `undefined` (localtime). `vtSymbol` is computed.
 */
export type TickInit = Pick<TickData, "gatewayName" | "symbol" | "exchange" | "datetime"> &
  Partial<Omit<TickData, "gatewayName" | "symbol" | "exchange" | "datetime" | "vtSymbol">>;

/**
 * Creates a frozen {@link TickData}, filling `vtSymbol` and defaults.
 *
 * The object literal below lists every field in a fixed order so that all ticks share one
 * hidden class; this keeps creation, freezing and field access fast on the tick path.
 *
 * Every field is checked: identity as in the requests (a code without exchange suffix, a known
 * exchange, a non-empty gateway name), valid dates, and every price, volume and amount a finite
 * number ≥ 0 (0 marks a value the venue did not send). The checks are plain comparisons, cheap
 * enough for every tick.
 *
 * @throws {@link InvalidFieldError} naming the first field that is wrong
 *
 * @example
 * ```ts
 * const tick = createTick({
 *   gatewayName: "HFT", symbol: "600000", exchange: Exchange.SSE, datetime: new Date(),
 *   lastPrice: 7.31, bidPrice1: 7.3, askPrice1: 7.31, bidVolume1: 12000, askVolume1: 800,
 * });
 * tick.vtSymbol; // "600000.SSE"
 * ```
 */
export function createTick(init: TickInit): TickData {
  const tick = tickFields(init);
  if (!isValidTick(tick)) throwFirstProblem(tick);
  return Object.freeze(tick);
}

/**
 * The tick `init` describes, defaults filled in, neither checked nor frozen: what
 * {@link createTick} checks and freezes. Not exported by the package; the benchmarks use it as the
 * unchecked baseline.
 */
export function tickFields(init: TickInit): TickData {
  return {
    gatewayName: init.gatewayName,
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol: toVtSymbol(init.symbol, init.exchange),
    datetime: init.datetime,
    name: init.name ?? "",
    volume: init.volume ?? 0,
    turnover: init.turnover ?? 0,
    openInterest: init.openInterest ?? 0,
    lastPrice: init.lastPrice ?? 0,
    lastVolume: init.lastVolume ?? 0,
    limitUp: init.limitUp ?? 0,
    limitDown: init.limitDown ?? 0,
    openPrice: init.openPrice ?? 0,
    highPrice: init.highPrice ?? 0,
    lowPrice: init.lowPrice ?? 0,
    preClose: init.preClose ?? 0,
    bidPrice1: init.bidPrice1 ?? 0,
    bidPrice2: init.bidPrice2 ?? 0,
    bidPrice3: init.bidPrice3 ?? 0,
    bidPrice4: init.bidPrice4 ?? 0,
    bidPrice5: init.bidPrice5 ?? 0,
    askPrice1: init.askPrice1 ?? 0,
    askPrice2: init.askPrice2 ?? 0,
    askPrice3: init.askPrice3 ?? 0,
    askPrice4: init.askPrice4 ?? 0,
    askPrice5: init.askPrice5 ?? 0,
    bidVolume1: init.bidVolume1 ?? 0,
    bidVolume2: init.bidVolume2 ?? 0,
    bidVolume3: init.bidVolume3 ?? 0,
    bidVolume4: init.bidVolume4 ?? 0,
    bidVolume5: init.bidVolume5 ?? 0,
    askVolume1: init.askVolume1 ?? 0,
    askVolume2: init.askVolume2 ?? 0,
    askVolume3: init.askVolume3 ?? 0,
    askVolume4: init.askVolume4 ?? 0,
    askVolume5: init.askVolume5 ?? 0,
    localtime: init.localtime,
  };
}

/**
 * {@link createTick} for a gateway's tick path: `tick` is a complete {@link TickData} the caller
 * has just built as an object literal, every field in the order of TickData's declaration (so all
 * ticks keep one hidden class) and `vtSymbol` from `toVtSymbol`. It is checked as createTick checks,
 * then that very object is frozen and returned: one object per tick instead of an init object and
 * its copy (issue 22: allocation per tick sets the garbage collector's pace). The caller must
 * not keep or mutate it.
 *
 * @throws {@link InvalidFieldError} naming the first field that is wrong, or `vtSymbol` when it
 *   is not `${symbol}.${exchange}`
 */
export function freezeTick(tick: TickData): TickData {
  if (!isValidTick(tick)) throwFirstProblem(tick, "freezeTick");
  const vtSymbol = toVtSymbol(tick.symbol, tick.exchange);
  if (tick.vtSymbol !== vtSymbol)
    throw new InvalidFieldError("freezeTick", "vtSymbol", JSON.stringify(vtSymbol), tick.vtSymbol);
  return Object.freeze(tick);
}

const nn = check.isNonNegative;

// The fast path: one expression of plain property reads on the one hidden class every tick has
// (a loop over field names costs several times more). It must list every number field;
// throwFirstProblem below is the slow path that names the field, and a test sets each number
// field of a tick to -1 to prove both agree.
function isValidTick(t: TickData): boolean {
  return (
    typeof t.gatewayName === "string" &&
    t.gatewayName !== "" &&
    check.isBareSymbol(t.symbol) &&
    isExchange(t.exchange) &&
    check.isValidDate(t.datetime) &&
    (t.localtime === undefined || check.isValidDate(t.localtime)) &&
    typeof t.name === "string" &&
    nn(t.volume) &&
    nn(t.turnover) &&
    nn(t.openInterest) &&
    nn(t.lastPrice) &&
    nn(t.lastVolume) &&
    nn(t.limitUp) &&
    nn(t.limitDown) &&
    nn(t.openPrice) &&
    nn(t.highPrice) &&
    nn(t.lowPrice) &&
    nn(t.preClose) &&
    nn(t.bidPrice1) &&
    nn(t.bidPrice2) &&
    nn(t.bidPrice3) &&
    nn(t.bidPrice4) &&
    nn(t.bidPrice5) &&
    nn(t.askPrice1) &&
    nn(t.askPrice2) &&
    nn(t.askPrice3) &&
    nn(t.askPrice4) &&
    nn(t.askPrice5) &&
    nn(t.bidVolume1) &&
    nn(t.bidVolume2) &&
    nn(t.bidVolume3) &&
    nn(t.bidVolume4) &&
    nn(t.bidVolume5) &&
    nn(t.askVolume1) &&
    nn(t.askVolume2) &&
    nn(t.askVolume3) &&
    nn(t.askVolume4) &&
    nn(t.askVolume5)
  );
}

function throwFirstProblem(t: TickData, where = "createTick"): never {
  check.nonEmptyText(where, "gatewayName", t.gatewayName);
  check.symbolCode(where, t.symbol);
  check.exchangeCode(where, t.exchange);
  check.validDate(where, "datetime", t.datetime);
  check.optionalDate(where, "localtime", t.localtime);
  check.text(where, "name", t.name);
  // Every other field is a number.
  for (const [field, value] of Object.entries(t)) {
    if (typeof value !== "string" && !(value instanceof Date) && value !== undefined)
      check.nonNegative(where, field, value as number);
  }
  throw new Error(`${where}: isValidTick and throwFirstProblem disagree`); // unreachable
}

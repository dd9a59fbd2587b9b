/**
 * The field checks every data-object factory runs on its input. Each returns the value it was
 * given, so a factory checks and copies in one expression, and throws {@link InvalidFieldError}
 * naming the factory and the field otherwise.
 *
 * They are plain `typeof` and comparison tests (no schema parse, no allocation on success)
 * because ticks are built with them on the hot path: `bench/factories.bench.ts` measures their cost.
 *
 * @module
 */

import type { Exchange } from "../constants.js";
import {
  ConnectionState,
  Direction,
  GatewaySide,
  LogLevel,
  Offset,
  OrderType,
  Product,
  Status,
} from "../constants.js";
import { InvalidFieldError } from "../errors.js";
import { isExchange } from "../vt-ids.js";

/** A string, possibly empty. */
export function text(where: string, field: string, value: string): string {
  if (typeof value !== "string")
    throw new InvalidFieldError(where, field, "a string", value, { kind: "string" });
  return value;
}

/** A non-empty string. */
export function nonEmptyText(where: string, field: string, value: string): string {
  if (typeof value !== "string" || value === "")
    throw new InvalidFieldError(where, field, "a non-empty string", value, { kind: "nonEmptyString" });
  return value;
}

// Suffixes people append to codes: tsgate/vnpy exchange codes (checked through isExchange) and
// the Wind/Tushare style SH, SZ, BJ. Either way the exchange belongs in its own field.
const FOREIGN_SUFFIXES: ReadonlySet<string> = new Set(["SH", "SZ", "BJ"]);

/**
 * True for an instrument code as the exchange writes it: non-empty, no surrounding spaces, and no
 * exchange suffix (`"600000"`, not `"600000.SSE"`, which would make the vtSymbol
 * `600000.SSE.SSE`). Char-code tests instead of `trim()`: this runs for every tick.
 */
export function isBareSymbol(value: string): boolean {
  if (typeof value !== "string") return false;
  const n = value.length;
  if (n === 0 || value.charCodeAt(0) <= SPACE || value.charCodeAt(n - 1) <= SPACE) return false;
  const dot = value.lastIndexOf(".");
  if (dot === -1) return true;
  if (dot === n - 1) return false; // "600000." would make the vtSymbol "600000..SSE"
  const suffix = value.slice(dot + 1).toUpperCase();
  return !isExchange(suffix) && !FOREIGN_SUFFIXES.has(suffix);
}

const SPACE = 0x20;

/** An instrument code without exchange suffix; see {@link isBareSymbol}. */
export function symbolCode(where: string, value: string): string {
  if (isBareSymbol(value)) return value;
  const dot = typeof value === "string" ? value.lastIndexOf(".") : -1;
  const expected =
    dot > 0 && value.trim() === value
      ? `the code without an exchange suffix (symbol "${value.slice(0, dot)}" and the exchange in its own field)`
      : 'a non-empty code without spaces, e.g. "600000"';
  throw new InvalidFieldError(where, "symbol", expected, value, { kind: "bareSymbol" });
}

/** One of the {@link Exchange} codes. */
export function exchangeCode(where: string, value: Exchange): Exchange {
  if (typeof value !== "string" || !isExchange(value))
    throw new InvalidFieldError(where, "exchange", "an exchange such as SSE or SZSE", value, {
      kind: "exchange",
    });
  return value;
}

/** A finite number (any sign). */
export function finite(where: string, field: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new InvalidFieldError(where, field, "a finite number", value, { kind: "finiteNumber" });
  return value;
}

/** True for a finite number ≥ 0. */
export function isNonNegative(value: number): boolean {
  // `value >= 0` is false for NaN; `< Infinity` rules out +Infinity.
  return typeof value === "number" && value >= 0 && value < Number.POSITIVE_INFINITY;
}

/** True for a valid `Date`. */
export function isValidDate(value: Date): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** A finite number ≥ 0 (prices and volumes that may be absent, written as 0). */
export function nonNegative(where: string, field: string, value: number): number {
  if (!isNonNegative(value))
    throw new InvalidFieldError(where, field, "a finite number ≥ 0", value, { kind: "nonNegativeNumber" });
  return value;
}

/** A finite number > 0. */
export function positive(where: string, field: string, value: number): number {
  if (typeof value !== "number" || !(value > 0 && value < Number.POSITIVE_INFINITY))
    throw new InvalidFieldError(where, field, "a finite number > 0", value, { kind: "positiveNumber" });
  return value;
}

/** An integer (any sign). */
export function integer(where: string, field: string, value: number): number {
  if (!Number.isSafeInteger(value))
    throw new InvalidFieldError(where, field, "an integer", value, { kind: "integer" });
  return value;
}

/** An integer ≥ 0. */
export function nonNegativeInteger(where: string, field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new InvalidFieldError(where, field, "an integer ≥ 0", value, { kind: "nonNegativeInteger" });
  return value;
}

/** An integer > 0. */
export function positiveInteger(where: string, field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new InvalidFieldError(where, field, "a positive integer", value, { kind: "positiveInteger" });
  return value;
}

/** A valid `Date`. */
export function validDate(where: string, field: string, value: Date): Date {
  if (!isValidDate(value))
    throw new InvalidFieldError(where, field, "a valid Date", value, { kind: "validDate" });
  return value;
}

/** A valid `Date`, or `undefined`. */
export function optionalDate(where: string, field: string, value: Date | undefined): Date | undefined {
  return value === undefined ? value : validDate(where, field, value);
}

/** A boolean. */
export function flag(where: string, field: string, value: boolean): boolean {
  if (typeof value !== "boolean")
    throw new InvalidFieldError(where, field, "true or false", value, { kind: "boolean" });
  return value;
}

/** The values of one enumeration object, for fast membership tests. */
function valuesOf<T extends string>(enumeration: Readonly<Record<string, T>>): ReadonlySet<string> {
  return new Set(Object.values(enumeration));
}

/** Values of {@link Direction}. */
export const DIRECTIONS = valuesOf(Direction);
/** Values of {@link Offset}. */
export const OFFSETS = valuesOf(Offset);
/** Values of {@link OrderType}. */
export const ORDER_TYPES = valuesOf(OrderType);
/** Values of {@link Status}. */
export const STATUSES = valuesOf(Status);

/** A checker for the values of one enumeration, e.g. `oneOf(DIRECTIONS)`. */
function oneOf<T extends string>(values: ReadonlySet<string>): (where: string, field: string, value: T) => T {
  const allowed = [...values];
  const expected = `one of ${allowed.join(", ")}`;
  return (where, field, value) => {
    if (typeof value !== "string" || !values.has(value))
      throw new InvalidFieldError(where, field, expected, value, { kind: "oneOf", values: allowed });
    return value;
  };
}

/** One of the {@link Direction} values. */
export const direction = oneOf<Direction>(DIRECTIONS);
/** One of the {@link Offset} values. */
export const offset = oneOf<Offset>(OFFSETS);
/** One of the {@link OrderType} values. */
export const orderType = oneOf<OrderType>(ORDER_TYPES);
/** One of the {@link Status} values. */
export const status = oneOf<Status>(STATUSES);
/** One of the {@link Product} values. */
export const product = oneOf<Product>(valuesOf(Product));
/** One of the {@link LogLevel} values. */
export const logLevel = oneOf<LogLevel>(valuesOf(LogLevel));
/** One of the {@link GatewaySide} values. */
export const gatewaySide = oneOf<GatewaySide>(valuesOf(GatewaySide));
/** One of the {@link ConnectionState} values. */
export const connectionState = oneOf<ConnectionState>(valuesOf(ConnectionState));

/** True for a non-empty string. */
export function isNonEmptyText(value: string): boolean {
  return typeof value === "string" && value !== "";
}

/** True for a safe integer ≥ 0. */
export function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

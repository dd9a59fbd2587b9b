import { StrategyError } from "./errors.js";

/** A value a parameter or variable may hold: saved as JSON, shown on the dashboard. */
export type StrategyValue = number | string | boolean;

/** Named parameters or variables of a strategy. */
export type StrategyValues = Record<string, StrategyValue>;

/**
 * Returns `defaults` overridden by `given`, checking that every given key is declared in
 * `defaults` and has the same type (a number stays a finite number).
 *
 * @param what - `"parameter"` or `"variable"`, for the error message
 * @param owner - the strategy name, for the error message
 * @throws {@link StrategyError} `STRATEGY_PARAMETER` naming the field
 */
export function mergeValues<T extends StrategyValues>(
  what: "parameter" | "variable",
  owner: string,
  defaults: T,
  given: Readonly<Record<string, unknown>>,
): T {
  const merged: StrategyValues = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    if (!Object.hasOwn(defaults, key)) {
      const known = Object.keys(defaults);
      throw new StrategyError(
        "STRATEGY_PARAMETER",
        `${owner}: unknown ${what} "${key}" (known: ${known.join(", ") || "none"})`,
        { params: { strategy: owner, kind: what, field: key, problem: "unknown", known } },
      );
    }
    const expected = typeof defaults[key] as "number" | "string" | "boolean";
    const ok = typeof value === expected && (expected !== "number" || Number.isFinite(value));
    if (!ok) {
      const got = String(JSON.stringify(value));
      throw new StrategyError(
        "STRATEGY_PARAMETER",
        `${owner}: ${what} "${key}" expects a ${expected === "number" ? "finite number" : expected}, got ${got}`,
        { params: { strategy: owner, kind: what, field: key, problem: "type", expected, got } },
      );
    }
    merged[key] = value as StrategyValue;
  }
  return merged as T;
}

/**
 * The order checks that need only the contract (and, for the price cage, a quote): volume,
 * order caps, buy lots, price validity, tick, daily limits, cage. Shared by the gateway's
 * pre-send checks and the dashboard's order form, so both refuse the same orders with the same
 * words; the broker checks them again with its live state (cash, holdings, T+1, hours).
 *
 * @module
 */

import { boardOfCode } from "./boards.js";
import { BOARD_NAME, maxOrderVolume } from "./order-caps.js";
import { type CageQuote, type CageRule, cageBounds } from "./price-cage.js";
import { formatPrice, fromPriceUnits, toPriceUnits } from "./price-units.js";

/** Which rule an order breaks. */
export type RuleCode =
  | "volume"
  | "max-volume"
  | "min-buy"
  | "lot"
  | "price"
  | "tick"
  | "limit-up"
  | "limit-down"
  | "cage-buy"
  | "cage-sell";

/** One broken rule: its code and a reason a user can act on. */
export interface RuleViolation {
  readonly code: RuleCode;
  readonly reason: string;
}

/** What the checks need of a contract (a subset of core's `ContractData`), prices in yuan. */
export interface ContractRules {
  /** `600000.SSE`: the code before the dot decides the board's order caps. */
  readonly vtSymbol: string;
  readonly pricetick: number;
  readonly minVolume: number;
  readonly volumeStep: number;
  /** A tighter cap than the board's, when the contract states one. */
  readonly maxVolume?: number | undefined;
  readonly limitUp?: number | undefined;
  readonly limitDown?: number | undefined;
}

/** The order as the checks see it. */
export interface OrderDraft {
  readonly direction: "LONG" | "SHORT";
  readonly type: "LIMIT" | "MARKET";
  /** Yuan; ignored for market orders. */
  readonly price: number;
  readonly volume: number;
}

/** The cage to check a limit order against: the rule in force, the security kind and a quote (units). */
export interface CageCheck {
  readonly rule: CageRule;
  readonly kind: "stock" | "fund" | "bond";
  readonly quote: CageQuote;
}

/** A value as text for a reason; never throws (requests from untyped code may hold anything). */
function show(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return String(value);
  } catch {
    return `(${typeof value})`;
  }
}

/** A positive contract price in units, or `undefined` when the contract has none (or a bad one). */
function contractUnits(price: number | undefined): number | undefined {
  if (typeof price !== "number" || !(price > 0)) return undefined;
  const units = toPriceUnits(price);
  return units !== undefined && units > 0 ? units : undefined;
}

/** The board's cap for the order's type, or the contract's own cap when tighter. */
function capOf(draft: OrderDraft, contract: ContractRules): { cap: number; where: string } {
  const code = show(contract.vtSymbol).split(".")[0] ?? "";
  const board = boardOfCode(code);
  const kind = draft.type === "MARKET" ? "market" : "limit";
  const boardCap = maxOrderVolume(board, kind);
  const own = contract.maxVolume;
  if (typeof own === "number" && Number.isSafeInteger(own) && own > 0 && own < boardCap) {
    return { cap: own, where: "per order" };
  }
  return { cap: boardCap, where: `per ${kind} order on ${BOARD_NAME[board]}` };
}

function checkVolume(draft: OrderDraft, contract: ContractRules): RuleViolation[] {
  const volume = draft.volume;
  if (!Number.isSafeInteger(volume) || volume <= 0) {
    return [{ code: "volume", reason: `volume ${show(volume)} is not a positive whole number of shares` }];
  }
  const out: RuleViolation[] = [];
  const { cap, where } = capOf(draft, contract);
  if (volume > cap) {
    out.push({
      code: "max-volume",
      reason: `volume ${volume} is above the maximum of ${cap} shares ${where}`,
    });
  }
  if (draft.direction === "LONG") {
    const min = contract.minVolume;
    const step = contract.volumeStep > 0 ? contract.volumeStep : 1;
    if (volume < min) {
      out.push({
        code: "min-buy",
        reason: `buy volume ${volume} is below the minimum of ${min} shares for ${show(contract.vtSymbol)}`,
      });
    } else if ((volume - min) % step !== 0) {
      out.push({
        code: "lot",
        reason:
          step === min
            ? `buy volume ${volume} is not a multiple of the lot (${step} shares)`
            : `buy volume ${volume} must be ${min} shares plus steps of ${step}`,
      });
    }
  }
  return out;
}

function checkPrice(
  draft: OrderDraft,
  contract: ContractRules,
  cage: CageCheck | undefined,
): RuleViolation[] {
  const price = draft.price;
  const units = toPriceUnits(price);
  if (units === undefined || units <= 0) {
    return [
      { code: "price", reason: `limit price ${show(price)} is not a positive price with at most 4 decimals` },
    ];
  }
  const out: RuleViolation[] = [];
  const tick = contractUnits(contract.pricetick);
  if (tick !== undefined && units % tick !== 0) {
    out.push({
      code: "tick",
      reason: `price ${formatPrice(price)} is not a multiple of the tick ${formatPrice(contract.pricetick, contract.pricetick)}`,
    });
  }
  const up = contractUnits(contract.limitUp);
  if (up !== undefined && units > up) {
    out.push({
      code: "limit-up",
      reason: `price ${formatPrice(price)} is above the limit-up price ${formatPrice(fromPriceUnits(up), contract.pricetick)} of ${show(contract.vtSymbol)}`,
    });
  }
  const down = contractUnits(contract.limitDown);
  if (down !== undefined && units < down) {
    out.push({
      code: "limit-down",
      reason: `price ${formatPrice(price)} is below the limit-down price ${formatPrice(fromPriceUnits(down), contract.pricetick)} of ${show(contract.vtSymbol)}`,
    });
  }
  if (cage !== undefined && out.length === 0) {
    const { maxBuy, minSell } = cageBounds(cage.rule, cage.kind, cage.quote);
    const held = cage.rule.action === "hold" ? " (the exchange holds it until the cage reaches it)" : "";
    if (draft.direction === "LONG" && units > maxBuy) {
      out.push({
        code: "cage-buy",
        reason: `buy price ${formatPrice(price)} is above the price cage ${formatPrice(fromPriceUnits(maxBuy), contract.pricetick)} of ${show(contract.vtSymbol)}${held}`,
      });
    } else if (draft.direction === "SHORT" && units < minSell) {
      out.push({
        code: "cage-sell",
        reason: `sell price ${formatPrice(price)} is below the price cage ${formatPrice(fromPriceUnits(minSell), contract.pricetick)} of ${show(contract.vtSymbol)}${held}`,
      });
    }
  }
  return out;
}

/**
 * Checks an order against its contract's rules: volume, the board's order cap, buy lots, and for
 * limit orders the price, tick, daily limits and (when `cage` is given: continuous trading with
 * a quote) the price cage.
 *
 * @returns every broken rule in that order; empty when the order may be sent. Never throws.
 */
export function checkOrderRules(
  draft: OrderDraft,
  contract: ContractRules,
  cage?: CageCheck,
): RuleViolation[] {
  const out = checkVolume(draft, contract);
  if (draft.type === "LIMIT") out.push(...checkPrice(draft, contract, cage));
  return out;
}

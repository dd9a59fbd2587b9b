/**
 * The order checks that need only the contract (and, for the price cage, a quote): volume,
 * order caps, buy lots, price validity, tick, daily limits, cage. Shared by the gateway's
 * pre-send checks and the dashboard's order form, so both refuse the same orders with the same
 * words; the broker checks them again with its live state (cash, holdings, T+1, hours).
 *
 * A violation is data (a code and its values); the words, in each language, are in
 * `rule-reasons-*.ts` ({@link ruleReason}), so no reason is fixed to one language here.
 *
 * @module
 */

import { type Board, boardOfCode } from "./boards.js";
import { maxOrderVolume, type OrderKind } from "./order-caps.js";
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

/** What each rule's violation reports, as data: numbers as the order gave them, prices formatted. */
export interface RuleParams {
  /** The volume as given (not a positive whole number). */
  readonly volume: { readonly volume: string };
  /** `board` is undefined when the contract's own, tighter cap applies. */
  readonly "max-volume": {
    readonly volume: number;
    readonly cap: number;
    readonly board: Board | undefined;
    readonly kind: OrderKind;
  };
  readonly "min-buy": { readonly volume: number; readonly min: number; readonly vtSymbol: string };
  /** `step === min`: whole lots; else `min` plus steps of `step` (STAR). */
  readonly lot: { readonly volume: number; readonly min: number; readonly step: number };
  /** The price as given (not positive, or more than 4 decimals). */
  readonly price: { readonly price: string };
  readonly tick: { readonly price: string; readonly tick: string };
  readonly "limit-up": { readonly price: string; readonly limit: string; readonly vtSymbol: string };
  readonly "limit-down": { readonly price: string; readonly limit: string; readonly vtSymbol: string };
  /** `held`: the exchange holds the order until the cage reaches it (SZSE) instead of refusing it. */
  readonly "cage-buy": {
    readonly price: string;
    readonly cage: string;
    readonly vtSymbol: string;
    readonly held: boolean;
  };
  readonly "cage-sell": {
    readonly price: string;
    readonly cage: string;
    readonly vtSymbol: string;
    readonly held: boolean;
  };
}

/** One broken rule: its code and the values a reason names (render it with {@link ruleReason}). */
export type RuleViolation = {
  readonly [C in RuleCode]: { readonly code: C; readonly params: RuleParams[C] };
}[RuleCode];

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
function capOf(
  draft: OrderDraft,
  contract: ContractRules,
): { cap: number; board: Board | undefined; kind: OrderKind } {
  const vtSymbol = show(contract.vtSymbol);
  const dot = vtSymbol.indexOf(".");
  const board = boardOfCode(dot < 0 ? vtSymbol : vtSymbol.slice(0, dot));
  const kind = draft.type === "MARKET" ? "market" : "limit";
  const boardCap = maxOrderVolume(board, kind);
  const own = contract.maxVolume;
  if (typeof own === "number" && Number.isSafeInteger(own) && own > 0 && own < boardCap) {
    return { cap: own, board: undefined, kind };
  }
  return { cap: boardCap, board, kind };
}

function checkVolume(draft: OrderDraft, contract: ContractRules): RuleViolation[] {
  const volume = draft.volume;
  if (!Number.isSafeInteger(volume) || volume <= 0) {
    return [{ code: "volume", params: { volume: show(volume) } }];
  }
  const out: RuleViolation[] = [];
  const { cap, board, kind } = capOf(draft, contract);
  if (volume > cap) out.push({ code: "max-volume", params: { volume, cap, board, kind } });
  if (draft.direction === "LONG") {
    const min = contract.minVolume;
    const step = contract.volumeStep > 0 ? contract.volumeStep : 1;
    if (volume < min) {
      out.push({ code: "min-buy", params: { volume, min, vtSymbol: show(contract.vtSymbol) } });
    } else if ((volume - min) % step !== 0) {
      out.push({ code: "lot", params: { volume, min, step } });
    }
  }
  return out;
}

/** A bound in price units as a reason shows it: with the contract's tick decimals. */
function limitText(units: number, contract: ContractRules): string {
  return formatPrice(fromPriceUnits(units), contract.pricetick);
}

function checkPrice(
  draft: OrderDraft,
  contract: ContractRules,
  cage: CageCheck | undefined,
): RuleViolation[] {
  const price = draft.price;
  const units = toPriceUnits(price);
  if (units === undefined || units <= 0) {
    return [{ code: "price", params: { price: show(price) } }];
  }
  const out: RuleViolation[] = [];
  // Texts are made only for a violation: an order that passes formats nothing (issue 22).
  const tick = contractUnits(contract.pricetick);
  if (tick !== undefined && units % tick !== 0) {
    out.push({
      code: "tick",
      params: { price: formatPrice(price), tick: formatPrice(contract.pricetick, contract.pricetick) },
    });
  }
  const up = contractUnits(contract.limitUp);
  if (up !== undefined && units > up) {
    out.push({
      code: "limit-up",
      params: {
        price: formatPrice(price),
        limit: limitText(up, contract),
        vtSymbol: show(contract.vtSymbol),
      },
    });
  }
  const down = contractUnits(contract.limitDown);
  if (down !== undefined && units < down) {
    out.push({
      code: "limit-down",
      params: {
        price: formatPrice(price),
        limit: limitText(down, contract),
        vtSymbol: show(contract.vtSymbol),
      },
    });
  }
  if (cage !== undefined && out.length === 0) {
    const { maxBuy, minSell } = cageBounds(cage.rule, cage.kind, cage.quote);
    const held = cage.rule.action === "hold";
    if (draft.direction === "LONG" && units > maxBuy) {
      out.push({
        code: "cage-buy",
        params: {
          price: formatPrice(price),
          cage: limitText(maxBuy, contract),
          vtSymbol: show(contract.vtSymbol),
          held,
        },
      });
    } else if (draft.direction === "SHORT" && units < minSell) {
      out.push({
        code: "cage-sell",
        params: {
          price: formatPrice(price),
          cage: limitText(minSell, contract),
          vtSymbol: show(contract.vtSymbol),
          held,
        },
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

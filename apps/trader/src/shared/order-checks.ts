/**
 * The checks the order entry makes before it sends anything: volume in lots, price on the tick and
 * inside the daily limits, from the contract alone. They mirror the gateway's own checks so the
 * user reads the reason next to the form instead of in a REJECTED order; the gateway and the
 * broker still check everything (cash, holdings, T+1) and their reason is shown when they refuse.
 *
 * Prices are compared as integers scaled by 10,000, as on the wire, so 2.01 is on a 0.01 tick
 * although `2.01 * 100` is 200.99999999999997.
 *
 * Pure functions, shared by the browser and the terminal mode.
 *
 * @module
 */
import { formatPrice } from "./price-format.js";

/** Scale of prices on the wire (4 decimals). */
const PRICE_SCALE = 10_000;
/** Tolerance when deciding whether a float has at most 4 decimals. */
const SCALE_EPSILON = 1e-6;

/** What the checks need of a contract (a subset of `ContractData`). */
export interface ContractRules {
  readonly vtSymbol: string;
  readonly pricetick: number;
  readonly minVolume: number;
  readonly volumeStep: number;
  readonly maxVolume?: number | undefined;
  readonly limitUp?: number | undefined;
  readonly limitDown?: number | undefined;
}

/** The order as typed in the form. */
export interface OrderDraft {
  readonly direction: "LONG" | "SHORT";
  readonly type: "LIMIT" | "MARKET";
  readonly price: number;
  readonly volume: number;
}

/** Price scaled by 10,000 as an integer, or `undefined` when it is not finite or has more than 4 decimals. */
export function scalePrice(price: number): number | undefined {
  if (!Number.isFinite(price)) return undefined;
  const raw = price * PRICE_SCALE;
  const units = Math.round(raw);
  return Math.abs(units - raw) > SCALE_EPSILON * PRICE_SCALE ? undefined : units;
}

/**
 * Checks an order draft against its contract.
 *
 * @returns the problems in words a user can act on; empty when the draft may be sent
 */
export function checkOrder(draft: OrderDraft, contract: ContractRules | undefined): string[] {
  const problems: string[] = [];
  if (contract === undefined) {
    problems.push(
      "unknown instrument: pick one from the tick monitor (contracts load after the trade login)",
    );
    return problems;
  }
  const { volume } = draft;
  if (!Number.isSafeInteger(volume) || volume <= 0) {
    problems.push(`volume ${volume} is not a positive whole number of shares`);
  } else {
    if (contract.maxVolume !== undefined && volume > contract.maxVolume) {
      problems.push(`volume ${volume} is above the maximum of ${contract.maxVolume} shares per order`);
    }
    if (draft.direction === "LONG") {
      const step = contract.volumeStep > 0 ? contract.volumeStep : 1;
      if (volume < contract.minVolume) {
        problems.push(`buy volume ${volume} is below the minimum of ${contract.minVolume} shares`);
      } else if ((volume - contract.minVolume) % step !== 0) {
        problems.push(
          step === contract.minVolume
            ? `buy volume ${volume} is not a multiple of the lot (${step} shares)`
            : `buy volume ${volume} must be ${contract.minVolume} shares plus steps of ${step}`,
        );
      }
    }
  }
  if (draft.type === "LIMIT") problems.push(...checkLimitPrice(draft.price, contract));
  return problems;
}

function checkLimitPrice(price: number, contract: ContractRules): string[] {
  const units = scalePrice(price);
  if (units === undefined || units <= 0)
    return [`price ${price} is not a positive price with at most 4 decimals`];
  const problems: string[] = [];
  const tick = contract.pricetick > 0 ? scalePrice(contract.pricetick) : undefined;
  if (tick !== undefined && tick > 0 && units % tick !== 0) {
    problems.push(
      `price ${formatPrice(price)} is not a multiple of the tick ${formatPrice(contract.pricetick, contract.pricetick)}`,
    );
  }
  const up =
    contract.limitUp !== undefined && contract.limitUp > 0 ? scalePrice(contract.limitUp) : undefined;
  if (up !== undefined && units > up) {
    problems.push(
      `price ${formatPrice(price)} is above the limit-up price ${formatPrice(contract.limitUp ?? 0, contract.pricetick)}`,
    );
  }
  const down =
    contract.limitDown !== undefined && contract.limitDown > 0 ? scalePrice(contract.limitDown) : undefined;
  if (down !== undefined && units < down) {
    problems.push(
      `price ${formatPrice(price)} is below the limit-down price ${formatPrice(contract.limitDown ?? 0, contract.pricetick)}`,
    );
  }
  return problems;
}

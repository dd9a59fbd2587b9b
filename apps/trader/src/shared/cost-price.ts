/**
 * The cost price of a position as both UIs show it.
 *
 * Definition: `PositionData.price` from HftGateway is the broker's diluted cost per share
 * (摊薄成本价): every buy adds its amount and fees to the position's cost, every sell takes its
 * proceeds net of fees off it, and the price is that cost over the shares still held. This is
 * how the mock broker books it (packages/mock-server/src/domain/accounts.ts, "diluted cost
 * (摊薄成本), as Chinese brokers show it") and the HFT position record's `cost_price` that the
 * gateway passes through unchanged (hft-gateway trade-side `pushPositions`). It is not the
 * average buying price of the shares left (持仓成本/持仓均价), which sells do not change.
 *
 * Once the sells have returned more than everything the position cost, the diluted cost is zero
 * or negative (e.g. −86.68 after selling 10,000 of 10,100 shares at a profit): not a price
 * anyone could pay. Brokers' apps print that number; here it reads "recovered" (回本) and the
 * number itself stays available (the dashboard's tooltip, the terminal's `--full`).
 *
 * Pure functions, shared by the browser and the terminal mode.
 *
 * @module
 */
import { type LabelLanguage, label } from "./labels/labels.js";
import { formatPrice } from "./price-format.js";

/** The fields of a position the cost column needs (a subset of `PositionData`). */
export interface CostedPosition {
  readonly volume: number;
  /** Diluted cost per share (摊薄成本价). */
  readonly price: number;
}

/**
 * The cost column: the diluted cost to the instrument's tick, the `cost.recovered` label ("已回本",
 * "recovered") when it is zero or below while shares are held, "—" without shares.
 */
export function costPriceText(
  position: CostedPosition,
  pricetick: number | undefined,
  language: LabelLanguage,
): string {
  if (!(position.volume > 0)) return "—";
  if (!(position.price > 0)) return label(language, "cost.recovered");
  return formatPrice(position.price, pricetick);
}

/** The diluted cost in words for a tooltip or `--full`, e.g. "diluted cost −86.68 per share". */
export function costPriceDetail(
  position: CostedPosition,
  pricetick: number | undefined,
  language: LabelLanguage,
): string {
  return label(language, "cost.detail", { price: formatPrice(position.price, pricetick) });
}

import type { Exchange, Product } from "../constants.js";
import * as check from "./field-checks.js";

/** Static trading rules of one instrument (vnpy `ContractData`). */
export interface ContractData {
  /** Name of the gateway that reported the contract. */
  readonly gatewayName: string;
  /** Instrument code at its exchange. */
  readonly symbol: string;
  /** Exchange of the instrument. */
  readonly exchange: Exchange;
  /** `${symbol}.${exchange}`. */
  readonly vtSymbol: string;
  /** Instrument name, e.g. `"浦发银行"`. */
  readonly name: string;
  /** Product class. */
  readonly product: Product;
  /** Contract multiplier; 1 for stocks. */
  readonly size: number;
  /** Minimum price increment, e.g. 0.01 for A-shares. */
  readonly pricetick: number;
  /** Minimum order volume, e.g. 100 for main-board A-share buys, 200 for STAR-market buys. */
  readonly minVolume: number;
  /**
   * Volume increment above `minVolume` (round lot): 100 on the A-share main board, 1 on the STAR
   * market. Defaults to `minVolume`.
   */
  readonly volumeStep: number;
  /** Maximum volume of one order, when the venue has one. */
  readonly maxVolume: number | undefined;
  /** Today's upper price limit (涨停价), when known. */
  readonly limitUp: number | undefined;
  /** Today's lower price limit (跌停价), when known. */
  readonly limitDown: number | undefined;
  /** Whether the gateway holds this contract as one net position (A-share cash accounts: true). */
  readonly netPosition: boolean;
  /** Whether the gateway supports server-side stop orders for it. */
  readonly stopSupported: boolean;
  /** Whether the gateway can provide historical bars for it. */
  readonly historyData: boolean;
}

/**
 * Input of {@link createContract}: `minVolume` defaults to 1, `volumeStep` to `minVolume`,
 * flags to false, optional limits to `undefined`.
 */
export type ContractInit = Pick<
  ContractData,
  "gatewayName" | "symbol" | "exchange" | "name" | "product" | "size" | "pricetick"
> &
  Partial<
    Omit<
      ContractData,
      "gatewayName" | "symbol" | "exchange" | "name" | "product" | "size" | "pricetick" | "vtSymbol"
    >
  >;

/**
 * Creates a frozen {@link ContractData}, filling `vtSymbol` and defaults.
 *
 * Checks every field: a non-empty `gatewayName`, a code without exchange suffix, a known exchange
 * and product, `size` and `pricetick` finite > 0, `minVolume`, `volumeStep` and `maxVolume` (when
 * given) positive integers, limits (when given) finite ≥ 0, flags booleans.
 *
 * @throws {@link InvalidFieldError} naming the first field that is wrong
 */
export function createContract(init: ContractInit): ContractData {
  const where = "createContract";
  const symbol = check.symbolCode(where, init.symbol);
  const exchange = check.exchangeCode(where, init.exchange);
  const minVolume = check.positiveInteger(where, "minVolume", init.minVolume ?? 1);
  const optional = (field: "limitUp" | "limitDown", value: number | undefined) =>
    value === undefined ? value : check.nonNegative(where, field, value);
  return Object.freeze({
    gatewayName: check.nonEmptyText(where, "gatewayName", init.gatewayName),
    symbol,
    exchange,
    vtSymbol: `${symbol}.${exchange}`,
    name: check.text(where, "name", init.name),
    product: check.product(where, "product", init.product),
    size: check.positive(where, "size", init.size),
    pricetick: check.positive(where, "pricetick", init.pricetick),
    minVolume,
    volumeStep: check.positiveInteger(where, "volumeStep", init.volumeStep ?? minVolume),
    maxVolume:
      init.maxVolume === undefined ? undefined : check.positiveInteger(where, "maxVolume", init.maxVolume),
    limitUp: optional("limitUp", init.limitUp),
    limitDown: optional("limitDown", init.limitDown),
    netPosition: check.flag(where, "netPosition", init.netPosition ?? false),
    stopSupported: check.flag(where, "stopSupported", init.stopSupported ?? false),
    historyData: check.flag(where, "historyData", init.historyData ?? false),
  });
}

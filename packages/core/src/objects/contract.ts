import type { Exchange, Product } from "../constants.js";

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

/** Creates a frozen {@link ContractData}, filling `vtSymbol` and defaults. */
export function createContract(init: ContractInit): ContractData {
  const minVolume = init.minVolume ?? 1;
  return Object.freeze({
    gatewayName: init.gatewayName,
    symbol: init.symbol,
    exchange: init.exchange,
    vtSymbol: `${init.symbol}.${init.exchange}`,
    name: init.name,
    product: init.product,
    size: init.size,
    pricetick: init.pricetick,
    minVolume,
    volumeStep: init.volumeStep ?? minVolume,
    maxVolume: init.maxVolume,
    limitUp: init.limitUp,
    limitDown: init.limitDown,
    netPosition: init.netPosition ?? false,
    stopSupported: init.stopSupported ?? false,
    historyData: init.historyData ?? false,
  });
}

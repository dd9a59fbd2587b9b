/**
 * The gateway's contracts: built from the trade server's security base info (the authoritative
 * source: lot, tick, limits) or, when a tick arrives for a code the trade side has not described
 * (yet), from the market server's base info with the exchanges' standard A-share rules.
 *
 * @module
 */

import { type ContractData, createContract, Product } from "@tsgate/core";
import type { BaseInfoEvent, SecurityRecord } from "@tsgate/hft-native";
import { BaseInfoSettle } from "./base-info-settle.js";
import {
  FALLBACK_FUND_TICK,
  FALLBACK_LOT_SIZE,
  FALLBACK_STAR_MIN_VOLUME,
  FALLBACK_STAR_STEP,
  FALLBACK_STOCK_TICK,
  STAR_CODE_PREFIX,
} from "./constants.js";
import { MARKET_HFT2VT, mapProduct, parseVendorSymbol } from "./mappings.js";

/** Where contracts go once made (the gateway's `onContract`). */
export type ContractSink = (contract: ContractData) => void;

/** Contracts by vtSymbol, shared by the trade and market sides. */
export class ContractStore {
  private readonly contracts = new Map<string, ContractData>();
  /** Whether the market side's base info has all come (the vendor path's contracts). */
  readonly baseInfo = new BaseInfoSettle();

  constructor(
    private readonly gatewayName: string,
    private readonly push: ContractSink,
  ) {}

  /** The contract of a vtSymbol (`"600000.SSE"`). */
  get(vtSymbol: string): ContractData | undefined {
    return this.contracts.get(vtSymbol);
  }

  /** Number of contracts known. */
  get size(): number {
    return this.contracts.size;
  }

  /**
   * Builds, stores and pushes the contract of a trade-server security record; `undefined` when
   * its symbol is not `SH.`/`SZ.`.
   */
  addSecurity(record: SecurityRecord): ContractData | undefined {
    const split = parseVendorSymbol(record.symbol);
    if (split === undefined) return undefined;
    const contract = createContract({
      gatewayName: this.gatewayName,
      symbol: split.symbol,
      exchange: split.exchange,
      name: record.name,
      product: mapProduct(record.securityType),
      size: 1,
      pricetick: record.priceTick,
      minVolume: record.minBuyVolume > 0 ? record.minBuyVolume : FALLBACK_LOT_SIZE,
      volumeStep: record.lotSize > 0 ? record.lotSize : FALLBACK_LOT_SIZE,
      limitUp: record.limitUp > 0 ? record.limitUp : undefined,
      limitDown: record.limitDown > 0 ? record.limitDown : undefined,
      netPosition: true,
    });
    this.contracts.set(contract.vtSymbol, contract);
    this.push(contract);
    return contract;
  }

  /**
   * The contract for a market-data base-info event: the existing one if any, else one built
   * from the base info: its tick, lot and minimum when the feed gives them (the vendor's SIP), else
   * standard rules (lots of 100, STAR 200 then steps of 1; tick 0.01 for stocks, 0.001 for funds,
   * ETFs and bonds), stored and pushed.
   */
  addBaseInfo(info: BaseInfoEvent): ContractData {
    this.baseInfo.arrived();
    const exchange = MARKET_HFT2VT[info.market];
    const vtSymbol = `${info.code}.${exchange}`;
    const existing = this.contracts.get(vtSymbol);
    if (existing !== undefined) return existing;
    const product = mapProduct(info.securityType);
    const star = info.code.startsWith(STAR_CODE_PREFIX) && product === Product.EQUITY;
    const contract = createContract({
      gatewayName: this.gatewayName,
      symbol: info.code,
      exchange,
      name: info.name,
      product,
      size: 1,
      // the feed's own tick and lot when it has them (vendor SIP), else the standard rules
      pricetick:
        info.priceTick > 0
          ? info.priceTick
          : product === Product.EQUITY || product === Product.INDEX
            ? FALLBACK_STOCK_TICK
            : FALLBACK_FUND_TICK,
      minVolume:
        info.minBuyVolume > 0 ? info.minBuyVolume : star ? FALLBACK_STAR_MIN_VOLUME : FALLBACK_LOT_SIZE,
      volumeStep: info.lotSize > 0 ? info.lotSize : star ? FALLBACK_STAR_STEP : FALLBACK_LOT_SIZE,
      limitUp: info.limitUp > 0 ? info.limitUp : undefined,
      limitDown: info.limitDown > 0 ? info.limitDown : undefined,
      netPosition: true,
    });
    this.contracts.set(vtSymbol, contract);
    this.push(contract);
    return contract;
  }
}

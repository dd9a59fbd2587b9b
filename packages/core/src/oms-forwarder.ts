import type { GatewaySide } from "./constants.js";
import type { AccountData } from "./objects/account.js";
import type { ContractData } from "./objects/contract.js";
import type { GatewayStatusData } from "./objects/gateway-status.js";
import type { LogData } from "./objects/log.js";
import type { OrderData } from "./objects/order.js";
import type { PositionData } from "./objects/position.js";
import type { TickData } from "./objects/tick.js";
import type { TradeData } from "./objects/trade.js";
import type { OmsReader } from "./oms-reader.js";

/**
 * An {@link OmsReader} that answers every query from the OMS it holds in `oms`: the one place the
 * read API is forwarded, for {@link MainEngine} (its `OmsEngine`) and nats-bridge's client (its
 * local view), so the two cannot drift apart.
 */
export abstract class OmsForwarder implements OmsReader {
  /** The OMS that answers the queries. */
  abstract readonly oms: OmsReader;

  /** See {@link OmsReader.getTick}. */
  getTick(vtSymbol: string): TickData | undefined {
    return this.oms.getTick(vtSymbol);
  }
  /** See {@link OmsReader.getOrder}. */
  getOrder(vtOrderid: string): OrderData | undefined {
    return this.oms.getOrder(vtOrderid);
  }
  /** See {@link OmsReader.getTrade}. */
  getTrade(vtTradeid: string): TradeData | undefined {
    return this.oms.getTrade(vtTradeid);
  }
  /** See {@link OmsReader.getPosition}. */
  getPosition(vtPositionid: string): PositionData | undefined {
    return this.oms.getPosition(vtPositionid);
  }
  /** See {@link OmsReader.getAccount}. */
  getAccount(vtAccountid: string): AccountData | undefined {
    return this.oms.getAccount(vtAccountid);
  }
  /** See {@link OmsReader.getContract}. */
  getContract(vtSymbol: string): ContractData | undefined {
    return this.oms.getContract(vtSymbol);
  }
  /** See {@link OmsReader.getGatewayStatus}. */
  getGatewayStatus(gatewayName: string, side: GatewaySide): GatewayStatusData | undefined {
    return this.oms.getGatewayStatus(gatewayName, side);
  }
  /** See {@link OmsReader.getAllTicks}. */
  getAllTicks(): TickData[] {
    return this.oms.getAllTicks();
  }
  /** See {@link OmsReader.getAllOrders}. */
  getAllOrders(): OrderData[] {
    return this.oms.getAllOrders();
  }
  /** See {@link OmsReader.getAllTrades}. */
  getAllTrades(): TradeData[] {
    return this.oms.getAllTrades();
  }
  /** See {@link OmsReader.getAllPositions}. */
  getAllPositions(): PositionData[] {
    return this.oms.getAllPositions();
  }
  /** See {@link OmsReader.getAllAccounts}. */
  getAllAccounts(): AccountData[] {
    return this.oms.getAllAccounts();
  }
  /** See {@link OmsReader.getAllContracts}. */
  getAllContracts(): ContractData[] {
    return this.oms.getAllContracts();
  }
  /** See {@link OmsReader.getAllGatewayStatuses}. */
  getAllGatewayStatuses(): GatewayStatusData[] {
    return this.oms.getAllGatewayStatuses();
  }
  /** See {@link OmsReader.getAllLogs}. */
  getAllLogs(): LogData[] {
    return this.oms.getAllLogs();
  }
  /** See {@link OmsReader.getAllActiveOrders}. */
  getAllActiveOrders(vtSymbol?: string): OrderData[] {
    return this.oms.getAllActiveOrders(vtSymbol);
  }
}

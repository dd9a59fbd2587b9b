import type { GatewaySide } from "./constants.js";
import type { AccountData } from "./objects/account.js";
import type { ContractData } from "./objects/contract.js";
import type { GatewayStatusData } from "./objects/gateway-status.js";
import type { LogData } from "./objects/log.js";
import type { OrderData } from "./objects/order.js";
import type { PositionData } from "./objects/position.js";
import type { TickData } from "./objects/tick.js";
import type { TradeData } from "./objects/trade.js";

/**
 * The read side of an order management system: the queries a strategy or a UI asks about current
 * state. Implemented by {@link OmsEngine}, forwarded unchanged by {@link MainEngine}, and by
 * nats-bridge's remote view and client, so code written against `OmsReader` runs in-process and
 * over NATS alike.
 *
 * Getters return the latest frozen snapshots; `getAll*` return fresh arrays the caller may keep.
 */
export interface OmsReader {
  /** Latest tick of an instrument, e.g. `getTick("600000.SSE")`. */
  getTick(vtSymbol: string): TickData | undefined;
  /** Latest snapshot of an order, e.g. `getOrder("HFT.1")`. */
  getOrder(vtOrderid: string): OrderData | undefined;
  /** A trade by its vtTradeid, e.g. `getTrade("HFT.T1")`. */
  getTrade(vtTradeid: string): TradeData | undefined;
  /** Latest position by its vtPositionid, e.g. `getPosition("HFT.600000.SSE.NET")`. */
  getPosition(vtPositionid: string): PositionData | undefined;
  /** Latest account by its vtAccountid, e.g. `getAccount("HFT.100001")`. */
  getAccount(vtAccountid: string): AccountData | undefined;
  /** Contract of an instrument, e.g. `getContract("600000.SSE")`. */
  getContract(vtSymbol: string): ContractData | undefined;
  /** Latest status of one side of a gateway. */
  getGatewayStatus(gatewayName: string, side: GatewaySide): GatewayStatusData | undefined;
  /** Latest tick of every instrument seen. */
  getAllTicks(): TickData[];
  /** Every order kept. */
  getAllOrders(): OrderData[];
  /** Every trade kept. */
  getAllTrades(): TradeData[];
  /** Latest position of every position id seen. */
  getAllPositions(): PositionData[];
  /** Latest account of every account id seen. */
  getAllAccounts(): AccountData[];
  /** Every contract seen. */
  getAllContracts(): ContractData[];
  /** Latest status of every gateway side seen. */
  getAllGatewayStatuses(): GatewayStatusData[];
  /** The most recent log messages, oldest first (a bounded number). */
  getAllLogs(): LogData[];
  /** Orders still working (SUBMITTING, NOTTRADED, PARTTRADED), optionally of one instrument. */
  getAllActiveOrders(vtSymbol?: string): OrderData[];
}

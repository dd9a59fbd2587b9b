/**
 * The client's local copy of the gateway host's OMS, rebuilt from a snapshot and the durable
 * stream. Each order, position and account remembers the (epoch, revision) of the update that
 * set it, so a replayed or re-published older update never overwrites a newer one.
 *
 * @module
 */
import {
  type AccountData,
  type ContractData,
  DEFAULT_MAX_LOGS,
  type GatewaySide,
  type GatewayStatusData,
  isActiveOrder,
  type LogData,
  type OmsReader,
  type OrderData,
  type PositionData,
  type TickData,
  type TradeData,
} from "@tsgate/core";

/** Position of an update in the server's history: incarnation (start time) then counter. */
export interface Revision {
  readonly epoch: number;
  readonly rev: number;
}

function newer(a: Revision, b: Revision | undefined): boolean {
  return b === undefined || a.epoch > b.epoch || (a.epoch === b.epoch && a.rev > b.rev);
}

interface Versioned<T> {
  readonly value: T;
  readonly at: Revision;
}

/**
 * Read-only OMS view: core's {@link OmsReader}, as `OmsEngine` answers it. The order bookkeeping
 * follows `OmsEngine`: terminal statuses are final; the last `DEFAULT_MAX_LOGS` logs are kept.
 */
export class OmsView implements OmsReader {
  private readonly ticks = new Map<string, TickData>();
  private readonly orders = new Map<string, Versioned<OrderData>>();
  private readonly trades = new Map<string, TradeData>();
  private readonly positions = new Map<string, Versioned<PositionData>>();
  private readonly accounts = new Map<string, Versioned<AccountData>>();
  private readonly contracts = new Map<string, ContractData>();
  private readonly statuses = new Map<string, GatewayStatusData>();
  private readonly logs: LogData[] = [];

  /** Latest tick of an instrument. */
  getTick(vtSymbol: string): TickData | undefined {
    return this.ticks.get(vtSymbol);
  }
  /** Latest snapshot of an order. */
  getOrder(vtOrderid: string): OrderData | undefined {
    return this.orders.get(vtOrderid)?.value;
  }
  /** A trade by its vtTradeid. */
  getTrade(vtTradeid: string): TradeData | undefined {
    return this.trades.get(vtTradeid);
  }
  /** Latest position by vtPositionid. */
  getPosition(vtPositionid: string): PositionData | undefined {
    return this.positions.get(vtPositionid)?.value;
  }
  /** Latest account by vtAccountid. */
  getAccount(vtAccountid: string): AccountData | undefined {
    return this.accounts.get(vtAccountid)?.value;
  }
  /** Contract of an instrument. */
  getContract(vtSymbol: string): ContractData | undefined {
    return this.contracts.get(vtSymbol);
  }
  /** Latest status of one side of the gateway. */
  getGatewayStatus(gatewayName: string, side: GatewaySide): GatewayStatusData | undefined {
    return this.statuses.get(`${gatewayName}.${side}`);
  }
  /** Latest tick of every instrument seen. */
  getAllTicks(): TickData[] {
    return [...this.ticks.values()];
  }
  /** Every order seen. */
  getAllOrders(): OrderData[] {
    return [...this.orders.values()].map((v) => v.value);
  }
  /** Every trade seen. */
  getAllTrades(): TradeData[] {
    return [...this.trades.values()];
  }
  /** Every position seen. */
  getAllPositions(): PositionData[] {
    return [...this.positions.values()].map((v) => v.value);
  }
  /** Every account seen. */
  getAllAccounts(): AccountData[] {
    return [...this.accounts.values()].map((v) => v.value);
  }
  /** Every contract seen. */
  getAllContracts(): ContractData[] {
    return [...this.contracts.values()];
  }
  /** Latest status of every gateway side seen. */
  getAllGatewayStatuses(): GatewayStatusData[] {
    return [...this.statuses.values()];
  }
  /** The most recent log messages, oldest first (at most `DEFAULT_MAX_LOGS`). */
  getAllLogs(): LogData[] {
    return [...this.logs];
  }
  /** Orders still working, optionally of one instrument. */
  getAllActiveOrders(vtSymbol?: string): OrderData[] {
    return this.getAllOrders().filter(
      (order) => isActiveOrder(order) && (vtSymbol === undefined || order.vtSymbol === vtSymbol),
    );
  }

  /** @internal */
  applyOrder(order: OrderData, at: Revision): void {
    const previous = this.orders.get(order.vtOrderid);
    if (!newer(at, previous?.at)) return;
    if (previous !== undefined && !isActiveOrder(previous.value) && isActiveOrder(order)) return;
    this.orders.set(order.vtOrderid, { value: order, at });
  }
  /** @internal Returns false when the trade was already known. */
  applyTrade(trade: TradeData): boolean {
    if (this.trades.has(trade.vtTradeid)) return false;
    this.trades.set(trade.vtTradeid, trade);
    return true;
  }
  /** @internal */
  applyPosition(position: PositionData, at: Revision): void {
    if (newer(at, this.positions.get(position.vtPositionid)?.at)) {
      this.positions.set(position.vtPositionid, { value: position, at });
    }
  }
  /** @internal */
  applyAccount(account: AccountData, at: Revision): void {
    if (newer(at, this.accounts.get(account.vtAccountid)?.at)) {
      this.accounts.set(account.vtAccountid, { value: account, at });
    }
  }
  /** @internal */
  applyTick(tick: TickData): void {
    this.ticks.set(tick.vtSymbol, tick);
  }
  /** @internal */
  applyContract(contract: ContractData): void {
    this.contracts.set(contract.vtSymbol, contract);
  }
  /** @internal */
  applyStatus(status: GatewayStatusData): void {
    this.statuses.set(`${status.gatewayName}.${status.side}`, status);
  }
  /** @internal */
  applyLog(log: LogData): void {
    this.logs.push(log);
    if (this.logs.length > DEFAULT_MAX_LOGS) this.logs.splice(0, this.logs.length - DEFAULT_MAX_LOGS);
  }
}

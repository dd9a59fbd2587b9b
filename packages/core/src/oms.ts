import type { GatewaySide } from "./constants.js";
import type { EventEngine, EventHandler } from "./event-engine.js";
import {
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_POSITION,
  EVENT_TICK,
  EVENT_TRADE,
} from "./event-types.js";
import type { AccountData } from "./objects/account.js";
import type { ContractData } from "./objects/contract.js";
import type { GatewayStatusData } from "./objects/gateway-status.js";
import type { LogData } from "./objects/log.js";
import { isActiveOrder, type OrderData } from "./objects/order.js";
import type { PositionData } from "./objects/position.js";
import type { TickData } from "./objects/tick.js";
import type { TradeData } from "./objects/trade.js";
import type { OmsReader } from "./oms-reader.js";

/** Options of {@link OmsEngine}. */
export interface OmsEngineOptions {
  /** How many recent log messages to keep for {@link OmsEngine.getAllLogs}. Default 1000; 0 keeps none. */
  readonly maxLogs?: number;
  /**
   * How many finished orders (ALLTRADED, CANCELLED, REJECTED) to keep; beyond it the oldest
   * finished one is forgotten. Default: all (vnpy keeps all). Active orders are always kept.
   * Set a bound in long, busy sessions to keep memory flat.
   */
  readonly maxFinishedOrders?: number;
  /** How many trades to keep; beyond it the oldest is forgotten. Default: all. */
  readonly maxTrades?: number;
}

/** Default number of log messages the OMS keeps. */
export const DEFAULT_MAX_LOGS = 1000;

/**
 * Order management system (vnpy `OmsEngine`): listens on the event engine and keeps the latest
 * tick per instrument, every order, the active orders, every trade, and the latest position,
 * account, contract and gateway status, so that strategies and UIs can query current state.
 *
 * Bookkeeping rules:
 * - an order is in the active set while its status is SUBMITTING, NOTTRADED or PARTTRADED and
 *   leaves it when an update with any other status arrives;
 * - terminal statuses are final: an update that would move an order from ALLTRADED, CANCELLED or
 *   REJECTED back to an active status (a stale or reordered report) is ignored by the OMS;
 * - objects are stored as received (they are frozen snapshots), keyed by their vt ids;
 * - with `maxFinishedOrders` / `maxTrades`, the oldest finished orders and trades beyond the bound
 *   are forgotten (memory stays flat in long sessions); active orders never are.
 */
export class OmsEngine implements OmsReader {
  private readonly ticks = new Map<string, TickData>();
  private readonly orders = new Map<string, OrderData>();
  private readonly activeOrders = new Map<string, OrderData>();
  private readonly trades = new Map<string, TradeData>();
  private readonly positions = new Map<string, PositionData>();
  private readonly accounts = new Map<string, AccountData>();
  private readonly contracts = new Map<string, ContractData>();
  private readonly statuses = new Map<string, GatewayStatusData>();
  private readonly logs: LogData[] = [];
  private readonly maxLogs: number;
  /** vtOrderids of finished orders, oldest first (a Map keeps insertion order). */
  private readonly finished = new Map<string, true>();
  private readonly maxFinishedOrders: number;
  private readonly maxTrades: number;
  private readonly eventEngine: EventEngine;
  private readonly registrations: ReadonlyArray<readonly [string, EventHandler]>;

  /**
   * Registers the OMS handlers on `eventEngine`.
   *
   * @param eventEngine - the engine gateways publish on
   * @param options - log retention
   */
  constructor(eventEngine: EventEngine, options: OmsEngineOptions = {}) {
    this.eventEngine = eventEngine;
    this.maxLogs = Math.max(0, options.maxLogs ?? DEFAULT_MAX_LOGS);
    this.maxFinishedOrders = Math.max(0, options.maxFinishedOrders ?? Number.POSITIVE_INFINITY);
    this.maxTrades = Math.max(0, options.maxTrades ?? Number.POSITIVE_INFINITY);
    const registrations: Array<readonly [string, EventHandler]> = [];
    const on = <T extends string>(type: T, handler: EventHandler<T>): void => {
      eventEngine.register(type, handler);
      registrations.push([type, handler as unknown as EventHandler]);
    };
    on(EVENT_TICK, (event) => this.processTick(event.data));
    on(EVENT_ORDER, (event) => this.processOrder(event.data));
    on(EVENT_TRADE, (event) => this.processTrade(event.data));
    on(EVENT_POSITION, (event) => this.processPosition(event.data));
    on(EVENT_ACCOUNT, (event) => this.processAccount(event.data));
    on(EVENT_CONTRACT, (event) => this.processContract(event.data));
    on(EVENT_GATEWAY_STATUS, (event) => this.processStatus(event.data));
    on(EVENT_LOG, (event) => this.processLog(event.data));
    this.registrations = registrations;
  }

  /** Unregisters the OMS from the event engine; its data stays queryable. */
  dispose(): void {
    for (const [type, handler] of this.registrations) this.eventEngine.unregister(type, handler);
  }

  /**
   * Forgets the orders, trades, positions and accounts of one gateway, e.g. after it was connected
   * to another account: the old account's objects would otherwise stay (and stay "active") for
   * ever. Ticks, contracts, statuses and logs are kept.
   */
  clearGateway(gatewayName: string): void {
    const ofGateway = <T extends { readonly gatewayName: string }>(map: Map<string, T>): void => {
      for (const [key, value] of map) if (value.gatewayName === gatewayName) map.delete(key);
    };
    ofGateway(this.orders);
    ofGateway(this.activeOrders);
    ofGateway(this.trades);
    ofGateway(this.positions);
    ofGateway(this.accounts);
    for (const vtOrderid of this.finished.keys()) {
      if (!this.orders.has(vtOrderid)) this.finished.delete(vtOrderid);
    }
  }

  /** Latest tick of an instrument, e.g. `getTick("600000.SSE")`. */
  getTick(vtSymbol: string): TickData | undefined {
    return this.ticks.get(vtSymbol);
  }

  /** Latest snapshot of an order, e.g. `getOrder("HFT.1")`. */
  getOrder(vtOrderid: string): OrderData | undefined {
    return this.orders.get(vtOrderid);
  }

  /** A trade by its vtTradeid. */
  getTrade(vtTradeid: string): TradeData | undefined {
    return this.trades.get(vtTradeid);
  }

  /** Latest position by its vtPositionid, e.g. `getPosition("HFT.600000.SSE.NET")`. */
  getPosition(vtPositionid: string): PositionData | undefined {
    return this.positions.get(vtPositionid);
  }

  /** Latest account by its vtAccountid, e.g. `getAccount("HFT.100001")`. */
  getAccount(vtAccountid: string): AccountData | undefined {
    return this.accounts.get(vtAccountid);
  }

  /** Contract of an instrument by vtSymbol. */
  getContract(vtSymbol: string): ContractData | undefined {
    return this.contracts.get(vtSymbol);
  }

  /** Latest status of one side of a gateway. */
  getGatewayStatus(gatewayName: string, side: GatewaySide): GatewayStatusData | undefined {
    return this.statuses.get(`${gatewayName}.${side}`);
  }

  /** Latest tick of every instrument seen. */
  getAllTicks(): TickData[] {
    return [...this.ticks.values()];
  }

  /** Latest snapshot of every order seen. */
  getAllOrders(): OrderData[] {
    return [...this.orders.values()];
  }

  /** Every trade seen. */
  getAllTrades(): TradeData[] {
    return [...this.trades.values()];
  }

  /** Latest snapshot of every position seen. */
  getAllPositions(): PositionData[] {
    return [...this.positions.values()];
  }

  /** Latest snapshot of every account seen. */
  getAllAccounts(): AccountData[] {
    return [...this.accounts.values()];
  }

  /** Every contract seen. */
  getAllContracts(): ContractData[] {
    return [...this.contracts.values()];
  }

  /** Latest status of every gateway side seen. */
  getAllGatewayStatuses(): GatewayStatusData[] {
    return [...this.statuses.values()];
  }

  /** The most recent log messages, oldest first (at most `maxLogs`). */
  getAllLogs(): LogData[] {
    return [...this.logs];
  }

  /**
   * Orders still working (SUBMITTING, NOTTRADED, PARTTRADED), optionally only those of one
   * instrument.
   */
  getAllActiveOrders(vtSymbol?: string): OrderData[] {
    const active = [...this.activeOrders.values()];
    return vtSymbol === undefined ? active : active.filter((order) => order.vtSymbol === vtSymbol);
  }

  private processTick(tick: TickData): void {
    this.ticks.set(tick.vtSymbol, tick);
  }

  private processOrder(order: OrderData): void {
    const previous = this.orders.get(order.vtOrderid);
    const active = isActiveOrder(order);
    if (previous !== undefined && !isActiveOrder(previous) && active) return;
    this.orders.set(order.vtOrderid, order);
    if (active) {
      this.activeOrders.set(order.vtOrderid, order);
      return;
    }
    this.activeOrders.delete(order.vtOrderid);
    this.finished.set(order.vtOrderid, true);
    if (this.finished.size > this.maxFinishedOrders) {
      const oldest = this.finished.keys().next().value as string;
      this.finished.delete(oldest);
      this.orders.delete(oldest);
    }
  }

  private processTrade(trade: TradeData): void {
    this.trades.set(trade.vtTradeid, trade);
    if (this.trades.size > this.maxTrades) this.trades.delete(this.trades.keys().next().value as string);
  }

  private processPosition(position: PositionData): void {
    this.positions.set(position.vtPositionid, position);
  }

  private processAccount(account: AccountData): void {
    this.accounts.set(account.vtAccountid, account);
  }

  private processContract(contract: ContractData): void {
    this.contracts.set(contract.vtSymbol, contract);
  }

  private processStatus(status: GatewayStatusData): void {
    this.statuses.set(`${status.gatewayName}.${status.side}`, status);
  }

  private processLog(log: LogData): void {
    if (this.maxLogs === 0) return;
    this.logs.push(log);
    if (this.logs.length > this.maxLogs) this.logs.splice(0, this.logs.length - this.maxLogs);
  }
}

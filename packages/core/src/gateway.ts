import type { Exchange } from "./constants.js";
import { ConnectionState, GatewaySide, LogLevel } from "./constants.js";
import { InvalidArgumentError } from "./errors.js";
import type { EventEngine } from "./event-engine.js";
import {
  EVENT_ACCOUNT,
  EVENT_CONTRACT,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EVENT_ORDER,
  EVENT_POSITION,
  EVENT_TICK,
  EVENT_TRADE,
  type EventData,
} from "./event-types.js";
import type { AccountData } from "./objects/account.js";
import type { ContractData } from "./objects/contract.js";
import { createGatewayStatus, type GatewayStatusData } from "./objects/gateway-status.js";
import { createLog, type LogData } from "./objects/log.js";
import type { OrderData } from "./objects/order.js";
import type { PositionData } from "./objects/position.js";
import type { CancelRequest, OrderRequest, SubscribeRequest } from "./objects/requests.js";
import type { TickData } from "./objects/tick.js";
import type { TradeData } from "./objects/trade.js";
import { ResettingCache } from "./resetting-cache.js";
import type { SettingDefaults } from "./settings.js";

/** Settings as given to {@link BaseGateway.connect}: a flat record, validated by the gateway. */
export type GatewaySetting = Readonly<Record<string, unknown>>;

/**
 * A concrete gateway class, as taken by `MainEngine.addGateway`: constructible with an event
 * engine and an optional name, and carrying the static contract fields.
 */
export interface GatewayClass<G extends BaseGateway = BaseGateway, O = never> {
  /**
   * Creates the gateway; `gatewayName` defaults to {@link GatewayClass.defaultName}. `options`
   * are the gateway's own constructor options (an order journal, test hooks), passed through by
   * `MainEngine.addGateway`.
   */
  new (eventEngine: EventEngine, gatewayName?: string, options?: O): G;
  /** Name used when none is given, e.g. `"HFT"`. */
  readonly defaultName: string;
  /** Every accepted setting key with its default value. */
  readonly defaultSetting: SettingDefaults;
  /** Exchanges the gateway trades. */
  readonly exchanges: readonly Exchange[];
}

type TickEventType = `${typeof EVENT_TICK}${string}`;
const tickEventType = (vtSymbol: string): TickEventType => `${EVENT_TICK}${vtSymbol}`;
/** Most per-symbol tick types a gateway keeps (SSE + SZSE list ~12,000 codes). */
const TICK_TYPE_CACHE_MAX = 50_000;

/**
 * The contract every gateway implements (vnpy `BaseGateway`): a class that connects to one
 * broker/venue, translates requests into the venue's API, and publishes what comes back as
 * frozen data objects on the {@link EventEngine}.
 *
 * **Non-blocking.** No method waits for the network. `connect()` validates its settings, starts
 * connecting and returns; login results, contracts, account, positions, orders and trades arrive
 * later as events. `sendOrder()` returns the new `vtOrderid` at once (the order is pushed as
 * SUBMITTING); acceptance, rejection and fills arrive as order and trade events. Failures after a
 * method returns are reported as events (an order REJECTED with its `statusMsg`, a log, a status
 * change), never as exceptions thrown into the event loop.
 *
 * **Immutable pushes.** Every object passed to a pusher must be a fresh frozen snapshot (use the
 * `create*` factories and `updateOrder`); never mutate an object after pushing it.
 *
 * **Process lifetime.** A gateway must hold a ref'd handle (socket, timer) while it is connected,
 * if its transport does not already, and release everything in `close()`.
 *
 * @example
 * ```ts
 * class PaperGateway extends BaseGateway {
 *   static override defaultName = "PAPER";
 *   static override defaultSetting = { 账号: "", 资金: 1_000_000 };
 *   static override exchanges = [Exchange.SSE, Exchange.SZSE];
 *
 *   connect(setting: GatewaySetting): void {
 *     const s = validateSettings(PaperGateway.defaultSetting, setting, { 账号: { nonEmpty: true } });
 *     this.onAccount(createAccount({ gatewayName: this.gatewayName, accountid: s.账号, balance: s.资金 }));
 *     this.writeStatus(GatewaySide.TRADE, ConnectionState.CONNECTED);
 *   }
 *   // ... close, subscribe, sendOrder, cancelOrder, queryAccount, queryPosition
 * }
 * ```
 */
export abstract class BaseGateway {
  /** Name used when none is given to the constructor, e.g. `"HFT"`. Subclasses override it. */
  static defaultName = "";
  /**
   * Every setting key the gateway accepts with its default value (vnpy `default_setting`).
   * Subclasses override it; the value types drive {@link validateSettings}.
   */
  static defaultSetting: SettingDefaults = {};
  /** Exchanges the gateway trades. Subclasses override it. */
  static exchanges: readonly Exchange[] = [];

  /** The engine this gateway publishes on. */
  readonly eventEngine: EventEngine;
  /** `eTick.<vtSymbol>` per vtSymbol, so a tick builds no type string. */
  private readonly tickTypes = new ResettingCache<string, TickEventType>(TICK_TYPE_CACHE_MAX);
  /** This instance's name; prefixes its vtOrderids, vtTradeids and vtAccountids. */
  readonly gatewayName: string;

  /**
   * @param eventEngine - where to publish events
   * @param gatewayName - instance name; defaults to the class's `defaultName`
   * @throws {@link InvalidArgumentError} when the resulting name is empty or contains a dot
   *   (a dot would make vt ids ambiguous)
   */
  constructor(eventEngine: EventEngine, gatewayName?: string) {
    const name = gatewayName ?? this.defaultName;
    if (name === "" || name.includes(".")) {
      throw new InvalidArgumentError(
        `Gateway name must be non-empty and contain no "."; got ${JSON.stringify(name)} (set static defaultName or pass a name)`,
      );
    }
    this.eventEngine = eventEngine;
    this.gatewayName = name;
  }

  /** The class's {@link BaseGateway.defaultName}. */
  get defaultName(): string {
    return (this.constructor as typeof BaseGateway).defaultName;
  }

  /** The class's {@link BaseGateway.defaultSetting}. */
  get defaultSetting(): SettingDefaults {
    return (this.constructor as typeof BaseGateway).defaultSetting;
  }

  /** The class's {@link BaseGateway.exchanges}. */
  get exchanges(): readonly Exchange[] {
    return (this.constructor as typeof BaseGateway).exchanges;
  }

  /** vnpy-style accessor for {@link BaseGateway.defaultSetting}. */
  getDefaultSetting(): SettingDefaults {
    return this.defaultSetting;
  }

  /**
   * Validates `setting` (throwing `SettingsError` synchronously for bad input) and starts
   * connecting. Returns once connecting has started; progress is reported through
   * {@link BaseGateway.writeStatus}, logs and data events.
   */
  abstract connect(setting: GatewaySetting): void;

  /**
   * Disconnects and releases every resource (sockets, native handles, timers). May return a
   * promise that settles once everything is released; must not throw for an unconnected gateway.
   */
  abstract close(): void | Promise<void>;

  /** Subscribes to market data; allowed before the connection is up (the gateway queues it). */
  abstract subscribe(req: SubscribeRequest): void;

  /**
   * Sends an order and returns its `vtOrderid` at once, after pushing the order as SUBMITTING
   * (or REJECTED, with a `statusMsg`, when local checks fail).
   */
  abstract sendOrder(req: OrderRequest): string;

  /** Requests cancellation; the outcome arrives as an order event. */
  abstract cancelOrder(req: CancelRequest): void;

  /** Requests a fresh account snapshot; the result arrives as account events. */
  abstract queryAccount(): void;

  /** Requests fresh positions; results arrive as position events. */
  abstract queryPosition(): void;

  /** Publishes any event on the engine. The pushers below use it. */
  onEvent<T extends string>(type: T, data: EventData<T>): void {
    this.eventEngine.put({ type, data });
  }

  /** Publishes a tick as `eTick.` and `eTick.<vtSymbol>`. */
  onTick(tick: TickData): void {
    this.onEvent(EVENT_TICK, tick);
    this.onEvent(this.tickTypes.get(tick.vtSymbol, tickEventType), tick);
  }

  /** Publishes a trade as `eTrade.` and `eTrade.<vtSymbol>`. */
  onTrade(trade: TradeData): void {
    this.onEvent(EVENT_TRADE, trade);
    this.onEvent(`${EVENT_TRADE}${trade.vtSymbol}`, trade);
  }

  /** Publishes an order snapshot as `eOrder.` and `eOrder.<vtOrderid>`. */
  onOrder(order: OrderData): void {
    this.onEvent(EVENT_ORDER, order);
    this.onEvent(`${EVENT_ORDER}${order.vtOrderid}`, order);
  }

  /** Publishes a position as `ePosition.` and `ePosition.<vtSymbol>`. */
  onPosition(position: PositionData): void {
    this.onEvent(EVENT_POSITION, position);
    this.onEvent(`${EVENT_POSITION}${position.vtSymbol}`, position);
  }

  /** Publishes an account as `eAccount.` and `eAccount.<vtAccountid>`. */
  onAccount(account: AccountData): void {
    this.onEvent(EVENT_ACCOUNT, account);
    this.onEvent(`${EVENT_ACCOUNT}${account.vtAccountid}`, account);
  }

  /** Publishes a contract as `eContract.`. */
  onContract(contract: ContractData): void {
    this.onEvent(EVENT_CONTRACT, contract);
  }

  /** Publishes a log as `eLog`. */
  onLog(log: LogData): void {
    this.onEvent(EVENT_LOG, log);
  }

  /** Publishes a connection state change as `eGatewayStatus.` and `eGatewayStatus.<gatewayName>`. */
  onStatus(status: GatewayStatusData): void {
    this.onEvent(EVENT_GATEWAY_STATUS, status);
    this.onEvent(`${EVENT_GATEWAY_STATUS}${status.gatewayName}`, status);
  }

  /**
   * Writes a log message from this gateway. Never put secrets in `msg`.
   *
   * @param msg - the message
   * @param level - severity, default INFO
   */
  writeLog(msg: string, level: LogLevel = LogLevel.INFO): void {
    this.onLog(createLog({ gatewayName: this.gatewayName, msg, level }));
  }

  /**
   * Reports a connection state change of one side of this gateway.
   *
   * @param side - TRADE or MARKET
   * @param state - the new state
   * @param msg - why, in words a user can act on
   */
  writeStatus(side: GatewaySide, state: ConnectionState, msg = ""): void {
    this.onStatus(createGatewayStatus({ gatewayName: this.gatewayName, side, state, msg }));
  }

  /**
   * Reports the gateway READY: the TRADE side is connected and what the gateway loads after login
   * (contracts, account, positions, orders and trades) has been pushed. Call it once those pushes
   * are done, after every (re-)login that leaves the data complete; `MainEngine.waitForReady`
   * and the conformance kit's `ready` check wait for it. A gateway that connects without loading
   * anything calls it right after its CONNECTED status.
   *
   * @param msg - what was loaded, e.g. `"8 contracts, 1 account, 4 positions, 0 orders, 0 trades"`
   */
  writeReady(msg = ""): void {
    this.onStatus(
      createGatewayStatus({
        gatewayName: this.gatewayName,
        side: GatewaySide.TRADE,
        state: ConnectionState.CONNECTED,
        ready: true,
        msg,
      }),
    );
  }
}

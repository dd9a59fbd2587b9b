import {
  createCancelRequest,
  createOrderRequest,
  type Direction,
  EVENT_CONTRACT,
  EVENT_ORDER,
  EVENT_TICK,
  EVENT_TRADE,
  type Event,
  isActiveOrder,
  LogLevel,
  type MainEngine,
  type OrderData,
  OrderType,
  parseVtSymbol,
  type TickData,
  type TradeData,
} from "@tsgate/core";
import type { BarData } from "./bar.js";
import { StrategyError, type StrategyStateProblem } from "./errors.js";
import type { StrategyContext } from "./strategy-context.js";
import { MemoryStrategyStore, type StrategyStore } from "./strategy-store.js";
import type { StrategyClass, StrategyTemplate } from "./strategy-template.js";
import { mergeValues } from "./strategy-values.js";

/** Default of {@link StrategyEngineOptions.readyTimeoutMs}: 30 seconds. */
export const DEFAULT_READY_TIMEOUT_MS = 30_000;

/** Name under which the engine writes its own log lines. */
export const STRATEGY_ENGINE_NAME = "StrategyEngine";

/** Options of {@link StrategyEngine}. */
export interface StrategyEngineOptions {
  /** Where parameters, variables and positions are saved; default in memory. */
  readonly store?: StrategyStore;
  /** How long `initStrategy` waits for the gateway to be ready, in ms. */
  readonly readyTimeoutMs?: number;
}

/**
 * Runs strategies on a `MainEngine` (vnpy `CtaEngine`): add, init, start, stop, remove. Routes
 * each tick to the strategies trading its vtSymbol, and each order and trade to the one
 * strategy that sent the order. Parameters, variables and positions are saved on stop and
 * restored on init through a {@link StrategyStore}.
 *
 * @example
 * ```ts
 * const engine = new StrategyEngine(main, { store: new JsonFileStrategyStore("strategies.json") });
 * engine.addStrategy(MaCrossStrategy, "ma-600000", ["600000.SSE"], { fastWindow: 5 });
 * await engine.initStrategy("ma-600000"); // waits for the contract, subscribes, runs onInit
 * engine.startStrategy("ma-600000");
 * ```
 */
export class StrategyEngine implements StrategyContext {
  private readonly strategies = new Map<string, StrategyTemplate>();
  private readonly settings = new Map<string, Readonly<Record<string, unknown>>>();
  private readonly ownerOfOrder = new Map<string, StrategyTemplate>();
  private readonly ordersOf = new Map<StrategyTemplate, Map<string, OrderData>>();
  private readonly seenTrades = new Set<string>();
  private readonly store: StrategyStore;
  private readonly readyTimeoutMs: number;
  private readonly onTickEvent = (event: Event<typeof EVENT_TICK>) => this.processTick(event.data);
  private readonly onOrderEvent = (event: Event<typeof EVENT_ORDER>) => this.processOrder(event.data);
  private readonly onTradeEvent = (event: Event<typeof EVENT_TRADE>) => this.processTrade(event.data);

  /**
   * @param main - the engine whose gateways, events and OMS the strategies use
   * @param options - state store and readiness timeout
   */
  constructor(
    readonly main: MainEngine,
    options: StrategyEngineOptions = {},
  ) {
    this.store = options.store ?? new MemoryStrategyStore();
    this.readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
    main.eventEngine.register(EVENT_TICK, this.onTickEvent);
    main.eventEngine.register(EVENT_ORDER, this.onOrderEvent);
    main.eventEngine.register(EVENT_TRADE, this.onTradeEvent);
  }

  /**
   * Creates a strategy. Its parameters are its declared defaults, then the saved ones, then
   * `setting`, each checked by name and type.
   *
   * @throws {@link StrategyError} `STRATEGY_EXISTS`, or `STRATEGY_PARAMETER` naming the field
   */
  addStrategy<S extends StrategyTemplate>(
    strategyClass: StrategyClass<S>,
    strategyName: string,
    vtSymbols: readonly string[],
    setting: Readonly<Record<string, unknown>> = {},
  ): S {
    if (this.strategies.has(strategyName)) {
      throw new StrategyError("STRATEGY_EXISTS", `strategy "${strategyName}" is already added`, {
        params: { strategy: strategyName },
      });
    }
    for (const vtSymbol of vtSymbols) parseVtSymbol(vtSymbol);
    const strategy = new strategyClass(this, strategyName, vtSymbols);
    // Checked now so a bad setting fails at add time, not at init.
    mergeValues("parameter", strategyName, strategy.parameters, setting);
    this.strategies.set(strategyName, strategy);
    this.settings.set(strategyName, setting);
    this.ordersOf.set(strategy, new Map());
    return strategy;
  }

  /**
   * Waits until every vtSymbol of the strategy has a contract (the gateway is logged in and
   * knows the instrument), subscribes to them, restores saved state and runs `onInit`.
   *
   * @throws {@link StrategyError} `STRATEGY_NOT_READY` naming the missing vtSymbols after
   *   {@link StrategyEngineOptions.readyTimeoutMs}; `STRATEGY_STATE` when already inited
   */
  async initStrategy(strategyName: string): Promise<void> {
    const strategy = this.getStrategy(strategyName);
    if (strategy.inited) throw this.stateError(strategy, "alreadyInited", "is already inited");
    await this.waitForContracts(strategy);
    const saved = this.store.load(strategyName);
    const setting = this.settings.get(strategyName) ?? {};
    Object.assign(
      strategy.parameters,
      mergeValues("parameter", strategyName, strategy.parameters, { ...saved?.parameters, ...setting }),
    );
    if (saved !== undefined) {
      Object.assign(
        strategy.variables,
        mergeValues("variable", strategyName, strategy.variables, saved.variables),
      );
      strategy.restorePos(saved.pos);
    }
    for (const vtSymbol of strategy.vtSymbols) {
      const contract = this.main.getContract(vtSymbol)!;
      const { symbol, exchange } = parseVtSymbol(vtSymbol);
      this.main.subscribe({ symbol, exchange, vtSymbol }, contract.gatewayName);
    }
    await strategy.onInit();
    strategy.inited = true;
    this.log(strategy, "inited");
  }

  /** Starts trading. @throws {@link StrategyError} `STRATEGY_STATE` unless inited and stopped */
  startStrategy(strategyName: string): void {
    const strategy = this.getStrategy(strategyName);
    if (!strategy.inited) throw this.stateError(strategy, "notInited", "must be inited before it starts");
    if (strategy.trading) throw this.stateError(strategy, "alreadyTrading", "is already trading");
    strategy.trading = true;
    strategy.onStart();
    this.log(strategy, "started");
  }

  /** Stops trading: cancels the strategy's orders, runs `onStop`, saves its state. */
  stopStrategy(strategyName: string): void {
    const strategy = this.getStrategy(strategyName);
    if (!strategy.trading) return;
    this.cancelAll(strategy);
    strategy.trading = false;
    strategy.onStop();
    this.saveState(strategy);
    this.log(strategy, "stopped");
  }

  /** Removes a stopped strategy (its saved state stays). @throws `STRATEGY_STATE` while trading */
  removeStrategy(strategyName: string): void {
    const strategy = this.getStrategy(strategyName);
    if (strategy.trading) throw this.stateError(strategy, "trading", "must be stopped before it is removed");
    this.strategies.delete(strategyName);
    this.settings.delete(strategyName);
    this.ordersOf.delete(strategy);
    for (const [vtOrderid, owner] of this.ownerOfOrder)
      if (owner === strategy) this.ownerOfOrder.delete(vtOrderid);
  }

  /** Saves a strategy's parameters, variables and positions to the store now. */
  saveState(strategy: StrategyTemplate): void {
    this.store.save(strategy.strategyName, {
      parameters: { ...strategy.parameters },
      variables: { ...strategy.variables },
      pos: strategy.getAllPos(),
    });
  }

  /** Stops every strategy and stops listening to events. */
  close(): void {
    for (const name of this.strategies.keys()) this.stopStrategy(name);
    this.main.eventEngine.unregister(EVENT_TICK, this.onTickEvent);
    this.main.eventEngine.unregister(EVENT_ORDER, this.onOrderEvent);
    this.main.eventEngine.unregister(EVENT_TRADE, this.onTradeEvent);
  }

  /** @throws {@link StrategyError} `STRATEGY_NOT_FOUND` listing the known names */
  getStrategy(strategyName: string): StrategyTemplate {
    const strategy = this.strategies.get(strategyName);
    if (strategy === undefined) {
      const known = [...this.strategies.keys()];
      throw new StrategyError(
        "STRATEGY_NOT_FOUND",
        `no strategy "${strategyName}" (known: ${known.join(", ") || "none"})`,
        { params: { strategy: strategyName, known } },
      );
    }
    return strategy;
  }

  /** Names of all strategies, in the order they were added. */
  getAllStrategyNames(): string[] {
    return [...this.strategies.keys()];
  }

  /**
   * The name of the strategy that sent an order, or undefined for orders of anyone else (a host
   * such as the trader app uses it to tell each strategy's fills apart).
   */
  strategyOfOrder(vtOrderid: string): string | undefined {
    return this.ownerOfOrder.get(vtOrderid)?.strategyName;
  }

  /** {@inheritDoc StrategyContext.sendOrder} */
  sendOrder(
    strategy: StrategyTemplate,
    vtSymbol: string,
    direction: Direction,
    price: number,
    volume: number,
  ): string {
    const contract = this.main.getContract(vtSymbol);
    if (contract === undefined) {
      throw new StrategyError(
        "STRATEGY_NOT_READY",
        `${strategy.strategyName}: no contract for ${vtSymbol} yet`,
        { params: { strategy: strategy.strategyName, problem: "noContract", missing: [vtSymbol] } },
      );
    }
    const { symbol, exchange } = parseVtSymbol(vtSymbol);
    const req = createOrderRequest({
      symbol,
      exchange,
      direction,
      type: OrderType.LIMIT,
      volume,
      price,
      reference: strategy.strategyName,
    });
    const vtOrderid = this.main.sendOrder(req, contract.gatewayName);
    // Set before any event of the order can be delivered: the event engine delivers later.
    this.ownerOfOrder.set(vtOrderid, strategy);
    return vtOrderid;
  }

  /** {@inheritDoc StrategyContext.cancelOrder} */
  cancelOrder(strategy: StrategyTemplate, vtOrderid: string): void {
    const order = this.ordersOf.get(strategy)?.get(vtOrderid);
    if (order === undefined || !isActiveOrder(order)) return;
    this.main.cancelOrder(
      createCancelRequest({ orderid: order.orderid, symbol: order.symbol, exchange: order.exchange }),
      order.gatewayName,
    );
  }

  /** {@inheritDoc StrategyContext.cancelAll} */
  cancelAll(strategy: StrategyTemplate): void {
    for (const order of this.getActiveOrders(strategy)) this.cancelOrder(strategy, order.vtOrderid);
  }

  /** {@inheritDoc StrategyContext.getActiveOrders} */
  getActiveOrders(strategy: StrategyTemplate): OrderData[] {
    return [...(this.ordersOf.get(strategy)?.values() ?? [])].filter(isActiveOrder);
  }

  /** {@inheritDoc StrategyContext.getTick} */
  getTick(vtSymbol: string): TickData | undefined {
    return this.main.getTick(vtSymbol);
  }

  /** {@inheritDoc StrategyContext.writeLog} */
  writeLog(strategy: StrategyTemplate, msg: string): void {
    this.main.writeLog(`${strategy.strategyName}: ${msg}`, LogLevel.INFO, STRATEGY_ENGINE_NAME);
  }

  /**
   * Passes a bar to `onBar` of every inited strategy trading its vtSymbol (bar backtests, or a
   * feed of finished bars).
   */
  processBar(bar: BarData): void {
    for (const strategy of this.strategies.values()) {
      if (strategy.inited && strategy.vtSymbols.includes(bar.vtSymbol)) strategy.onBar(bar);
    }
  }

  private processTick(tick: TickData): void {
    for (const strategy of this.strategies.values()) {
      if (strategy.inited && strategy.vtSymbols.includes(tick.vtSymbol)) strategy.onTick(tick);
    }
  }

  private processOrder(order: OrderData): void {
    const strategy = this.ownerOfOrder.get(order.vtOrderid);
    if (strategy === undefined) return;
    const orders = this.ordersOf.get(strategy);
    if (orders === undefined) return;
    if (isActiveOrder(order)) orders.set(order.vtOrderid, order);
    else orders.delete(order.vtOrderid);
    strategy.onOrder(order);
  }

  private processTrade(trade: TradeData): void {
    const strategy = this.ownerOfOrder.get(trade.vtOrderid);
    if (strategy === undefined || this.seenTrades.has(trade.vtTradeid)) return;
    this.seenTrades.add(trade.vtTradeid);
    strategy.applyTrade(trade);
    strategy.onTrade(trade);
  }

  private waitForContracts(strategy: StrategyTemplate): Promise<void> {
    const missing = () => strategy.vtSymbols.filter((s) => this.main.getContract(s) === undefined);
    if (missing().length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onContract = () => {
        if (missing().length > 0) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        const absent = missing();
        reject(
          new StrategyError(
            "STRATEGY_NOT_READY",
            `${strategy.strategyName}: no contract for ${absent.join(", ")} after ${this.readyTimeoutMs} ms; is the gateway connected?`,
            {
              params: {
                strategy: strategy.strategyName,
                problem: "timeout",
                missing: absent,
                timeoutMs: this.readyTimeoutMs,
              },
            },
          ),
        );
      }, this.readyTimeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.main.eventEngine.unregister(EVENT_CONTRACT, onContract);
      };
      this.main.eventEngine.register(EVENT_CONTRACT, onContract);
    });
  }

  private stateError(strategy: StrategyTemplate, problem: StrategyStateProblem, what: string): StrategyError {
    return new StrategyError("STRATEGY_STATE", `strategy "${strategy.strategyName}" ${what}`, {
      params: { strategy: strategy.strategyName, problem },
    });
  }

  private log(strategy: StrategyTemplate, msg: string): void {
    this.writeLog(strategy, msg);
  }
}

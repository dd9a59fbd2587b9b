/**
 * The trading side of the app: the embedded simulator (mock trade and market servers with the
 * demo config) when no external server is given, a MainEngine with the real HftGateway connected
 * through the native simulation library, the subscriptions, and a clean shutdown.
 *
 * @module
 */
import {
  createCancelRequest,
  createSubscribeRequest,
  type GatewaySetting,
  type HaltResult,
  isActiveOrder,
  isTradingState,
  LogLevel,
  MainEngine,
  type OrderRequest,
  type RiskConfigInput,
  type RiskEngine,
  type RiskSnapshot,
} from "@tsgate/core";
import { HftGateway, type Language, parseHftSettings } from "@tsgate/hft-gateway";
import { SqliteJournal } from "@tsgate/journal";
import { demoConfig, type MockConfig, type MockServers, startMockServers } from "@tsgate/mock-server";
import { JsonFileStrategyStore } from "@tsgate/strategy";
import { GATEWAY_NAME } from "./constants.js";
import { ConflictError, InputError, NotFoundError } from "./errors.js";
import { maskSetting, mergeSetting, simulatorSetting } from "./gateway-settings.js";
import { readMockConfigFile } from "./mock-config-file.js";
import { parseVtSymbolInput } from "./order-input.js";
import { PriceHistory } from "./price-history.js";
import { buildSnapshot } from "./server/snapshot.js";
import { label } from "./shared/labels/labels.js";
import type { BacktestReportState, MaskedSettings, ServerMessage, TraderMode } from "./shared/protocol.js";
import { loadBacktestReport } from "./strategies/backtest-report.js";
import { StrategyHost } from "./strategies/strategy-host.js";
import { SubscriptionFailures } from "./subscription-failures.js";
import { traderLanguage } from "./trader-language.js";

/** Options of the embedded simulator. */
export interface SimulatorOptions {
  /** Mock config file (JSON); default: the built-in demo config. */
  readonly configPath?: string;
  /** Trade server port; default 0 (any free port). */
  readonly tradePort?: number;
  /** Market server port; default 0 (any free port). */
  readonly marketPort?: number;
  /** Market simulation seed (default: the config's). */
  readonly seed?: number;
}

/** Options of {@link TraderRuntime.start}. */
export interface TraderRuntimeOptions {
  /** Settings of an external HFT server. Without them the embedded simulator is started. */
  readonly setting?: GatewaySetting;
  /** Options of the embedded simulator (ignored with `setting`). */
  readonly simulator?: SimulatorOptions;
  /**
   * Language of the gateway's log lines and status texts; overrides the `language` of `setting`.
   * Default: the setting's, else LC_ALL / LC_MESSAGES / LANG, else zh-CN (see docs/settings.md).
   */
  readonly language?: Language;
  /**
   * Instruments to subscribe, as vtSymbols. Default: every instrument of the simulator's config
   * (with an external server: the demo config's instruments).
   */
  readonly subscribe?: readonly string[];
  /**
   * An order journal file (SQLite, created when missing): after a restart the gateway continues its
   * order ids, does not push trades twice and rebuilds its orders. Meant for a real server; the
   * embedded simulator starts with fresh books each run.
   */
  readonly journalPath?: string;
  /**
   * Limits of the pre-trade risk engine (`@tsgate/core` `parseRiskConfig`); default `{}`: the
   * defaults, below the exchanges' high-frequency thresholds. With a journal, the day's order and
   * cancel counts are kept in it across restarts.
   */
  readonly risk?: RiskConfigInput;
  /**
   * Strategy files to run (ES modules exporting `StrategyTemplate` subclasses); see
   * docs/strategies.md, "In the trader". A file that cannot be loaded is reported, not fatal.
   */
  readonly strategyFiles?: readonly string[];
  /** Which strategy instances to add, with their symbols and parameters (JSON). */
  readonly strategySettingFile?: string;
  /**
   * A JSON file keeping each strategy's parameters, variables and position across restarts
   * (saved on stop, restored on init); default: in memory only.
   */
  readonly strategyStorePath?: string;
  /** A backtest result (`resultToJson`) shown on the dashboard's report page. */
  readonly backtestReportPath?: string;
}

const LOOPBACK_HOST = "127.0.0.1";

function loadMockConfig(path: string | undefined): MockConfig {
  if (path === undefined) return demoConfig;
  return readMockConfigFile(path);
}

/** The trade server and account settings point at: the objects in the OMS belong to it. */
function accountOf(setting: GatewaySetting): string {
  return ["交易服务器", "交易端口", "机构代号", "营业部代号", "交易用户名"]
    .map((key) => String(setting[key] ?? ""))
    .join("|");
}

function configSymbols(config: MockConfig): string[] {
  return config.instruments.map((inst) => `${inst.code}.${inst.market === "SH" ? "SSE" : "SZSE"}`);
}

/**
 * A running MainEngine + HftGateway (+ the embedded simulator). Changes the dashboard must hear
 * about that are not core events (subscriptions, settings) are announced to {@link onChange}
 * listeners.
 */
export class TraderRuntime {
  /** The engine: gateways, event engine, OMS. */
  readonly mainEngine: MainEngine;
  /** Name of the HftGateway in {@link TraderRuntime.mainEngine}. */
  readonly gatewayName = GATEWAY_NAME;
  /** Recent prices for the chart. */
  readonly history: PriceHistory;
  /** The embedded simulator, when it runs. */
  readonly simulator: MockServers | undefined;
  /** Subscriptions the gateway or the market server refused, with the reason. */
  readonly subscriptionFailures: SubscriptionFailures;
  /** The strategies the trader runs. */
  readonly strategies: StrategyHost;
  /** The backtest report of the report page. */
  readonly backtestReport: BacktestReportState;

  private setting: GatewaySetting;
  private readonly subscriptions = new Set<string>();
  private readonly listeners = new Set<(message: ServerMessage) => void>();
  private closing: Promise<void> | undefined;
  /** The last {@link TraderRuntime.reconnect} in the queue; the next one starts when it ends. */
  private connecting: Promise<void> = Promise.resolve();

  private constructor(
    mainEngine: MainEngine,
    simulator: MockServers | undefined,
    setting: GatewaySetting,
    private readonly journal: SqliteJournal | undefined,
    backtestReport: BacktestReportState,
    strategyStorePath: string | undefined,
  ) {
    this.mainEngine = mainEngine;
    this.simulator = simulator;
    this.setting = setting;
    this.backtestReport = backtestReport;
    this.strategies = new StrategyHost(
      mainEngine,
      (view) => this.emit({ kind: "strategies", data: view }),
      strategyStorePath === undefined ? undefined : new JsonFileStrategyStore(strategyStorePath),
      () => this.language,
    );
    this.history = new PriceHistory(mainEngine.eventEngine);
    this.subscriptionFailures = new SubscriptionFailures(mainEngine.eventEngine, (failures) =>
      this.emit({ kind: "subscriptionFailures", data: failures }),
    );
  }

  /**
   * Starts the simulator (unless `options.setting` is given), the engine and the gateway, connects
   * and subscribes. Returns once connecting has started; the connection's progress arrives as
   * gateway status and log events.
   *
   * @throws `SettingsError` for bad settings, `ConfigError`/{@link InputError} for a bad mock
   *   config, or the mock servers' error when their ports are taken
   */
  static async start(options: TraderRuntimeOptions = {}): Promise<TraderRuntime> {
    let simulator: MockServers | undefined;
    let setting = options.setting;
    let symbols = options.subscribe;
    if (setting === undefined) {
      const config = loadMockConfig(options.simulator?.configPath);
      simulator = await startMockServers({
        config,
        host: LOOPBACK_HOST,
        tradePort: options.simulator?.tradePort ?? 0,
        marketPort: options.simulator?.marketPort ?? 0,
        ...(options.simulator?.seed !== undefined ? { seed: options.simulator.seed } : {}),
      });
      setting = simulatorSetting(config, LOOPBACK_HOST, simulator.tradePort, simulator.marketPort);
      symbols ??= configSymbols(config);
    }
    symbols ??= configSymbols(demoConfig);
    if (options.language !== undefined) setting = { ...setting, language: options.language };
    let runtime: TraderRuntime;
    let journal: SqliteJournal | undefined;
    try {
      if (options.journalPath !== undefined) journal = SqliteJournal.open(options.journalPath);
      const mainEngine = new MainEngine(undefined, {
        risk: options.risk ?? {},
        ...(journal !== undefined ? { riskStore: journal } : {}),
      });
      mainEngine.addGateway(HftGateway, GATEWAY_NAME, journal === undefined ? {} : { journal });
      runtime = new TraderRuntime(
        mainEngine,
        simulator,
        setting,
        journal,
        loadBacktestReport(options.backtestReportPath),
        options.strategyStorePath,
      );
    } catch (err) {
      journal?.close();
      await simulator?.close();
      throw err;
    }
    try {
      await runtime.strategies.load({
        ...(options.strategyFiles !== undefined ? { files: options.strategyFiles } : {}),
        ...(options.strategySettingFile !== undefined ? { settingFile: options.strategySettingFile } : {}),
        defaultVtSymbols: symbols.slice(0, 1),
      });
      runtime.mainEngine.connect(setting, GATEWAY_NAME);
      for (const vtSymbol of symbols) runtime.subscribe(vtSymbol);
    } catch (err) {
      await runtime.close();
      throw err;
    }
    return runtime;
  }

  /** The language of the trader's texts: the current settings' `language`, else the environment's. */
  get language(): Language {
    return traderLanguage(this.setting.language);
  }

  /** Where the gateway is connected: the embedded simulator, or another server. */
  get mode(): TraderMode {
    const sim = this.simulator;
    if (sim === undefined) return "external";
    const s = this.setting;
    const same =
      s.交易服务器 === LOOPBACK_HOST &&
      Number(s.交易端口) === sim.tradePort &&
      s.行情服务器 === LOOPBACK_HOST &&
      Number(s.行情端口) === sim.marketPort;
    return same ? "simulator" : "external";
  }

  /** Subscribed instruments (vtSymbols), in subscription order. */
  get subscriptionList(): string[] {
    return [...this.subscriptions];
  }

  /** The current settings with the passwords blanked. */
  maskedSettings(): MaskedSettings {
    return maskSetting(this.setting, HftGateway.defaultSetting);
  }

  /** Calls `listener` for subscription and settings changes; returns the unsubscribe function. */
  onChange(listener: (message: ServerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Subscribes market data of an instrument such as `600000.SSE` (or `600000`, the exchange
   * inferred from the code). Idempotent, except that a refused subscription is requested again.
   *
   * @returns the vtSymbol subscribed
   */
  subscribe(vtSymbolText: string): string {
    const { symbol, exchange, vtSymbol } = parseVtSymbolInput(vtSymbolText);
    const retry = this.subscriptionFailures.has(vtSymbol);
    if (this.subscriptions.has(vtSymbol) && !retry) return vtSymbol;
    this.subscriptionFailures.clear(vtSymbol);
    this.mainEngine.subscribe(createSubscribeRequest({ symbol, exchange }), this.gatewayName);
    this.subscriptions.add(vtSymbol);
    this.emit({ kind: "subscriptions", data: this.subscriptionList });
    return vtSymbol;
  }

  /** Sends an order; returns its vtOrderid at once (rejections arrive as a REJECTED order). */
  sendOrder(req: OrderRequest): string {
    return this.mainEngine.sendOrder(req, this.gatewayName);
  }

  /** The risk engine (the trader always runs one). */
  get risk(): RiskEngine {
    const risk = this.mainEngine.risk;
    if (risk === undefined) throw new Error("the trader's MainEngine has no risk engine");
    return risk;
  }

  /** The risk engine's state and the usage of every limit. */
  riskSnapshot(): RiskSnapshot {
    return this.risk.snapshot();
  }

  /** The kill switch: HALTED, and a cancel for every working order of every gateway. */
  halt(reason: string): HaltResult {
    return this.risk.halt(reason);
  }

  /**
   * Sets the trading state by hand.
   *
   * @throws {@link InputError} naming the field when `state` is not a trading state
   */
  setTradingState(state: unknown, reason: string): void {
    if (!isTradingState(state))
      throw new InputError({ label: "api.badTradingState", params: { got: String(JSON.stringify(state)) } });
    this.risk.setState(state, reason);
  }

  /**
   * Requests the cancellation of a working order.
   *
   * @throws {@link NotFoundError} for an unknown vtOrderid, {@link ConflictError} when it is no
   *   longer active
   */
  cancelOrder(vtOrderid: string): void {
    const order = this.mainEngine.getOrder(vtOrderid);
    if (order === undefined) throw new NotFoundError({ label: "api.noOrder", params: { id: vtOrderid } });
    if (!isActiveOrder(order)) {
      throw new ConflictError({
        label: "api.notCancellable",
        params: { id: vtOrderid, status: order.status },
      });
    }
    this.mainEngine.cancelOrder(createCancelRequest(order), order.gatewayName);
  }

  /**
   * Connects to another server: the current settings overridden by `submitted` (an empty
   * password keeps the stored one); the gateway is closed and connected again, and the
   * subscriptions are renewed.
   *
   * Calls are applied one at a time in the order they came, each on top of the one before: the
   * gateway ignores a connect while it is connected, so two interleaved calls would leave it on one
   * server while {@link TraderRuntime.maskedSettings} showed the other.
   *
   * @throws `SettingsError` naming each bad key; the current connection is kept then
   */
  reconnect(submitted: unknown): Promise<void> {
    const turn = this.connecting.then(() => this.reconnectNow(submitted));
    // The next call waits for this one to end, whether it worked or not.
    this.connecting = turn.catch(() => {});
    return turn;
  }

  private async reconnectNow(submitted: unknown): Promise<void> {
    const previous = this.setting;
    const next = mergeSetting(previous, submitted);
    // Check everything before closing the working connection, so that a typo does not disconnect.
    parseHftSettings(next);
    await this.mainEngine.getGateway(this.gatewayName).close();
    if (accountOf(next) !== accountOf(previous)) {
      // Another account: the old one's orders, trades and positions must not stay on screen
      // (the gateway forgets them too). Events still queued from the old connection go first.
      await this.mainEngine.eventEngine.flush();
      this.mainEngine.oms.clearGateway(this.gatewayName);
      this.risk.clearGateway(this.gatewayName);
      this.emit({ kind: "snapshot", data: buildSnapshot(this) });
    }
    this.mainEngine.writeLog(
      label(this.language, "log.connecting", {
        trade: `${String(next.交易服务器)}:${String(next.交易端口)}`,
        market: `${String(next.行情服务器)}:${String(next.行情端口)}`,
      }),
    );
    try {
      this.mainEngine.connect(next, this.gatewayName);
      this.setting = next;
    } catch (err) {
      // The gateway refused the settings: go back to the previous server.
      this.mainEngine.connect(previous, this.gatewayName);
      throw err;
    } finally {
      this.resubscribe();
      this.emit({ kind: "settings", data: { settings: this.maskedSettings(), mode: this.mode } });
    }
  }

  private resubscribe(): void {
    for (const vtSymbol of this.subscriptions) {
      const { symbol, exchange } = parseVtSymbolInput(vtSymbol);
      this.mainEngine.subscribe(createSubscribeRequest({ symbol, exchange }), this.gatewayName);
    }
  }

  /** Closes the gateway, the engine and the simulator. Calling it again returns the same promise. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.listeners.clear();
      this.history.dispose();
      // A reconnect under way finishes first, so it does not connect a closed engine.
      await this.connecting;
      this.subscriptionFailures.dispose();
      try {
        this.strategies.close();
        await this.mainEngine.close();
      } catch (err) {
        // The engine's own words, quoted.
        const detail = JSON.stringify((err as Error).message);
        this.mainEngine.writeLog(label(this.language, "log.closeFailed", { detail }), LogLevel.ERROR);
      }
      this.journal?.close();
      await this.simulator?.close();
    })();
    return this.closing;
  }

  private emit(message: ServerMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}

import { InvalidArgumentError } from "../errors.js";
import type { EventEngine } from "../event-engine.js";
import type { BaseGateway, GatewayClass, GatewaySetting } from "../gateway.js";
import type { ContractData } from "../objects/contract.js";
import type { OrderData } from "../objects/order.js";
import type { OrderRequest } from "../objects/requests.js";
import type { TickData } from "../objects/tick.js";
import { parseVtSymbol } from "../vt-ids.js";

/**
 * The checks of the conformance kit, in the order they run. Use these names in
 * the `skip` option of {@link ConformanceOptions}.
 *
 * - `settings`: bad settings make `connect()` throw a `SettingsError` naming the key; `close()` of
 *   a gateway that never connected resolves.
 * - `connect`: contracts (including {@link ConformanceHarness.symbol}), an account, positions,
 *   a CONNECTED status and a log arrive, all well-formed.
 * - `ready`: a TRADE status with `ready: true` (`writeReady()`) follows the contracts, the account
 *   and the positions.
 * - `ticks`: after `subscribe()`, ticks for the symbol arrive on `eTick.` and `eTick.<vtSymbol>`
 *   with ordered depth and sane prices.
 * - `sendOrder`: `sendOrder()` returns the vtOrderid at once; the first order event is SUBMITTING,
 *   then a resting order becomes NOTTRADED.
 * - `fill`: a filling order reaches ALLTRADED through valid transitions, with trades whose volumes
 *   sum to the order's `traded`.
 * - `cancel`: cancelling a resting order ends in CANCELLED.
 * - `cancelFinished`: cancelling a finished order neither throws nor changes it.
 * - `immutability`: every pushed data object is frozen and never changes afterwards; an order
 *   update is a new object.
 * - `close`: `close()` resolves, nothing is published afterwards, and no socket or timer is left
 *   compared with before `connect()`.
 */
export const CONFORMANCE_CHECK_NAMES = Object.freeze([
  "settings",
  "connect",
  "ready",
  "ticks",
  "sendOrder",
  "fill",
  "cancel",
  "cancelFinished",
  "immutability",
  "close",
] as const);

/** Name of one check; see {@link CONFORMANCE_CHECK_NAMES}. */
export type ConformanceCheckName = (typeof CONFORMANCE_CHECK_NAMES)[number];

/**
 * What the kit needs to know about the venue behind the gateway: how to start it, which
 * instrument to use, and which orders rest or fill there.
 *
 * The order functions receive the instrument's contract and the latest tick, so prices can be
 * derived from the live market and the contract's rules (lot, tick, price limits).
 *
 * @example
 * ```ts
 * const harness: ConformanceHarness = {
 *   symbol: "600000.SSE",
 *   start: async () => { servers = await startMockServers({ ... }); },
 *   stop: async () => { await servers.close(); },
 *   // a buy far below the market: accepted, never fills
 *   restingOrder: (contract, tick) => createOrderRequest({
 *     symbol: contract.symbol, exchange: contract.exchange, direction: Direction.LONG,
 *     type: OrderType.LIMIT, volume: contract.minVolume, price: tick.limitDown,
 *   }),
 *   // a buy at the best ask: fills at once
 *   fillingOrder: (contract, tick) => createOrderRequest({
 *     symbol: contract.symbol, exchange: contract.exchange, direction: Direction.LONG,
 *     type: OrderType.LIMIT, volume: contract.minVolume, price: tick.askPrice1,
 *   }),
 * };
 * ```
 */
export interface ConformanceHarness {
  /** vtSymbol of an instrument that exists, is quoted and can be traded, e.g. `"600000.SSE"`. */
  readonly symbol: string;
  /**
   * Starts what the gateway connects to (a mock broker, a simulator). Called once before the
   * checks, before the setting is resolved (so a setting function can read the ports it chose).
   */
  start?(): void | Promise<void>;
  /** Stops what {@link ConformanceHarness.start} started. Called once after the checks. */
  stop?(): void | Promise<void>;
  /** An order that the venue accepts and that does not trade (e.g. a buy far below the market). */
  restingOrder(contract: ContractData, tick: TickData): OrderRequest;
  /** An order that trades completely without further help (or after {@link makeMarketMove}). */
  fillingOrder(contract: ContractData, tick: TickData): OrderRequest;
  /**
   * Optional: makes the market trade through the filling order when it does not fill by itself.
   * Called once, after the filling order was acknowledged, if it is still working. It should not
   * leave timers or sockets behind (the `close` check compares handles with before `connect()`).
   */
  makeMarketMove?(contract: ContractData, tick: TickData, order: OrderData): void | Promise<void>;
}

/** Timeouts of the kit, in milliseconds. Every one is an upper bound, never a speed requirement. */
export interface ConformanceTimeouts {
  /** From `connect()` until contracts, account, positions and a CONNECTED status have arrived. */
  readonly connect: number;
  /** From `subscribe()` until ticks for the symbol arrive. */
  readonly tick: number;
  /** For each order state change awaited (acknowledgement, cancel). */
  readonly order: number;
  /** From sending the filling order until it is ALLTRADED and its trades have arrived. */
  readonly fill: number;
  /** For `close()` to settle. */
  readonly close: number;
  /** For active sockets and timers to fall back to their count before `connect()`, after `close()`. */
  readonly handles: number;
  /**
   * How long to keep watching for events that must not come: after `close()` resolved, after
   * cancelling a finished order, before comparing pushed objects with their first snapshot.
   */
  readonly quietPeriod: number;
  /** For each of `harness.start()` and `harness.stop()`. */
  readonly harness: number;
}

/** Defaults of {@link ConformanceTimeouts}: generous, so slow CI machines pass. */
export const DEFAULT_CONFORMANCE_TIMEOUTS: ConformanceTimeouts = Object.freeze({
  connect: 30_000,
  tick: 30_000,
  order: 15_000,
  fill: 30_000,
  close: 15_000,
  handles: 10_000,
  quietPeriod: 300,
  harness: 60_000,
});

/** A deliberately bad setting and the key its error must name. */
export interface BadSetting {
  /** The whole setting passed to `connect()`. */
  readonly setting: GatewaySetting;
  /** The key whose problem the error must name, e.g. `"交易端口"`. */
  readonly key: string;
}

/** How the kit obtains a gateway: a factory, or a class and optional instance name. */
export type GatewaySource =
  | {
      /** Creates a new, unconnected gateway publishing on `eventEngine`. Called once per session. */
      readonly createGateway: (eventEngine: EventEngine) => BaseGateway;
      readonly gatewayClass?: undefined;
      readonly gatewayName?: undefined;
    }
  | {
      /** The gateway class; instances are created with `new gatewayClass(eventEngine, gatewayName)`. */
      readonly gatewayClass: GatewayClass;
      /** Instance name; defaults to the class's `defaultName`. */
      readonly gatewayName?: string;
      readonly createGateway?: undefined;
    };

/** Options of {@link runGatewayConformance}, {@link runConformanceChecks} and {@link createConformanceSession}. */
export type ConformanceOptions = GatewaySource & {
  /** Names the suite: `gateway conformance: <name>`. */
  readonly name: string;
  /**
   * The setting passed to `connect()`; a function is called after `harness.start()` (to use the
   * ports a mock server picked).
   */
  readonly setting: GatewaySetting | (() => GatewaySetting);
  /** The venue behind the gateway. */
  readonly harness: ConformanceHarness;
  /** Overrides of {@link DEFAULT_CONFORMANCE_TIMEOUTS}. */
  readonly timeouts?: Partial<ConformanceTimeouts>;
  /**
   * Checks to skip, each with the reason (shown in the test title), for capabilities the gateway
   * lacks, e.g. `{ fill: "the venue cannot fill on demand" }`.
   */
  readonly skip?: Partial<Record<ConformanceCheckName, string | true>>;
  /**
   * Whether the account holds positions, so that position events must arrive on connect. Default
   * true. Set false for an empty account: positions are then validated if they come, not awaited.
   */
  readonly expectPositions?: boolean;
  /**
   * Bad settings for the `settings` check. Default: the resolved setting with the first numeric
   * key of `defaultSetting` set to `"not-a-number"`, and with an unknown key added.
   */
  readonly badSettings?: readonly BadSetting[] | ((setting: GatewaySetting) => readonly BadSetting[]);
  /**
   * Whether an error thrown by `connect()` for bad settings is acceptable. Default: a
   * `SettingsError` (code `"SETTINGS_INVALID"`). Gateways that document another error pass a
   * predicate here; the message must still name the key.
   */
  readonly isSettingsError?: (error: unknown) => boolean;
};

/** {@link ConformanceOptions} with defaults applied and the setting resolved. */
export interface ResolvedConformanceOptions {
  /** The suite name given in the options. */
  readonly name: string;
  /**
   * Creates a new, unconnected gateway publishing on `eventEngine`: the given `createGateway`, or
   * `new gatewayClass(eventEngine, gatewayName)`.
   */
  readonly createGateway: (eventEngine: EventEngine) => BaseGateway;
  /** The setting passed to `connect()`, already resolved when it was given as a function. */
  readonly setting: GatewaySetting;
  /** The venue behind the gateway, as given. */
  readonly harness: ConformanceHarness;
  /** `harness.symbol` split into symbol and exchange. */
  readonly instrument: ReturnType<typeof parseVtSymbol>;
  /** {@link DEFAULT_CONFORMANCE_TIMEOUTS} with the given overrides applied, all positive. */
  readonly timeouts: ConformanceTimeouts;
  /** Checks to skip with their reasons; empty when none were given. */
  readonly skip: Partial<Record<ConformanceCheckName, string | true>>;
  /** Whether position events must arrive on connect; default true. */
  readonly expectPositions: boolean;
  /**
   * Returns the bad settings for the `settings` check, given the resolved setting and an
   * unconnected gateway: the given list or function, or by default the setting with the first
   * numeric key of `gateway.defaultSetting` set to `"not-a-number"`, and the setting with
   * {@link UNKNOWN_SETTING_KEY} added.
   */
  readonly badSettings: (setting: GatewaySetting, gateway: BaseGateway) => readonly BadSetting[];
  /**
   * Whether an error thrown by `connect()` for bad settings is acceptable: the given predicate, or
   * by default any `Error` whose `code` is `"SETTINGS_INVALID"` (duck-typed, so a `SettingsError`
   * from another copy of core also passes).
   */
  readonly isSettingsError: (error: unknown) => boolean;
}

/** Key added by the default bad setting that checks unknown keys are rejected. */
export const UNKNOWN_SETTING_KEY = "tsgateConformanceUnknownKey";

/**
 * Applies defaults and resolves the setting (calling it when it is a function).
 *
 * @throws `InvalidArgumentError` for options the kit cannot work with (no gateway source,
 *   a malformed `harness.symbol`, non-positive timeouts)
 */
export function resolveConformanceOptions(options: ConformanceOptions): ResolvedConformanceOptions {
  const createGateway = gatewayFactory(options);
  const instrument = parseVtSymbol(options.harness.symbol);
  const timeouts = { ...DEFAULT_CONFORMANCE_TIMEOUTS, ...options.timeouts };
  for (const [key, value] of Object.entries(timeouts)) {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new InvalidArgumentError(
        `Conformance timeout "${key}" must be a positive number of ms, got ${value}`,
      );
    }
  }
  const setting = typeof options.setting === "function" ? options.setting() : options.setting;
  const given = options.badSettings;
  return {
    name: options.name,
    createGateway,
    setting,
    harness: options.harness,
    instrument,
    timeouts,
    skip: options.skip ?? {},
    expectPositions: options.expectPositions ?? true,
    badSettings:
      given === undefined ? defaultBadSettings : typeof given === "function" ? (s) => given(s) : () => given,
    isSettingsError: options.isSettingsError ?? isCoreSettingsError,
  };
}

function gatewayFactory(options: GatewaySource): (eventEngine: EventEngine) => BaseGateway {
  if (options.createGateway !== undefined) return options.createGateway;
  const gatewayClass = options.gatewayClass;
  if (gatewayClass === undefined) {
    throw new InvalidArgumentError("Conformance options need either createGateway or gatewayClass");
  }
  const gatewayName = options.gatewayName;
  return (eventEngine) => new gatewayClass(eventEngine, gatewayName);
}

// Duck-typed rather than instanceof: the gateway may load another copy of core (ESM vs CJS).
function isCoreSettingsError(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === "SETTINGS_INVALID";
}

function defaultBadSettings(setting: GatewaySetting, gateway: BaseGateway): BadSetting[] {
  const cases: BadSetting[] = [];
  const numericKey = Object.keys(gateway.defaultSetting).find(
    (key) => typeof gateway.defaultSetting[key] === "number",
  );
  if (numericKey !== undefined) {
    cases.push({ setting: { ...setting, [numericKey]: "not-a-number" }, key: numericKey });
  }
  cases.push({ setting: { ...setting, [UNKNOWN_SETTING_KEY]: "x" }, key: UNKNOWN_SETTING_KEY });
  return cases;
}

/**
 * `startMockServers`: one Broker behind a trade server and a market server, a market clock, and
 * the control handle for fault injection.
 */
import { readFileSync } from "node:fs";
import { describeJsonError } from "@tsgate/safe-json";
import {
  type AccountBooks,
  Broker,
  demoConfig,
  type MockConfig,
  type ProgrammaticCounts,
  parseMockConfig,
  type TradeFees,
} from "../domain/index.js";
import { SimClock } from "../domain/sim-clock.js";
import {
  DEFAULT_HEARTBEAT_INTERVAL_MS,
  DEFAULT_HEARTBEAT_TIMEOUT_MS,
  DEFAULT_HOST,
} from "../protocol/constants.js";
import type { RiskLevel } from "../protocol/messages.js";
import { FaultState } from "./faults.js";
import type { ConnectionInfo, FramedServer, ServerSide, Session } from "./framed-server.js";
import { MarketClock } from "./market-clock.js";
import { MarketServer } from "./market-server.js";
import { TradeServer } from "./trade-server.js";

/** Options of {@link startMockServers}. */
export interface MockServerOptions {
  /** A validated config, or the path of a JSON config file. Default: the built-in demo config. */
  config?: MockConfig | string;
  /** Trade server port; 0 (the default) picks a free port. */
  tradePort?: number;
  /** Market server port; 0 (the default) picks a free port. */
  marketPort?: number;
  /** Interface to bind. Default 127.0.0.1. */
  host?: string;
  /** Seed of the market simulation (overrides the config's). */
  seed?: number;
  /** Server heartbeat interval. Default 1000 ms. */
  heartbeatIntervalMs?: number;
  /** Close a connection that sent nothing for this long. Default 5000 ms. */
  heartbeatTimeoutMs?: number;
  /**
   * Market steps per second (each step makes one snapshot per instrument). Default: from the
   * config's `market.tickIntervalMs`. 0 stops the clock: the market moves only through
   * `control.stepMarket()`.
   */
  marketRateHz?: number;
  /** Clock of the broker (default: system time). Not together with `clock`. */
  now?: () => Date;
  /**
   * A simulated clock for the broker: `start` (a date or an ISO time such as
   * `2026-11-27T09:14:00+08:00`) and `speed` (simulated ms per real ms, default 1; 0 = stopped,
   * moved only by `control.advanceClock`). Sessions, cancel windows and the rollover to the next
   * trading day (`realtime` mode) follow it. Not together with `now`.
   */
  clock?: { start: Date | string; speed?: number };
  /** Receives one line per connection, login, order, fill, fault and error. Passwords never appear. */
  log?: (line: string) => void;
}

/** Which connections a fault applies to. Without a filter: all connections of both servers. */
export interface ConnectionFilter {
  side?: ServerSide;
  /** Trade account id or market-data user. */
  principal?: string;
  /** A connection id from {@link MockControl.connections}. */
  id?: number;
}

/** Fault injection and inspection of running mock servers. Every fault is logged. */
export interface MockControl {
  /** Open connections of both servers. */
  connections(): ConnectionInfo[];
  /** Drops matching connections at once (no FIN handshake, no ERROR); returns how many. */
  dropConnections(filter?: ConnectionFilter): number;
  /** Stops reading from and writing to matching connections for `ms`; returns how many. */
  stallConnections(ms: number, filter?: ConnectionFilter): number;
  /** Delays every report by `ms` (0 = off). */
  delayReports(ms: number): void;
  /** Sends every report twice while on. */
  duplicateReports(on: boolean): void;
  /** Swaps adjacent pairs of reports while on. */
  reorderReports(on: boolean): void;
  /** Stops sending market data (the market keeps moving and filling orders). */
  pauseMarketData(): void;
  /**
   * Sends market data again, from the next market step on. Snapshots of the paused period are not
   * sent, nor counted in `mdSeq`.
   */
  resumeMarketData(): void;
  /** The next `n` logins of that side fail with 1005 (trade) or 5005 (market). */
  rejectNextLogins(n: number, side?: ServerSide): void;
  /** The next `n` orders are rejected with 2015. */
  rejectNextOrders(n: number): void;
  /** Closes the listening socket and all connections of a server, reopens it on the same port after `downMs`. */
  restartServer(side: ServerSide, downMs?: number): Promise<void>;
  /** Sends a RISK_NOTIFY to the account's logged-in sessions; returns how many got it. */
  riskNotify(accountId: string, level: RiskLevel, code: number, message: string): number;
  /**
   * Programmatic-trading counters of an account today (orders and cancels accepted for the
   * exchange, instant cancels, peak per second, high-frequency or not).
   */
  programmaticCounts(accountId: string): ProgrammaticCounts;
  /**
   * The broker's books of an account: cash, positions, and the fees paid so far by part
   * (commission, stamp duty, transfer fee; scaled). Throws for an unknown account.
   */
  books(accountId: string): AccountBooks;
  /**
   * Today's fills of an account, each with the parts of its fee (the trade report on the wire
   * carries only the total). Throws for an unknown account.
   */
  tradesWithFees(accountId: string): TradeFees[];
  /** The simulated clock's time and speed; undefined when the broker runs on another clock. */
  clock(): { time: Date; speed: number } | undefined;
  /** Moves the simulated clock forward `ms` at once (throws without a simulated clock). */
  advanceClock(ms: number): void;
  /** Changes the simulated clock's speed (throws without a simulated clock). */
  setClockSpeed(speed: number): void;
  /** Advances the simulated market `n` steps now (resting orders may fill). */
  stepMarket(n?: number): void;
  /** Changes the market rate (steps per second, 0 = stopped). */
  setMarketRate(hz: number): void;
  /** Turns off report delay/duplication/reordering and the market-data pause. */
  resetFaults(): void;
  /**
   * Snapshot counters of the market server: totals over every connection so far, market steps,
   * and per open market connection (`id` as in {@link MockControl.connections}).
   */
  marketStats(): {
    snapshotsSent: number;
    snapshotsDropped: number;
    steps: number;
    connections: { id: number; principal?: string; snapshotsSent: number; snapshotsDropped: number }[];
  };
}

/** Running mock servers. */
export interface MockServers {
  tradePort: number;
  marketPort: number;
  host: string;
  control: MockControl;
  broker: Broker;
  /** Closes both servers, all connections and timers. */
  close(): Promise<void>;
}

function loadConfig(config: MockConfig | string | undefined): MockConfig {
  if (config === undefined) return demoConfig;
  if (typeof config !== "string") return config;
  let text: string;
  try {
    text = readFileSync(config, "utf8");
  } catch (err) {
    throw new Error(`config ${config}: cannot read: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`config ${config}: not valid JSON: ${describeJsonError(err, text)}`);
  }
  return parseMockConfig(json);
}

function matches(s: Session, side: ServerSide, filter: ConnectionFilter): boolean {
  if (filter.side !== undefined && filter.side !== side) return false;
  if (filter.id !== undefined && filter.id !== s.id) return false;
  if (filter.principal !== undefined && filter.principal !== s.principal) return false;
  return true;
}

/** The simulated clock of the `clock` option; an invalid start names the option. */
function simClockOf(option: { start: Date | string; speed?: number }): SimClock {
  const start = option.start instanceof Date ? option.start : new Date(option.start);
  if (Number.isNaN(start.getTime())) {
    throw new Error(
      `clock.start: expected a date or an ISO time such as 2026-11-27T09:14:00+08:00, got ${String(option.start)}`,
    );
  }
  return new SimClock(option.speed === undefined ? { start } : { start, speed: option.speed });
}

function describeFilter(filter: ConnectionFilter): string {
  const parts = Object.entries(filter).map(([k, v]) => `${k}=${v}`);
  return parts.length > 0 ? parts.join(" ") : "all";
}

/**
 * Starts a trade server and a market server around one simulated broker.
 *
 * ```ts
 * const mock = await startMockServers({ seed: 1 });
 * // connect a gateway to 127.0.0.1:mock.tradePort and :mock.marketPort ...
 * mock.control.dropConnections({ side: "trade" });
 * await mock.close();
 * ```
 */
export async function startMockServers(options: MockServerOptions = {}): Promise<MockServers> {
  const config = loadConfig(options.config);
  const userLog = options.log;
  const log = userLog ?? (() => {});
  const brokerOptions: ConstructorParameters<typeof Broker>[1] = {
    onListenerError: (err) => log(`internal error in a report listener: ${String(err)}`),
  };
  if (options.seed !== undefined) brokerOptions.seed = options.seed;
  if (options.now !== undefined && options.clock !== undefined) {
    throw new Error("startMockServers: give either now or clock, not both");
  }
  const simClock = options.clock === undefined ? undefined : simClockOf(options.clock);
  if (options.now !== undefined) brokerOptions.now = options.now;
  if (simClock !== undefined) brokerOptions.now = () => simClock.now();
  const broker = new Broker(config, brokerOptions);
  const faults = new FaultState();
  const host = options.host ?? DEFAULT_HOST;
  let connectionIds = 0;
  const common = {
    host,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS,
    log,
    verbose: userLog !== undefined,
    nextConnectionId: () => ++connectionIds,
  };
  const trade = new TradeServer(broker, faults, { ...common, port: options.tradePort ?? 0 });
  const market = new MarketServer(broker, faults, { ...common, port: options.marketPort ?? 0 });
  const clock = new MarketClock(
    broker,
    (snapshots) => market.publish(snapshots),
    (err) => log(`internal error in the market step: ${err instanceof Error ? err.stack : String(err)}`),
  );
  try {
    await trade.listen();
    await market.listen();
  } catch (err) {
    await trade.close();
    await market.close();
    trade.dispose();
    throw err;
  }
  const rate = options.marketRateHz ?? 1000 / broker.tickIntervalMs;
  clock.start(rate);
  log(`trading day ${broker.tradingDay}, session mode ${broker.sessionMode}, market ${rate} steps/s`);

  const servers: [ServerSide, FramedServer<Session>][] = [
    ["trade", trade as unknown as FramedServer<Session>],
    ["market", market as unknown as FramedServer<Session>],
  ];
  const select = (filter: ConnectionFilter): Session[] =>
    servers.flatMap(([side, server]) => [...server.sessions].filter((s) => matches(s, side, filter)));
  const fault = (line: string) => log(`fault: ${line}`);

  const needClock = (): SimClock => {
    if (simClock === undefined)
      throw new Error("no simulated clock: start the servers with the clock option");
    return simClock;
  };
  const control: MockControl = {
    connections: () => servers.flatMap(([, server]) => server.connections()),
    dropConnections(filter = {}) {
      const hit = select(filter);
      fault(`drop ${hit.length} connection(s) (${describeFilter(filter)})`);
      for (const s of hit) s.conn.destroy({ kind: "local", message: "dropped by fault injection" });
      return hit.length;
    },
    stallConnections(ms, filter = {}) {
      const hit = select(filter);
      fault(`stall ${hit.length} connection(s) for ${ms} ms (${describeFilter(filter)})`);
      for (const s of hit) s.conn.stall(ms);
      return hit.length;
    },
    delayReports(ms) {
      faults.reportDelayMs = Math.max(0, ms);
      fault(`delay reports by ${faults.reportDelayMs} ms`);
    },
    duplicateReports(on) {
      faults.duplicateReports = on;
      fault(`duplicate reports ${on ? "on" : "off"}`);
    },
    reorderReports(on) {
      faults.reorderReports = on;
      fault(`reorder reports ${on ? "on" : "off"}`);
    },
    pauseMarketData() {
      faults.marketPaused = true;
      fault("market data paused");
    },
    resumeMarketData() {
      faults.marketPaused = false;
      fault("market data resumed");
    },
    rejectNextLogins(n, side = "trade") {
      if (side === "trade") broker.rejectNextLogins(n);
      else broker.rejectNextMdLogins(n);
      fault(`reject the next ${n} ${side} login(s)`);
    },
    rejectNextOrders(n) {
      broker.rejectNextOrders(n);
      fault(`reject the next ${n} order(s)`);
    },
    async restartServer(side, downMs = 0) {
      fault(`restart the ${side} server (down ${downMs} ms)`);
      await (side === "trade" ? trade : market).restart(downMs);
    },
    clock() {
      return simClock === undefined ? undefined : { time: simClock.now(), speed: simClock.speed };
    },
    advanceClock(ms) {
      needClock().advance(ms);
      log(`clock: advanced ${ms} ms to ${needClock().now().toISOString()}`);
    },
    setClockSpeed(speed) {
      needClock().setSpeed(speed);
      log(`clock: speed ${speed}`);
    },
    programmaticCounts(accountId) {
      return broker.programmaticCounts(accountId);
    },
    books: (accountId) => broker.books(accountId),
    tradesWithFees: (accountId) => broker.tradesWithFees(accountId),
    riskNotify(accountId, level, code, message) {
      fault(`risk notify ${accountId} level ${level} code ${code}`);
      return trade.riskNotify(accountId, { level, code, message });
    },
    stepMarket(n = 1) {
      clock.step(n);
    },
    setMarketRate(hz) {
      clock.start(hz);
      log(`market rate ${hz} steps/s`);
    },
    resetFaults() {
      faults.reset();
      fault("reset");
    },
    marketStats: () => ({
      ...market.stats,
      steps: clock.steps,
      connections: [...market.sessions].map((s) => ({
        id: s.id,
        ...(s.principal !== undefined ? { principal: s.principal } : {}),
        snapshotsSent: s.snapshotsSent,
        snapshotsDropped: s.snapshotsDropped,
      })),
    }),
  };

  let closed: Promise<void> | undefined;
  return {
    tradePort: trade.port,
    marketPort: market.port,
    host,
    control,
    broker,
    close() {
      closed ??= (async () => {
        clock.stop();
        await Promise.all([trade.close(), market.close()]);
        trade.dispose();
        log("servers closed");
      })();
      return closed;
    },
  };
}

/**
 * The whole stack for end-to-end tests: mock servers in-process on ports 0 → the real C library
 * via FFI → TCP → HftGateway → MainEngine, with every event recorded.
 */
import { createServer } from "node:net";
import {
  createOrderRequest,
  createSubscribeRequest,
  type Direction,
  Exchange,
  MainEngine,
  type MainEngineOptions,
  OrderType,
  type TickData,
} from "@tsgate/core";
import { type MockServerOptions, type MockServers, startMockServers } from "@tsgate/mock-server";
import { HftGateway, type HftGatewayOptions } from "../../src/index.js";
import { Recorder } from "./recorder.js";

export const PASSWORD = "demo123";

export interface Stack {
  readonly mock: MockServers;
  readonly main: MainEngine;
  readonly gw: HftGateway;
  readonly rec: Recorder;
  readonly setting: Record<string, unknown>;
  close(): Promise<void>;
}

/** Settings for the demo account of the mock servers, with short reconnect and heartbeat times. */
export function demoSetting(
  mock: { tradePort: number; marketPort: number },
  extra: Record<string, unknown> = {},
) {
  return {
    交易用户名: "demo",
    交易密码: PASSWORD,
    交易服务器: "127.0.0.1",
    交易端口: mock.tradePort,
    行情用户名: "demo",
    行情密码: PASSWORD,
    行情服务器: "127.0.0.1",
    行情端口: mock.marketPort,
    reconnectMinMs: 50,
    reconnectMaxMs: 400,
    heartbeatIntervalMs: 200,
    heartbeatTimeoutMs: 3000,
    ...extra,
  };
}

export interface StackOptions {
  readonly mock?: MockServerOptions;
  /** Connect to these running servers instead of starting new ones (they are not closed). */
  readonly servers?: MockServers;
  readonly setting?: Record<string, unknown>;
  /** Wait for the trade login flow and the market login (default true). */
  readonly waitReady?: boolean;
  /** Options of the gateway (order id clock and entropy, journal). */
  readonly gateway?: HftGatewayOptions;
  /** Options of the MainEngine (e.g. `risk`). */
  readonly main?: MainEngineOptions;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const mock = options.servers ?? (await startMockServers({ marketRateHz: 0, ...options.mock }));
  const main = new MainEngine(undefined, options.main);
  const rec = new Recorder(main.eventEngine);
  const gw =
    options.gateway === undefined
      ? main.addGateway(HftGateway)
      : main.addGateway(HftGateway, "HFT", options.gateway);
  const setting = demoSetting(mock, options.setting);
  main.connect(setting, "HFT");
  if (options.waitReady !== false) {
    await rec.waitForLog(/成交信息查询成功/);
    await rec.waitForLog(/行情服务器登录成功/);
  }
  return {
    mock,
    main,
    gw,
    rec,
    setting,
    async close() {
      await main.close();
      if (options.servers === undefined) await mock.close();
    },
  };
}

/** Subscribes and returns the first tick of the symbol received after now. */
export async function subscribeTick(
  stack: Stack,
  symbol: string,
  exchange: Exchange = Exchange.SSE,
): Promise<TickData> {
  const vtSymbol = `${symbol}.${exchange}`;
  const seen = stack.rec.ticks.length;
  stack.main.subscribe(createSubscribeRequest({ symbol, exchange }), "HFT");
  return stack.rec.waitFor(`a tick of ${vtSymbol}`, () =>
    stack.rec.ticks.slice(seen).find((tick) => tick.vtSymbol === vtSymbol),
  );
}

/** The next tick of a symbol after stepping the (stopped) simulated market once. */
export async function stepTick(stack: Stack, vtSymbol: string): Promise<TickData> {
  const seen = stack.rec.ticks.length;
  stack.mock.control.stepMarket(1);
  return stack.rec.waitFor(`a tick of ${vtSymbol} after a step`, () =>
    stack.rec.ticks.slice(seen).find((tick) => tick.vtSymbol === vtSymbol),
  );
}

export function limitOrder(
  symbol: string,
  direction: Direction,
  volume: number,
  price: number,
  exchange: Exchange = Exchange.SSE,
) {
  return createOrderRequest({ symbol, exchange, direction, type: OrderType.LIMIT, volume, price });
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

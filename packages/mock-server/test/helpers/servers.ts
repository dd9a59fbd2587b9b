/** Shared fixtures of the TCP tests: servers on free ports, connected clients, waiting helpers. */
import type { EventEmitter } from "node:events";
import { connect, type Socket } from "node:net";
import {
  demoConfigInput,
  MarketClient,
  type MockConfig,
  type MockServerOptions,
  type MockServers,
  parseMockConfig,
  startMockServers,
  TradeClient,
  type TradeClientOptions,
} from "../../src/index.js";

export const ACCOUNT = { accountId: "demo", password: "demo123" } as const;
export const MD_USER = { user: "demo", password: "demo123" } as const;

/** The demo config with a second account and deep pockets, for tests that trade a lot. */
export function richConfig(): MockConfig {
  const input = structuredClone(demoConfigInput) as Record<string, unknown> & {
    accounts: Record<string, unknown>[];
  };
  const demo = input.accounts[0]!;
  demo.cash = 1_000_000_000;
  input.accounts.push({ accountId: "other", password: "other123", cash: 1_000_000, positions: [] });
  return parseMockConfig(input);
}

/** Starts servers with a stopped market clock (the market moves only through control.stepMarket). */
export function startServers(options: MockServerOptions = {}): Promise<MockServers> {
  return startMockServers({ seed: 1, marketRateHz: 0, ...options });
}

export async function tradeClient(mock: MockServers, options: TradeClientOptions = {}): Promise<TradeClient> {
  const c = new TradeClient(options);
  await c.connect(mock.tradePort, mock.host);
  return c;
}

/** A trade client logged in as `demo`, with the report stream started after `lastReportSeq`. */
export async function loggedInTrader(
  mock: MockServers,
  options: TradeClientOptions = {},
  account: { accountId: string; password: string } = ACCOUNT,
): Promise<TradeClient> {
  const c = await tradeClient(mock, options);
  const rsp = await c.login(account);
  if (rsp.errorCode !== 0) throw new Error(`login failed: ${rsp.errorCode} ${rsp.errorMsg}`);
  c.subscribeReports(rsp.lastReportSeq);
  return c;
}

export async function marketClient(mock: MockServers): Promise<MarketClient> {
  const c = new MarketClient();
  await c.connect(mock.marketPort, mock.host);
  return c;
}

/** Resolves with the first emission of `event` whose arguments satisfy `pred`. */
export function nextEvent<T extends unknown[]>(
  emitter: EventEmitter,
  event: string,
  pred: (...args: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out waiting for "${event}"`));
    }, timeoutMs);
    const listener = (...args: unknown[]) => {
      if (!pred(...(args as T))) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args as T);
    };
    emitter.on(event, listener);
  });
}

/** Polls `cond` until it is true (generous timeout: tests must not depend on machine speed). */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A raw TCP connection that records everything it receives and when it closed. */
export interface RawPeer {
  socket: Socket;
  received(): Buffer;
  closed: Promise<void>;
}

export function rawConnect(port: number, host = "127.0.0.1"): Promise<RawPeer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host });
    const chunks: Buffer[] = [];
    let closedResolve: () => void = () => {};
    const closed = new Promise<void>((r) => {
      closedResolve = r;
    });
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("close", () => closedResolve());
    socket.on("error", () => {});
    socket.once("connect", () => resolve({ socket, received: () => Buffer.concat(chunks), closed }));
    socket.once("error", reject);
  });
}

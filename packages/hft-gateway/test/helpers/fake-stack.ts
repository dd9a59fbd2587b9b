/**
 * An HftGateway over fake native APIs on its own started EventEngine, with a recorder, logged in
 * on the trade side with one contract (600000.SSE): the set-up of the tests that drive report
 * sequences by hand. Call {@link stopFakeStacks} in `afterEach`.
 */
import {
  createOrderRequest,
  Direction,
  EventEngine,
  Exchange,
  type OrderRequest,
  OrderType,
} from "@tsgate/core";
import { HftGateway, type HftGatewayOptions } from "../../src/index.js";
import { FakeFactory, security } from "./fake-api.js";
import { Recorder, settle } from "./recorder.js";

const engines: EventEngine[] = [];

export interface FakeStack {
  readonly engine: EventEngine;
  readonly rec: Recorder;
  readonly factory: FakeFactory;
  readonly gw: HftGateway;
}

/** A new gateway (not connected) with `options` on top of the fake API factory. */
export function fakeStack(options: Omit<HftGatewayOptions, "api"> = {}): FakeStack {
  const engine = new EventEngine();
  engines.push(engine);
  engine.start();
  const rec = new Recorder(engine);
  const factory = new FakeFactory();
  factory.results = { securities: [security("SH.600000")], orders: [], trades: [] };
  const gw = new HftGateway(engine, "HFT", { ...options, api: factory });
  return { engine, rec, factory, gw };
}

/** The settings fakeLogin connects with: the required keys only. */
export const FAKE_SETTINGS = Object.freeze({
  交易用户名: "demo",
  交易密码: "Secret#1",
  交易服务器: "127.0.0.1",
  行情用户名: "md",
  行情密码: "Secret#2",
  行情服务器: "127.0.0.1",
});

/** Connects and fires a successful trade login; resolves once the initial queries are done. */
export async function fakeLogin(t: FakeStack): Promise<void> {
  t.gw.connect(FAKE_SETTINGS);
  t.factory.trader.fire("login", {
    ok: true,
    errorCode: 0,
    errorMsg: "",
    accountId: "demo",
    tradingDay: 20261126,
    lastReportSeq: 0,
  });
  await t.rec.waitForLog(/成交信息查询成功/);
  await settle(t.engine);
}

/** A 100-share limit buy of 600000.SSE at 11.80. */
export function buy600000(): OrderRequest {
  return createOrderRequest({
    symbol: "600000",
    exchange: Exchange.SSE,
    direction: Direction.LONG,
    type: OrderType.LIMIT,
    volume: 100,
    price: 11.8,
  });
}

/** Stops the engines of every stack made so far. */
export function stopFakeStacks(): void {
  for (const engine of engines.splice(0)) engine.stop();
}

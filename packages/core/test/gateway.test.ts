import { afterEach, describe, expect, it } from "vitest";
import {
  BaseGateway,
  ConnectionState,
  createAccount,
  createContract,
  createOrder,
  createPosition,
  createTick,
  createTrade,
  Direction,
  EVENT_GATEWAY_STATUS,
  EVENT_LOG,
  EventEngine,
  Exchange,
  GatewaySide,
  InvalidArgumentError,
  LogLevel,
  Product,
  SettingsError,
} from "../src/index.js";
import { DummyGateway } from "./helpers/dummy-gateway.js";

const T0 = new Date("2024-03-01T01:30:00Z");
const engines: EventEngine[] = [];

function recordingEngine(): { engine: EventEngine; events: Array<{ type: string; data: unknown }> } {
  const engine = new EventEngine();
  engines.push(engine);
  const events: Array<{ type: string; data: unknown }> = [];
  engine.registerGeneral((event) => events.push({ type: event.type, data: event.data }));
  engine.start();
  return { engine, events };
}

afterEach(() => {
  for (const engine of engines.splice(0)) engine.stop();
});

describe("BaseGateway", () => {
  it("exposes the static contract fields on the class and the instance", () => {
    const gateway = new DummyGateway(new EventEngine());
    expect(gateway.gatewayName).toBe("DUMMY");
    expect(gateway.defaultName).toBe("DUMMY");
    expect(gateway.defaultSetting).toBe(DummyGateway.defaultSetting);
    expect(gateway.getDefaultSetting()).toEqual({ 用户名: "", 密码: "", 端口: 8000 });
    expect(gateway.exchanges).toEqual([Exchange.SSE, Exchange.SZSE]);
    expect(new DummyGateway(new EventEngine(), "DUMMY2").gatewayName).toBe("DUMMY2");
  });

  it("rejects empty or dotted gateway names", () => {
    class Nameless extends DummyGateway {
      static override defaultName = "";
    }
    expect(() => new Nameless(new EventEngine())).toThrow(InvalidArgumentError);
    expect(() => new DummyGateway(new EventEngine(), "A.B")).toThrow(/contain no "\."/);
  });

  it("publishes each pushed object under the generic and the specific event type", async () => {
    const { engine, events } = recordingEngine();
    const gateway = new DummyGateway(engine);
    const tick = createTick({ gatewayName: "DUMMY", symbol: "600000", exchange: Exchange.SSE, datetime: T0 });
    const order = createOrder({
      gatewayName: "DUMMY",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "1",
      direction: Direction.LONG,
    });
    const trade = createTrade({
      gatewayName: "DUMMY",
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "1",
      tradeid: "T1",
      direction: Direction.LONG,
      price: 7,
      volume: 100,
      datetime: T0,
    });
    const position = createPosition({
      gatewayName: "DUMMY",
      symbol: "600000",
      exchange: Exchange.SSE,
      direction: Direction.NET,
    });
    const account = createAccount({ gatewayName: "DUMMY", accountid: "A1" });
    const contract = createContract({
      gatewayName: "DUMMY",
      symbol: "600000",
      exchange: Exchange.SSE,
      name: "浦发银行",
      product: Product.EQUITY,
      size: 1,
      pricetick: 0.01,
    });
    gateway.onTick(tick);
    gateway.onOrder(order);
    gateway.onTrade(trade);
    gateway.onPosition(position);
    gateway.onAccount(account);
    gateway.onContract(contract);
    gateway.onEvent("custom", 42);
    await engine.flush();
    expect(events).toEqual([
      { type: "eTick.", data: tick },
      { type: "eTick.600000.SSE", data: tick },
      { type: "eOrder.", data: order },
      { type: "eOrder.DUMMY.1", data: order },
      { type: "eTrade.", data: trade },
      { type: "eTrade.600000.SSE", data: trade },
      { type: "ePosition.", data: position },
      { type: "ePosition.600000.SSE", data: position },
      { type: "eAccount.", data: account },
      { type: "eAccount.DUMMY.A1", data: account },
      { type: "eContract.", data: contract },
      { type: "custom", data: 42 },
    ]);
    // Same object under both types: subscribers share one frozen snapshot.
    expect(events[0]?.data).toBe(events[1]?.data);
  });

  it("writes logs and status changes", async () => {
    const { engine, events } = recordingEngine();
    const gateway = new DummyGateway(engine);
    gateway.writeLog("login failed: wrong password", LogLevel.ERROR);
    gateway.writeLog("hello");
    gateway.writeStatus(GatewaySide.MARKET, ConnectionState.RECONNECTING, "connection reset");
    await engine.flush();
    expect(events.map((e) => e.type)).toEqual([
      EVENT_LOG,
      EVENT_LOG,
      EVENT_GATEWAY_STATUS,
      `${EVENT_GATEWAY_STATUS}DUMMY`,
    ]);
    expect(events[0]?.data).toMatchObject({
      gatewayName: "DUMMY",
      level: "ERROR",
      msg: "login failed: wrong password",
    });
    expect(events[1]?.data).toMatchObject({ level: "INFO" });
    expect(events[2]?.data).toMatchObject({
      gatewayName: "DUMMY",
      side: "MARKET",
      state: "RECONNECTING",
      msg: "connection reset",
    });
  });

  it("validates settings in connect() and throws SettingsError synchronously", () => {
    const gateway = new DummyGateway(new EventEngine());
    expect(() => gateway.connect({ 用户名: "", 端口: "80a" })).toThrow(SettingsError);
    expect(gateway.calls).toEqual([]);
  });

  it("can be subclassed as an abstract contract", () => {
    // Compile-time check: a class missing an abstract method does not type-check.
    // @ts-expect-error close, subscribe, sendOrder, ... are not implemented
    class Incomplete extends BaseGateway {
      connect(): void {}
    }
    expect(Incomplete).toBeTypeOf("function");
  });
});

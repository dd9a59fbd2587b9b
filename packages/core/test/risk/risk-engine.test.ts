import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createCancelRequest,
  createOrder,
  createTick,
  createTrade,
  Direction,
  EVENT_LOG,
  EVENT_RISK,
  EVENT_TICK,
  EVENT_TRADE,
  EventEngine,
  Exchange,
  isRiskRefusal,
  type LogData,
  MainEngine,
  type MainEngineOptions,
  MemoryRiskCountStore,
  RISK_ENGINE_NAME,
  type RiskSnapshot,
  Status,
  TradingState,
} from "../../src/index.js";
import { DummyGateway } from "../helpers/dummy-gateway.js";
import { buy, ManualClock, sell } from "../helpers/risk.js";

const mains: MainEngine[] = [];
const TICK = {
  gatewayName: DummyGateway.defaultName,
  symbol: "600000",
  exchange: Exchange.SSE,
  datetime: new Date(),
  lastPrice: 10,
};

function setup(options: MainEngineOptions, clock = new ManualClock()) {
  // A timer interval far beyond any test: eRisk is published on state changes and by the tests.
  const main = new MainEngine(new EventEngine({ interval: 3600 }), { riskClock: clock.now, ...options });
  mains.push(main);
  const gateway = main.addGateway(DummyGateway);
  const logs: LogData[] = [];
  main.eventEngine.register(EVENT_LOG, (event) => {
    if (event.data.gatewayName === RISK_ENGINE_NAME) logs.push(event.data);
  });
  const risks: RiskSnapshot[] = [];
  main.eventEngine.register(EVENT_RISK, (event) => {
    risks.push(event.data);
  });
  return { main, gateway, logs, risks, clock };
}

function until(predicate: () => boolean, what: string): Promise<void> {
  return vi.waitFor(
    () => {
      if (!predicate()) throw new Error(`still waiting for ${what}`);
    },
    { timeout: 10_000, interval: 5 },
  );
}

afterEach(async () => {
  await Promise.all(mains.splice(0).map((main) => main.close()));
});

describe("RiskEngine in MainEngine", () => {
  it("without a risk option, MainEngine has no risk engine and sends everything", () => {
    const main = new MainEngine();
    mains.push(main);
    expect(main.risk).toBeUndefined();
  });

  it("holds a loop on sendOrder to the rate: excess orders are REJECTED by name and never reach the gateway", async () => {
    const { main, gateway, logs } = setup({ risk: { maxOrdersPerSecond: 5, selfTradePrevention: false } });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(main.sendOrder(buy(100, 10), DummyGateway.defaultName));
    expect(gateway.calls.filter((call) => call === "sendOrder")).toHaveLength(5);
    await until(() => ids.every((id) => main.getOrder(id) !== undefined), "every order in the OMS");
    const rejected = ids.map((id) => main.getOrder(id)).filter((order) => order?.status === Status.REJECTED);
    expect(rejected).toHaveLength(45);
    expect(rejected[0]?.statusMsg).toBe("risk maxOrdersPerSecond: limit 5, would be 6");
    expect(rejected.every((order) => order !== undefined && isRiskRefusal(order))).toBe(true);
    expect(new Set(ids).size).toBe(50);
    // One log line for the whole burst, not 45.
    await until(() => logs.length > 0, "the refusal log");
    expect(logs.filter((log) => log.msg.includes("maxOrdersPerSecond"))).toHaveLength(1);
    expect(main.risk?.snapshot().refusals).toEqual({ total: 45, byRule: { maxOrdersPerSecond: 45 } });
  });

  it("refuses cancels past the cancel rate and logs them", async () => {
    const { main, gateway } = setup({ risk: { maxCancelsPerSecond: 1 } });
    const id = main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    await until(() => main.getOrder(id)?.status === Status.NOTTRADED, "the order acknowledged");
    const order = main.getOrder(id);
    if (order === undefined) throw new Error("no order");
    main.cancelOrder(createCancelRequest(order), DummyGateway.defaultName);
    main.cancelOrder(createCancelRequest(order), DummyGateway.defaultName);
    expect(gateway.calls.filter((call) => call.startsWith("cancelOrder"))).toHaveLength(1);
    expect(main.risk?.snapshot().refusals.byRule).toEqual({ maxCancelsPerSecond: 1 });
  });

  it("the kill switch halts and cancels every working order of every gateway, even ones acknowledged later", async () => {
    const { main, risks } = setup({ risk: {} });
    const other = main.addGateway(DummyGateway, "OTHER");
    const first = main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    const second = main.sendOrder(sell(100, 11), "OTHER");
    await until(() => main.getAllActiveOrders().length === 2, "two working orders");
    const result = main.risk?.halt("test");
    expect(result).toEqual({ cancelsSent: 2, cancelsFailed: 0 });
    await until(() => main.getAllActiveOrders().length === 0, "no working order");
    expect(main.getOrder(first)?.status).toBe(Status.CANCELLED);
    expect(main.getOrder(second)?.status).toBe(Status.CANCELLED);
    expect(other.calls).toContain("cancelOrder 1");
    const refused = main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    await until(() => main.getOrder(refused) !== undefined, "the refused order");
    expect(main.getOrder(refused)?.statusMsg).toContain("risk tradingState: limit HALTED");
    await until(() => risks.some((snapshot) => snapshot.state === TradingState.HALTED), "eRisk HALTED");
    expect(risks.find((snapshot) => snapshot.state === TradingState.HALTED)?.stateReason).toBe("test");
    main.risk?.setState(TradingState.ACTIVE, "resumed");
    expect(main.risk?.state).toBe(TradingState.ACTIVE);
  });

  it("cancels on arrival an order a gateway reports after the halt (adopted, or acknowledged late)", async () => {
    const { main, gateway } = setup({ risk: {} });
    main.risk?.halt();
    gateway.onOrder(
      createOrder({
        gatewayName: gateway.gatewayName,
        symbol: "600000",
        exchange: Exchange.SSE,
        orderid: "77",
        direction: Direction.LONG,
        price: 10,
        volume: 100,
        status: Status.NOTTRADED,
      }),
    );
    await until(() => gateway.calls.includes("cancelOrder 77"), "the late cancel");
  });

  it("reports the usage of every limit on eRisk", async () => {
    const { main, risks } = setup({ risk: { maxOrdersPerSecond: 10, maxActiveOrders: 4 } });
    main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    main.risk?.setState(TradingState.REDUCING, "by hand");
    await until(() => risks.length > 0, "an eRisk event");
    const usage = Object.fromEntries((risks.at(-1)?.limits ?? []).map((row) => [row.limit, row.current]));
    expect(usage).toMatchObject({ maxOrdersPerSecond: 1, maxActiveOrders: 1, maxActionsPerSecond: 1 });
    expect(risks.at(-1)?.state).toBe(TradingState.REDUCING);
  });

  it("keeps the day's counts across a restart through the store", async () => {
    const store = new MemoryRiskCountStore();
    const clock = new ManualClock();
    const first = setup({ risk: { maxOrdersPerDay: 3 }, riskStore: store }, clock);
    first.main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    first.main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    await first.main.close();
    const second = setup({ risk: { maxOrdersPerDay: 3 }, riskStore: store }, clock);
    second.main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    const refused = second.main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    await until(() => second.main.getOrder(refused) !== undefined, "the refused order");
    expect(second.main.getOrder(refused)?.statusMsg).toBe("risk maxOrdersPerDay: limit 3, would be 4");
  });

  it("with the limits disabled, passes everything but still obeys the kill switch", async () => {
    const { main, gateway } = setup({ risk: { enabled: false, maxOrdersPerSecond: 1 } });
    main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    expect(gateway.calls.filter((call) => call === "sendOrder")).toHaveLength(2);
    main.risk?.halt();
    const refused = main.sendOrder(buy(100, 10), DummyGateway.defaultName);
    expect(gateway.calls.filter((call) => call === "sendOrder")).toHaveLength(2);
    await until(() => main.getOrder(refused)?.status === Status.REJECTED, "the refused order");
  });

  it("the daily loss limit moves the state to REDUCING, logged and published on eRisk", async () => {
    const { main, logs, risks } = setup({ risk: { maxDailyLoss: 500 } });
    const trade = createTrade({
      gatewayName: DummyGateway.defaultName,
      symbol: "600000",
      exchange: Exchange.SSE,
      orderid: "1",
      tradeid: "T1",
      direction: Direction.LONG,
      price: 10,
      volume: 1000,
      fee: 5,
      datetime: new Date(),
    });
    main.eventEngine.put({ type: EVENT_TRADE, data: trade });
    main.eventEngine.put({ type: EVENT_TICK, data: createTick({ ...TICK, lastPrice: 9.5 }) });
    await until(() => main.risk?.state === TradingState.REDUCING, "REDUCING");
    await until(() => risks.some((snapshot) => snapshot.state === TradingState.REDUCING), "eRisk REDUCING");
    expect(
      logs.some((log) => /ACTIVE -> REDUCING: risk maxDailyLoss: limit 500, loss 505.00/.test(log.msg)),
    ).toBe(true);
    expect(main.risk?.snapshot().dailyPnl).toBeCloseTo(-505);
  });

  it("does not count an order a gateway did not send (vnpy's empty vtOrderid) as working", () => {
    const { main, gateway } = setup({ risk: { maxActiveOrders: 1 } });
    const original = gateway.sendOrder.bind(gateway);
    gateway.sendOrder = () => "";
    expect(main.sendOrder(buy(100, 10), DummyGateway.defaultName)).toBe("");
    gateway.sendOrder = original;
    expect(main.sendOrder(buy(100, 10), DummyGateway.defaultName)).toBe("DUMMY.1");
  });

  it("names a bad limit in the MainEngine options", () => {
    expect(() => new MainEngine(undefined, { risk: { maxOrdersPerSecond: -1 } })).toThrow(
      /maxOrdersPerSecond/,
    );
  });
});

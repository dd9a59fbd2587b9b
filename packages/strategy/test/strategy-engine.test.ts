import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createOrderRequest,
  Direction,
  EVENT_TRADE,
  Exchange,
  MainEngine,
  type OrderData,
  OrderType,
  type TradeData,
} from "@tsgate/core";
import { InMemoryGateway } from "@tsgate/core/sim";
import { afterEach, describe, expect, it } from "vitest";
import { JsonFileStrategyStore, StrategyEngine, StrategyError, StrategyTemplate } from "../src/index.js";

const VT = "600000.SSE";
// Above the simulated best ask and within the daily limit (SIM preClose 7.30, limit up 8.03): fills at once.
const CROSSING_BUY = 8.0;
const SETTING = { 用户名: "demo", 密码: "demo", 行情间隔: 5 };

class Recorder extends StrategyTemplate {
  parameters = { volume: 100, label: "x" };
  variables = { count: 0 };
  readonly orders: OrderData[] = [];
  readonly trades: TradeData[] = [];
  ticks = 0;
  override onTick(): void {
    this.ticks += 1;
  }
  override onOrder(order: OrderData): void {
    this.orders.push(order);
  }
  override onTrade(trade: TradeData): void {
    this.trades.push(trade);
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(store?: JsonFileStrategyStore) {
  const main = new MainEngine();
  main.addGateway(InMemoryGateway);
  const engine = new StrategyEngine(main, store === undefined ? {} : { store });
  cleanups.push(() => main.close());
  cleanups.push(() => engine.close());
  return { main, engine };
}

function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (check() ? resolve() : setImmediate(poll));
    poll();
  });
}

describe("StrategyEngine", () => {
  it("initStrategy waits until the gateway knows the strategy's contracts", async () => {
    const { main, engine } = setup();
    const strategy = engine.addStrategy(Recorder, "r", [VT]);
    const init = engine.initStrategy("r");
    let inited = false;
    void init.then(() => {
      inited = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(inited).toBe(false);
    main.connect(SETTING, "SIM");
    await init;
    expect(strategy.inited).toBe(true);
    expect(main.getContract(VT)).toBeDefined();
    await until(() => strategy.ticks > 0); // subscribed by init
  });

  it("fails init with the missing vtSymbol when no contract comes", async () => {
    const main = new MainEngine();
    cleanups.push(() => main.close());
    const engine = new StrategyEngine(main, { readyTimeoutMs: 20 });
    engine.addStrategy(Recorder, "r", ["688888.SSE"]);
    await expect(engine.initStrategy("r")).rejects.toThrow(/688888\.SSE/);
  });

  it("routes a strategy's own orders and trades to it and only to it, and keeps its pos", async () => {
    const { main, engine } = setup();
    const a = engine.addStrategy(Recorder, "a", [VT]);
    const b = engine.addStrategy(Recorder, "b", [VT]);
    main.connect(SETTING, "SIM");
    await engine.initStrategy("a");
    await engine.initStrategy("b");
    engine.startStrategy("a");
    engine.startStrategy("b");
    // An order from outside any strategy must reach neither.
    const outsideOrderid = main.sendOrder(
      createOrderRequest({
        symbol: "600000",
        exchange: Exchange.SSE,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        volume: 100,
        price: CROSSING_BUY,
      }),
      "SIM",
    );
    const allTrades: TradeData[] = [];
    main.eventEngine.register(EVENT_TRADE, (e) => allTrades.push(e.data));
    const vtOrderid = a.buy(CROSSING_BUY, 200);
    await until(() => a.pos === 200 && allTrades.length >= 2);
    expect(a.trades.every((t) => t.vtOrderid === vtOrderid)).toBe(true);
    expect(a.orders.every((o) => o.vtOrderid === vtOrderid && o.reference === "a")).toBe(true);
    expect(b.orders).toEqual([]);
    expect(b.trades).toEqual([]);
    expect(b.pos).toBe(0);
    expect(engine.strategyOfOrder(vtOrderid!)).toBe("a");
    expect(engine.strategyOfOrder(outsideOrderid)).toBeUndefined();
  });

  it("refuses orders the A-share market does not allow, naming why", async () => {
    const { main, engine } = setup();
    const s = engine.addStrategy(Recorder, "s", [VT]);
    main.connect(SETTING, "SIM");
    await engine.initStrategy("s");
    expect(s.buy(CROSSING_BUY, 100)).toBeUndefined(); // not trading yet
    engine.startStrategy("s");
    expect(() => s.sell(7, 100)).toThrow(/only 0 held/);
    expect(() => s.short(7, 100)).toThrow(StrategyError);
    expect(() => s.cover(7, 100)).toThrow(/cannot be sold short/);
    expect(() => s.buy(7, 100, "000001.SZSE")).toThrow(/not one of its vtSymbols/);
  });

  it("rejects an unknown or mistyped parameter, naming the field", () => {
    const { engine } = setup();
    expect(() => engine.addStrategy(Recorder, "p", [VT], { volumn: 100 })).toThrow(
      /unknown parameter "volumn"/,
    );
    expect(() => engine.addStrategy(Recorder, "q", [VT], { volume: "100" })).toThrow(
      /parameter "volume" expects a finite number, got "100"/,
    );
  });

  it("stops (cancelling the strategy's orders), removes, and refuses calls out of order", async () => {
    const { main, engine } = setup();
    const s = engine.addStrategy(Recorder, "s", [VT]);
    expect(() => engine.startStrategy("s")).toThrow(/must be inited before it starts/);
    main.connect(SETTING, "SIM");
    await engine.initStrategy("s");
    await expect(engine.initStrategy("s")).rejects.toThrow(/already inited/);
    engine.startStrategy("s");
    const resting = s.buy(7.0, 100)!; // below the simulated market: rests
    await until(() => s.getActiveOrders().length === 1);
    expect(() => engine.removeStrategy("s")).toThrow(/must be stopped/);
    engine.stopStrategy("s");
    await until(() => main.getOrder(resting)?.status === "CANCELLED");
    expect(s.trading).toBe(false);
    engine.removeStrategy("s");
    expect(() => engine.getStrategy("s")).toThrow(/no strategy "s" \(known: none\)/);
    expect(() => engine.addStrategy(Recorder, "t", [VT])).not.toThrow();
    expect(() => engine.addStrategy(Recorder, "t", [VT])).toThrow(/already added/);
  });

  it("saves parameters, variables and pos on stop and restores them in a new process", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsgate-strategy-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "state", "strategies.json");
    {
      const { main, engine } = setup(new JsonFileStrategyStore(path));
      const s = engine.addStrategy(Recorder, "s", [VT], { label: "saved" });
      main.connect(SETTING, "SIM");
      await engine.initStrategy("s");
      engine.startStrategy("s");
      s.buy(CROSSING_BUY, 100);
      await until(() => s.pos === 100);
      s.variables.count = 7;
      engine.stopStrategy("s");
    }
    const { main, engine } = setup(new JsonFileStrategyStore(path));
    const s = engine.addStrategy(Recorder, "s", [VT]);
    main.connect(SETTING, "SIM");
    await engine.initStrategy("s");
    expect(s.parameters).toEqual({ volume: 100, label: "saved" });
    expect(s.variables.count).toBe(7);
    expect(s.pos).toBe(100);
  });
});

import { describe, expect, it } from "vitest";
import {
  createPosition,
  DEFAULT_RISK_LIMITS,
  Direction,
  EXCHANGE_HIGH_FREQUENCY,
  Exchange,
  OrderType,
  parseRiskConfig,
  SettingsError,
  TradingState,
} from "../../src/index.js";
import { buy, coreWith, fill, finish, GW, position, Status, sell, send } from "../helpers/risk.js";

function rule(result: ReturnType<typeof send>): string | undefined {
  return typeof result === "string" ? undefined : result.rule;
}

describe("parseRiskConfig", () => {
  it("defaults orders plus cancels below the exchanges' high-frequency thresholds", () => {
    const config = parseRiskConfig({});
    expect(config.maxActionsPerSecond).toBe(DEFAULT_RISK_LIMITS.maxActionsPerSecond);
    expect(config.maxActionsPerSecond).toBeLessThan(EXCHANGE_HIGH_FREQUENCY.actionsPerSecond);
    expect(config.maxActionsPerDay).toBeLessThan(EXCHANGE_HIGH_FREQUENCY.actionsPerDay);
    expect(config.selfTradePrevention).toBe(true);
    expect(config.maxOrderVolume).toBeUndefined();
  });

  it("names every bad field, and refuses unknown ones", () => {
    let error: unknown;
    try {
      parseRiskConfig({ maxOrdersPerSecond: 0, maxOrderNotional: "big", maxOrdersPerSec: 5 });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const keys = (error as SettingsError).issues.map((issue) => issue.key).sort();
    expect(keys).toEqual(["maxOrderNotional", "maxOrdersPerSec", "maxOrdersPerSecond"]);
  });

  it("lets a high-frequency account raise the defaults", () => {
    expect(parseRiskConfig({ maxActionsPerSecond: 1000 }).maxActionsPerSecond).toBe(1000);
  });
});

describe("RiskCore rate limits", () => {
  it("holds orders to the per-second limit in a sliding window, naming limit and figure", () => {
    const { core, clock } = coreWith({ maxOrdersPerSecond: 3 });
    for (let i = 0; i < 3; i++) expect(typeof send(core, buy(100, 10))).toBe("string");
    const refused = send(core, buy(100, 10));
    expect(refused).toMatchObject({ rule: "maxOrdersPerSecond", limit: 3, current: 4 });
    expect((refused as { message: string }).message).toBe("risk maxOrdersPerSecond: limit 3, would be 4");
    clock.advance(999);
    expect(rule(send(core, buy(100, 10)))).toBe("maxOrdersPerSecond");
    clock.advance(1);
    expect(typeof send(core, buy(100, 10))).toBe("string");
  });

  it("counts orders plus cancels together, and per day; a new China trading day resets the day", () => {
    const { core, clock } = coreWith({ maxActionsPerSecond: 100, maxActionsPerDay: 3 });
    const id = send(core, buy(100, 10)) as string;
    expect(core.checkCancel({ orderid: id, symbol: "600000", exchange: "SSE", vtSymbol: "600000.SSE" })).toBe(
      undefined,
    );
    send(core, buy(100, 10));
    expect(rule(send(core, buy(100, 10)))).toBe("maxActionsPerDay");
    expect(
      core.checkCancel({ orderid: id, symbol: "600000", exchange: "SSE", vtSymbol: "600000.SSE" })?.rule,
    ).toBe("maxActionsPerDay");
    clock.advance(24 * 3_600_000);
    expect(typeof send(core, buy(100, 10))).toBe("string");
    expect(core.dayCounts()).toEqual({ orders: 1, cancels: 0 });
  });

  it("refuses cancels past the cancel rate unless forced by the kill switch, which still counts them", () => {
    const { core } = coreWith({ maxCancelsPerSecond: 1 });
    const req = { orderid: "1", symbol: "600000", exchange: "SSE" as const, vtSymbol: "600000.SSE" };
    expect(core.checkCancel(req)).toBeUndefined();
    expect(core.checkCancel(req)?.rule).toBe("maxCancelsPerSecond");
    expect(core.checkCancel(req, true)).toBeUndefined();
    expect(core.dayCounts().cancels).toBe(2);
  });

  it("restores the day's counts after a restart", () => {
    const { core } = coreWith({ maxOrdersPerDay: 5 });
    core.restoreDayCounts({ orders: 5, cancels: 2 });
    expect(rule(send(core, buy(100, 10)))).toBe("maxOrdersPerDay");
  });
});

describe("RiskCore size, active orders, position and exposure", () => {
  it("refuses volume and notional per order", () => {
    const { core } = coreWith({ maxOrderVolume: 1000, maxOrderNotional: 5000 });
    expect(send(core, buy(1100, 1))).toMatchObject({ rule: "maxOrderVolume", limit: 1000, current: 1100 });
    expect(send(core, buy(600, 10))).toMatchObject({ rule: "maxOrderNotional", limit: 5000, current: 6000 });
    expect(typeof send(core, buy(500, 10))).toBe("string");
  });

  it("values a market order at the last price and refuses it when no price is known", () => {
    const { core } = coreWith({ maxOrderNotional: 5000 });
    expect(rule(send(core, buy(100, 0, "600000", OrderType.MARKET)))).toBe("referencePrice");
    core.onTick("600000.SSE", 60);
    expect(send(core, buy(100, 0, "600000", OrderType.MARKET))).toMatchObject({
      rule: "maxOrderNotional",
      current: 6000,
    });
  });

  it("counts active orders in total and per symbol, and frees them when they finish", () => {
    const { core } = coreWith({
      maxActiveOrders: 3,
      maxActiveOrdersPerSymbol: 2,
      selfTradePrevention: false,
    });
    const a = buy(100, 10);
    const first = send(core, a) as string;
    send(core, buy(100, 10));
    expect(rule(send(core, buy(100, 10)))).toBe("maxActiveOrdersPerSymbol");
    send(core, buy(100, 10, "600001"));
    expect(rule(send(core, buy(100, 10, "600002")))).toBe("maxActiveOrders");
    finish(core, first, a, Status.CANCELLED);
    expect(typeof send(core, buy(100, 10, "600002"))).toBe("string");
  });

  it("bounds the position as if every working order filled, and always lets a reduction through", () => {
    const { core } = coreWith({ maxPositionPerSymbol: 1000, selfTradePrevention: false });
    position(core, 800);
    expect(typeof send(core, buy(200, 10))).toBe("string");
    expect(send(core, buy(100, 10))).toMatchObject({
      rule: "maxPositionPerSymbol",
      limit: 1000,
      current: 1100,
    });
    expect(typeof send(core, sell(800, 10))).toBe("string");
    // Over the limit from the start (yesterday's holdings): selling is still allowed.
    const over = coreWith({ maxPositionPerSymbol: 100 }).core;
    position(over, 5000);
    expect(typeof send(over, sell(100, 10))).toBe("string");
    expect(rule(send(over, buy(100, 9)))).toBe("maxPositionPerSymbol");
  });

  it("counts a fill before the broker's position report catches up, and not twice after it", () => {
    const { core } = coreWith({ maxPositionPerSymbol: 1000 });
    const req = buy(500, 10);
    const id = send(core, req) as string;
    fill(core, req, 500, 10);
    finish(core, id, req, Status.ALLTRADED, 500);
    expect(core.book.symbol("600000.SSE").position).toBe(500);
    position(core, 500);
    expect(core.book.symbol("600000.SSE").position).toBe(500);
    expect(rule(send(core, buy(600, 10)))).toBe("maxPositionPerSymbol");
  });

  it("bounds the exposure per symbol and in total at the higher of order price and last price", () => {
    const { core } = coreWith({ maxExposurePerSymbol: 10_000, maxExposureTotal: 15_000 });
    core.onTick("600000.SSE", 10);
    expect(send(core, buy(1000, 11))).toMatchObject({ rule: "maxExposurePerSymbol", current: 11_000 });
    expect(typeof send(core, buy(900, 10))).toBe("string");
    core.onTick("600001.SSE", 10);
    expect(send(core, buy(700, 10, "600001"))).toMatchObject({ rule: "maxExposureTotal", current: 16_000 });
  });

  it("sums the holdings of several gateways, and forgets one gateway on clearGateway", () => {
    const { core } = coreWith({ maxPositionPerSymbol: 1000 });
    core.onPosition(
      createPosition({
        gatewayName: "A",
        symbol: "600000",
        exchange: Exchange.SSE,
        direction: Direction.NET,
        volume: 600,
      }),
    );
    core.onPosition(
      createPosition({
        gatewayName: "B",
        symbol: "600000",
        exchange: Exchange.SSE,
        direction: Direction.NET,
        volume: 300,
      }),
    );
    expect(core.book.symbol("600000.SSE").position).toBe(900);
    expect(rule(send(core, buy(200, 10)))).toBe("maxPositionPerSymbol");
    const working = send(core, buy(100, 10));
    expect(typeof working).toBe("string");
    expect(core.book.activeCount).toBe(1);
    core.book.clearGateway(GW);
    expect(core.book.activeCount).toBe(0);
    core.book.clearGateway("A");
    expect(core.book.symbol("600000.SSE").position).toBe(300);
    expect(core.book.totalWorst).toBe(300);
  });

  it("bounds the total position over all symbols", () => {
    const { core } = coreWith({ maxPositionTotal: 1000 });
    send(core, buy(600, 10));
    expect(send(core, buy(500, 10, "600001"))).toMatchObject({ rule: "maxPositionTotal", current: 1100 });
  });
});

describe("RiskCore self-trade prevention", () => {
  it("refuses an order that would cross the gateway's own working order on the other side", () => {
    const { core } = coreWith({});
    send(core, sell(100, 10.5));
    expect(send(core, buy(100, 10.5))).toMatchObject({
      rule: "selfTradePrevention",
      current: "own sell 10.5",
    });
    expect(rule(send(core, buy(100, 0, "600000", OrderType.MARKET)))).toBe("selfTradePrevention");
    expect(typeof send(core, buy(100, 10.49))).toBe("string");
    expect(rule(send(core, sell(100, 10.49)))).toBe("selfTradePrevention");
    expect(typeof send(core, buy(100, 10.5, "600001"))).toBe("string");
  });

  it("can be switched off", () => {
    const { core } = coreWith({ selfTradePrevention: false });
    send(core, sell(100, 10));
    expect(typeof send(core, buy(100, 11))).toBe("string");
  });
});

describe("RiskCore trading states", () => {
  it("HALTED refuses every new order but lets cancels through", () => {
    const { core } = coreWith({});
    core.setState(TradingState.HALTED, "test");
    expect(send(core, buy(100, 10))).toMatchObject({ rule: "tradingState", limit: "HALTED" });
    expect(
      core.checkCancel({ orderid: "1", symbol: "600000", exchange: "SSE", vtSymbol: "600000.SSE" }),
    ).toBe(undefined);
  });

  it("the daily loss limit, fees included, moves ACTIVE to REDUCING, which lets only reductions through", () => {
    const { core } = coreWith({ maxDailyLoss: 1000 });
    const req = buy(1000, 10);
    const id = send(core, req) as string;
    expect(fill(core, req, 1000, 10, 5)).toBeUndefined();
    finish(core, id, req, Status.ALLTRADED, 1000);
    expect(core.book.dailyPnl).toBeCloseTo(-5);
    expect(core.onTick("600000.SSE", 9.1)).toBeUndefined(); // loss 905
    const change = core.onTick("600000.SSE", 9.0); // loss 1005
    expect(change).toMatchObject({ from: TradingState.ACTIVE, to: TradingState.REDUCING });
    expect(change?.reason).toContain("maxDailyLoss");
    expect(core.state).toBe(TradingState.REDUCING);
    expect(send(core, buy(100, 9))).toMatchObject({ rule: "tradingState", limit: "REDUCING" });
    expect(typeof send(core, sell(600, 9))).toBe("string");
    expect(rule(send(core, sell(500, 9)))).toBe("tradingState"); // 600 already working: would go short
  });
});

describe("RiskCore usage", () => {
  it("reports every configured limit with its figure", () => {
    const { core } = coreWith({
      maxOrdersPerSecond: 10,
      maxActiveOrders: 5,
      maxOrderVolume: 1000,
      maxOrderNotional: 1e6,
    });
    send(core, buy(100, 10));
    send(core, buy(300, 9));
    send(core, buy(2000, 9)); // refused: not a figure of what passed
    const usage = Object.fromEntries(core.usage().map((row) => [row.limit, row]));
    expect(usage.maxOrderVolume?.current).toBe(300);
    expect(usage.maxOrderNotional?.current).toBe(3000); // valued at the higher of 9 and the last price 10
    expect(usage.maxOrdersPerSecond).toEqual({ limit: "maxOrdersPerSecond", value: 10, current: 2 });
    expect(usage.maxActiveOrders?.current).toBe(2);
    expect(usage.maxActionsPerSecond?.value).toBe(DEFAULT_RISK_LIMITS.maxActionsPerSecond);
    expect(usage.maxPositionPerSymbol).toBeUndefined();
  });
});

/** Programmatic-trading counters over TCP: the control API reads them, the client gets the notices. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockServers, OrderType, RiskCode, RiskLevel, type RiskNotify, Side } from "../src/index.js";
import { loggedInTrader, richConfig, startServers } from "./helpers/servers.js";

/** Every request in the same exchange second: 10:00:00.000 in Beijing. */
const FIXED = new Date("2026-11-26T02:00:00.000Z");

describe("programmatic-trading counters", () => {
  let mock: MockServers;
  beforeAll(async () => {
    mock = await startServers({ config: richConfig(), now: () => FIXED });
  });
  afterAll(async () => {
    await mock.close();
  });

  it("push a Warning at 240 orders + cancels in one second and a Critical at 300; counts are in the control API", async () => {
    const c = await loggedInTrader(mock);
    const notices: RiskNotify[] = [];
    c.on("riskNotify", (n) => notices.push(n));
    let n = 0;
    const order = () =>
      c.order({
        clOrderId: `hf${++n}`,
        symbol: "SH.600000",
        orderType: OrderType.LMT,
        side: Side.Bid,
        volume: 100,
        price: 106_200, // the limit-down price: rests
      });
    const first = await order();
    expect(first.errorCode).toBe(0);
    expect((await c.cancel({ orderId: first.orderId, clOrderId: "" })).errorCode).toBe(0);
    for (let i = 0; i < 298; i++) expect((await order()).errorCode).toBe(0);
    // The notices travel on the same connection before the responses that follow them.
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatchObject({ level: RiskLevel.Warning, code: RiskCode.REQUESTS_PER_SECOND });
    expect(notices[1]).toMatchObject({ level: RiskLevel.Critical, code: RiskCode.REQUESTS_PER_SECOND });
    expect(notices[1]?.message).toMatch(/^high-frequency trading: 300 orders \+ cancels in one second/);
    expect(mock.control.programmaticCounts("demo")).toMatchObject({
      orders: 299,
      cancels: 1,
      instantCancels: 1,
      total: 300,
      peakPerSecond: 300,
      highFrequency: true,
    });
    expect(mock.control.programmaticCounts("other")).toMatchObject({ total: 0, highFrequency: false });
    await c.close();
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, demoConfigInput, Market, OrderType, Side, startMockServers } from "../src/index.js";
import { loggedInTrader, MD_USER, marketClient, sleep } from "./helpers/servers.js";

function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

describe("startMockServers / close", () => {
  it("picks free ports, and close() leaves no sockets or timers behind, even mid-fault", async () => {
    const before = handles();
    const mock = await startMockServers({ seed: 3, marketRateHz: 200, heartbeatIntervalMs: 20 });
    expect(mock.tradePort).toBeGreaterThan(0);
    expect(mock.marketPort).toBeGreaterThan(0);
    expect(mock.tradePort).not.toBe(mock.marketPort);
    const t = await loggedInTrader(mock);
    const m = await marketClient(mock);
    await m.login(MD_USER.user, MD_USER.password);
    await m.subscribe(Market.SH, ["600000"]);
    // Leave timers pending: delayed reports and a long stall.
    mock.control.delayReports(60_000);
    await t.order({
      clOrderId: "L1",
      symbol: "SH.600000",
      orderType: OrderType.B5TC,
      side: Side.Bid,
      volume: 100,
      price: 0,
    });
    mock.control.stallConnections(60_000, { side: "market" });
    await sleep(50);
    await mock.close();
    await Promise.all([t.waitClosed(), m.waitClosed()]);
    await sleep(20);
    const after = handles();
    for (const kind of ["TCPServerWrap", "TCPSocketWrap", "Timeout"]) {
      expect(after[kind] ?? 0, kind).toBeLessThanOrEqual(before[kind] ?? 0);
    }
  });

  it("loads a config file and fails with the field named for an invalid one", async () => {
    await expect(startMockServers({ config: "/nonexistent/config.json" })).rejects.toThrow(/cannot read/);
    const dir = mkdtempSync(join(tmpdir(), "tsgate-mock-"));
    try {
      const good = join(dir, "good.json");
      writeFileSync(good, JSON.stringify(demoConfigInput));
      const mock = await startMockServers({ config: good, marketRateHz: 0 });
      expect(mock.broker.tradingDay).toBeGreaterThan(20_000_000);
      await mock.close();
      const bad = join(dir, "bad.json");
      writeFileSync(bad, JSON.stringify({ ...demoConfigInput, fees: { commissionRate: -1 } }));
      const err = await startMockServers({ config: bad }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).issues.map((i) => i.path)).toContain("fees.commissionRate");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The fast mode's copy of the broker's matching (strategy's book-matching.ts) against the broker's
// own, beyond orders that fill at once: limit orders that rest below the market and fill later,
// from crossed levels or from the volume the market trades through them, often in part; orders that
// take more than the first level; cancels. Both modes must give the same fills, in the same order.
import type { TickData } from "@tsgate/core";
import { mulberry32 } from "@tsgate/mock-server";
import { FastBacktestEngine, readTickCsv, type StrategyClass, StrategyTemplate } from "@tsgate/strategy";
import { expect, it } from "vitest";
import { FullPathBacktestEngine } from "../src/full-path-backtest-engine.js";

/** Every 4th tick, bids one fen under the last price; every 25th, takes 500 through the asks; cancels what rests 3 ticks. */
class RestingBids extends StrategyTemplate {
  parameters = {};
  variables = { ticks: 0 };
  private restingSince = -1;

  override onTick(tick: TickData): void {
    const n = this.variables.ticks++;
    const working = this.getActiveOrders().length > 0;
    if (working && this.restingSince >= 0 && n - this.restingSince >= 3) {
      this.cancelAll();
      this.restingSince = -1;
      return;
    }
    if (working) return;
    if (n % 25 === 0) this.buy(Math.round((tick.askPrice1 + 0.01) * 100) / 100, 500);
    else if (n % 4 === 0) {
      this.buy(Math.round((tick.lastPrice - 0.01) * 100) / 100, 300);
      this.restingSince = n;
    }
  }
}

/** A seeded walk of 300 rows from 09:30, 3 s apart, with thin two-level books. */
function walkCsv(): string {
  const random = mulberry32(20_261_202);
  const lines = ["date,market,code,time,last,volume,bid1,bidVol1,bid2,bidVol2,ask1,askVol1,ask2,askVol2"];
  let fen = 1_000;
  for (let i = 0; i < 300; i++) {
    fen += Math.floor(random() * 5) - 2;
    const t = 9 * 3600 + 30 * 60 + i * 3;
    const time = [Math.floor(t / 3600), Math.floor(t / 60) % 60, t % 60]
      .map((x) => String(x).padStart(2, "0"))
      .join(":");
    const p = (f: number) => (f / 100).toFixed(2);
    const lots = (k: number) => 100 * (1 + Math.floor(random() * k));
    lines.push(
      `2026-12-01,SH,600000,${time},${p(fen)},${lots(4)},${p(fen - 1)},${lots(3)},${p(fen - 2)},${lots(5)},${p(fen + 1)},${lots(3)},${p(fen + 2)},${lots(5)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

it("resting, partial and multi-level fills and cancels come out the same in both modes", async () => {
  const job = () => ({
    strategyClass: RestingBids as unknown as StrategyClass,
    strategyName: "bids",
    vtSymbols: ["600000.SSE"],
    ticks: readTickCsv(walkCsv()),
  });
  const full = await new FullPathBacktestEngine().run(job());
  const fast = await new FastBacktestEngine().run(job());
  const fills = (r: typeof full) =>
    r.trades.map((t) => `${t.datetime.toISOString()} ${t.direction} ${t.volume}@${t.price} fee ${t.fee}`);
  expect(fills(full)).toEqual(fills(fast));
  // The case is not trivial: some orders fill in several parts, some after resting.
  const parts = new Map<string, number>();
  for (const t of full.trades) parts.set(t.vtOrderid, (parts.get(t.vtOrderid) ?? 0) + 1);
  expect([...parts.values()].some((n) => n > 1)).toBe(true);
  expect(full.trades.length).toBeGreaterThan(10);
  expect(full.summary).toEqual(fast.summary);
}, 120_000);

import { EVENT_TRADE, type EventEngine, MainEngine, type TradeData } from "@tsgate/core";
import { StrategyError } from "../errors.js";
import { StrategyEngine } from "../strategy-engine.js";
import { MemoryStrategyStore } from "../strategy-store.js";
import type { BacktestEngine, BacktestJob, BacktestResult } from "./backtest-engine.js";
import { dailyResults, markDayClose, summarize } from "./metrics.js";
import { DEFAULT_CAPITAL, ReplayGateway } from "./replay-gateway.js";

/**
 * The fast backtest: a `MainEngine` with a {@link ReplayGateway} and a `StrategyEngine`, in
 * process. Each tick is fed, then every event it caused (the strategy's orders, fills, more
 * orders) is delivered before the next tick, so results do not depend on machine speed.
 *
 * @example
 * ```ts
 * const result = await new FastBacktestEngine().run({
 *   strategyClass: MaCrossStrategy, strategyName: "ma", vtSymbols: ["600000.SSE"],
 *   ticks: readTickCsv(readFileSync("600000.csv", "utf8"), { date: "2026-12-01" }),
 * });
 * console.log(result.summary.sharpeRatio);
 * ```
 */
export class FastBacktestEngine implements BacktestEngine {
  /** `"fast"`. */
  readonly name = "fast";

  /** {@inheritDoc BacktestEngine.run} */
  async run(job: BacktestJob): Promise<BacktestResult> {
    const capital = job.capital ?? DEFAULT_CAPITAL;
    if ((job.ticks === undefined) === (job.bars === undefined)) {
      throw new StrategyError(
        "BACKTEST_DATA",
        `${job.strategyName}: give the job ticks or bars (exactly one)`,
      );
    }
    const main = new MainEngine();
    try {
      const gateway = main.addGateway(ReplayGateway, undefined, {
        vtSymbols: job.vtSymbols,
        capital,
        ...(job.fees === undefined ? {} : { fees: job.fees }),
      });
      const trades: TradeData[] = [];
      const strategies = new StrategyEngine(main, { store: new MemoryStrategyStore() });
      const strategy = strategies.addStrategy(
        job.strategyClass,
        job.strategyName,
        job.vtSymbols,
        job.setting,
      );
      main.eventEngine.register(EVENT_TRADE, (event) => trades.push(event.data));
      const ownTrades = (trade: TradeData) =>
        main.getOrder(trade.vtOrderid)?.reference === strategy.strategyName;
      main.connect({}, gateway.gatewayName);
      await strategies.initStrategy(job.strategyName);
      strategies.startStrategy(job.strategyName);
      const closes = new Map<string, Map<string, number>>();
      const markClose = (vtSymbol: string, datetime: Date, price: number) =>
        markDayClose(closes, vtSymbol, datetime, price);
      let tickCount = 0;
      let barCount = 0;
      for await (const tick of job.ticks ?? []) {
        tickCount += 1;
        gateway.feed(tick);
        await settle(main.eventEngine);
        markClose(tick.vtSymbol, tick.datetime, tick.lastPrice);
      }
      for await (const bar of job.bars ?? []) {
        barCount += 1;
        gateway.feedBar(bar);
        await settle(main.eventEngine); // fills reach the strategy before its bar
        strategies.processBar(bar);
        await settle(main.eventEngine);
        markClose(bar.vtSymbol, bar.datetime, bar.closePrice);
      }
      strategies.stopStrategy(job.strategyName);
      await settle(main.eventEngine);
      strategies.close();
      const own = trades.filter(ownTrades);
      const daily = dailyResults(own, closes, capital);
      return {
        engine: this.name,
        strategyName: job.strategyName,
        tickCount,
        barCount,
        trades: own,
        daily,
        summary: summarize(daily, capital),
      };
    } finally {
      await main.close();
    }
  }
}

/** Delivers every queued event, including those put by handlers meanwhile. */
async function settle(eventEngine: EventEngine): Promise<void> {
  while (eventEngine.pending > 0) await eventEngine.flush();
}

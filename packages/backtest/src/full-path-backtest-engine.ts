import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CancelRequest,
  createSubscribeRequest,
  EVENT_TICK,
  EVENT_TRADE,
  MainEngine,
  type OrderRequest,
  parseVtSymbol,
  type TickData,
  type TradeData,
} from "@tsgate/core";
import { HftGateway } from "@tsgate/hft-gateway";
import { type SessionMode, startMockServers } from "@tsgate/mock-server";
import {
  ASHARE_FEES,
  type BacktestEngine,
  type BacktestJob,
  type BacktestResult,
  CHINA_UTC_OFFSET_MS,
  DEFAULT_CAPITAL,
  dailyResults,
  MemoryStrategyStore,
  markDayClose,
  StrategyEngine,
  StrategyError,
  summarize,
} from "@tsgate/strategy";
import { BACKTEST_LOGIN, backtestGatewaySetting, backtestMockConfig } from "./backtest-mock-config.js";
import { DEFAULT_STALL_TIMEOUT_MS, ReactionBarrier } from "./reaction-barrier.js";
import { writeReplayCsv } from "./replay-csv-writer.js";

/** Options of {@link FullPathBacktestEngine}. */
export interface FullPathBacktestOptions {
  /**
   * The mock broker's sessions: `realtime` (default) applies call auctions, the lunch break, the
   * close and the rollover on the simulated clock; `always-open` trades at any time.
   */
  readonly sessionMode?: SessionMode;
  /** How long without any progress before the run fails with `BACKTEST_STALLED`; default 30 s. */
  readonly stallTimeoutMs?: number;
  /** Path of the HFT C library; default the bundled simulation library (as HftGateway's `libraryPath`). */
  readonly libraryPath?: string;
  /** How long to wait for the gateway's READY; default 30 s. */
  readonly readyTimeoutMs?: number;
  /** Called after each market step has settled, with the ticks replayed so far (progress, sampling). */
  readonly onProgress?: (ticksReplayed: number) => void;
}

const GATEWAY_NAME = "HFT";
const DEFAULT_READY_TIMEOUT_MS = 30_000;
/** The broker's clock starts at 09:00 of the first day (before the opening auction), Beijing time. */
const CLOCK_START_MINUTES = 9 * 60;

/**
 * The full-path backtest: the strategy runs on a `StrategyEngine` on a `MainEngine` with an
 * `HftGateway` over the native library (koffi) and TCP, against `startMockServers` replaying the
 * job's ticks with the dates' rules and the fees, on a simulated clock that this engine steps.
 *
 * How a step goes: the clock (stopped, speed 0) moves to the next moment of the data, the market
 * makes one step (one row per instrument), and the engine waits until every consequence has
 * arrived: the ticks, the strategy's orders acknowledged, every report the broker wrote delivered,
 * no cancel on its way (`reaction-barrier.ts`). Only then the next step; so results depend on
 * the data and the code, not on machine speed.
 *
 * Limits: ticks must be in lockstep (every instrument at every moment: the mock steps all
 * instruments together); bars (`job.bars`) are for the fast mode only; instruments are stocks.
 */
export class FullPathBacktestEngine implements BacktestEngine {
  /** `"full-path"`. */
  readonly name = "full-path";

  /** @param options - sessions, stall timeout, library path */
  constructor(private readonly options: FullPathBacktestOptions = {}) {}

  /**
   * Runs the job to the end of its ticks (class comment).
   *
   * @throws StrategyError `BACKTEST_DATA` for bars, ticks out of lockstep or rows the broker does
   *   not trade; `BACKTEST_STALLED` when nothing moves for the stall timeout
   */
  async run(job: BacktestJob): Promise<BacktestResult> {
    if (job.ticks === undefined || job.bars !== undefined) {
      throw new StrategyError(
        "BACKTEST_DATA",
        `${job.strategyName}: the full-path backtest replays ticks; give the job ticks (bars run in the fast mode)`,
      );
    }
    const capital = job.capital ?? DEFAULT_CAPITAL;
    const dir = mkdtempSync(join(tmpdir(), "tsgate-backtest-"));
    try {
      const csvPath = join(dir, "replay.csv");
      const plan = await writeReplayCsv(csvPath, job.ticks, job.vtSymbols);
      const first = plan.steps[0];
      const preCloses = new Map(job.vtSymbols.map((s) => [s, plan.firstPrices.get(s) ?? 0]));
      const mock = await startMockServers({
        config: backtestMockConfig({
          csvPath,
          preCloses,
          capital,
          fees: job.fees ?? ASHARE_FEES,
          sessionMode: this.options.sessionMode ?? "realtime",
        }),
        marketRateHz: 0,
        clock: { start: clockStart(first?.time ?? Date.now()), speed: 0 },
      });
      const main = new MainEngine();
      const barrier = new ReactionBarrier(
        main,
        GATEWAY_NAME,
        mock,
        BACKTEST_LOGIN.user,
        this.options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
      );
      try {
        main.addGateway(observedGateway(barrier), GATEWAY_NAME);
        main.connect(backtestGatewaySetting(mock, this.options.libraryPath), GATEWAY_NAME);
        await main.waitForReady(GATEWAY_NAME, this.options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
        // Subscribed here first, so the picture the broker sends on subscribing reaches the
        // engine before the strategy is inited: the strategy sees only the replayed rows.
        for (const vtSymbol of job.vtSymbols)
          main.subscribe(createSubscribeRequest(parseVtSymbol(vtSymbol)), GATEWAY_NAME);
        barrier.expectTicks(job.vtSymbols.length);
        await barrier.settle();

        const strategies = new StrategyEngine(main, { store: new MemoryStrategyStore() });
        const strategy = strategies.addStrategy(
          job.strategyClass,
          job.strategyName,
          job.vtSymbols,
          job.setting,
        );
        const trades: TradeData[] = [];
        main.eventEngine.register(EVENT_TRADE, (event) => {
          if (main.getOrder(event.data.vtOrderid)?.reference === strategy.strategyName)
            trades.push(event.data);
        });
        await strategies.initStrategy(job.strategyName);
        strategies.startStrategy(job.strategyName);
        const closes = new Map<string, Map<string, number>>();
        const startTicks = barrier.tickCount;
        main.eventEngine.register(EVENT_TICK, ({ data }) =>
          markDayClose(closes, data.vtSymbol, data.datetime, data.lastPrice),
        );

        for (const step of plan.steps) {
          const now = mock.control.clock()?.time.getTime() ?? step.time;
          if (step.time > now) mock.control.advanceClock(step.time - now);
          const sent = mock.control.marketStats().snapshotsSent;
          mock.control.stepMarket(1);
          const published = mock.control.marketStats().snapshotsSent - sent;
          if (published !== step.rows) {
            throw new StrategyError(
              "BACKTEST_DATA",
              `full-path replay at ${new Date(step.time).toISOString()}: the broker published ${published} of ${step.rows} rows (outside its trading sessions, or on a day it does not trade); drop those rows or use sessionMode "always-open"`,
            );
          }
          const lastSumBefore = barrier.lastPriceSum;
          barrier.expectTicks(step.rows);
          await barrier.settle();
          // In a call auction (and, by the broker's rules, before 09:30) the broker shows its own
          // prices and keeps the rows for later: every later step would be off by one.
          if (barrier.lastPriceSum - lastSumBefore !== step.lastSum) {
            throw new StrategyError(
              "BACKTEST_DATA",
              `full-path replay at ${new Date(step.time).toISOString()}: the broker published its own prices, not the rows (a call auction, or a phase it does not trade in); drop the rows between 09:15 and 09:30 and from 14:57, or use sessionMode "always-open"`,
            );
          }
          this.options.onProgress?.(barrier.tickCount - startTicks);
        }
        strategies.stopStrategy(job.strategyName);
        await barrier.settle();
        strategies.close();
        const daily = dailyResults(trades, closes, capital);
        return {
          engine: this.name,
          strategyName: job.strategyName,
          tickCount: barrier.tickCount - startTicks,
          barCount: 0,
          trades,
          daily,
          summary: summarize(daily, capital),
        };
      } finally {
        barrier.dispose();
        await main.close();
        await mock.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * An HftGateway class that tells the barrier about every order and cancel it sends, and pushes each
 * tick only once the fills and order states the broker reported before it have arrived.
 */
function observedGateway(barrier: ReactionBarrier): typeof HftGateway {
  return class ObservedHftGateway extends HftGateway {
    override onTick(tick: TickData): void {
      barrier.deliverWhenCaughtUp(() => super.onTick(tick));
    }

    override sendOrder(req: OrderRequest): string {
      const vtOrderid = super.sendOrder(req);
      barrier.orderSent(vtOrderid.slice(vtOrderid.indexOf(".") + 1));
      return vtOrderid;
    }

    override cancelOrder(req: CancelRequest): void {
      barrier.cancelSent(req.orderid);
      super.cancelOrder(req);
    }
  };
}

/** 09:00 Beijing on the day of `firstTickMs`, or just before the tick when it is earlier. */
function clockStart(firstTickMs: number): Date {
  const localMs = firstTickMs + CHINA_UTC_OFFSET_MS;
  const dayStart = localMs - (localMs % 86_400_000) - CHINA_UTC_OFFSET_MS;
  return new Date(Math.min(dayStart + CLOCK_START_MINUTES * 60_000, firstTickMs - 1));
}

/**
 * One soak run: mock servers → HftGateway → MainEngine, the strategy trading while the seeded
 * fault schedule plays, then settling (faults off, every order cancelled or finished, every server
 * trade received, a barrier order) and the ledger check. Used by test/soak.test.ts and
 * scripts/soak.ts. Every wait is a bounded poll on a condition; nothing asserts on speed.
 */
import {
  ACTIVE_STATUSES,
  createOrderRequest,
  Direction,
  Exchange,
  isRiskRefusal,
  type JournalContents,
  MainEngine,
  type OrderJournal,
  OrderType,
  Status,
} from "@tsgate/core";
import { demoConfigInput, type MockConfig, parseMockConfig, startMockServers } from "@tsgate/mock-server";
import { HftGateway } from "../../src/index.js";
import { serverOrders } from "../helpers/ledger.js";
import { startOneWayProxy } from "../helpers/one-way-proxy.js";
import { brokerTradeIds, checkLedger } from "./checks.js";
import {
  emptyCounts,
  type FaultCounts,
  type FaultKind,
  type FaultWeights,
  makeSchedule,
  playSchedule,
} from "./faults.js";
import { Ledger } from "./ledger.js";
import { Prng } from "./prng.js";
import { checkRisk, SOAK_RISK } from "./risk.js";
import { GATEWAY, INSTRUMENTS, Strategy } from "./strategy.js";

export interface SoakOptions {
  readonly faults: number;
  readonly seed: number;
  /** Longest wait for any settling condition (default 60 s). */
  readonly settleTimeoutMs?: number;
  /** Progress lines (default: none). */
  readonly progress?: (line: string) => void;
  /** An order journal for the gateway; afterwards it must hold exactly what the strategy received. */
  readonly journal?: OrderJournal;
  /** Extra gateway settings, e.g. the vendor path's `libraryPath` and `terminalInfo`. */
  readonly setting?: Readonly<Record<string, unknown>>;
  /** Whether the library's trade reports carry fees (default true; the vendor SDK's do not). */
  readonly feesPerTrade?: boolean;
  /** Relative weights of the fault kinds (default: every kind, {@link DEFAULT_WEIGHTS}). */
  readonly weights?: FaultWeights;
  /** Fault kinds the schedule must play at least once, however short. */
  readonly required?: readonly FaultKind[];
}

export interface SoakResult {
  readonly seed: number;
  readonly faultCount: number;
  readonly faults: FaultCounts;
  readonly figures: Record<string, number>;
  readonly reconnects: { TRADE: number; MARKET: number };
  readonly mismatches: string[];
  readonly durationMs: number;
  /** Recent gateway logs, for a failure report. */
  readonly recentLogs: string[];
}

const PASSWORD = "demo123";
/** Gateway heartbeat: a server silent for 500 ms is reconnected; stalls last longer. */
const GW_HEARTBEAT_INTERVAL_MS = 100;
const GW_HEARTBEAT_TIMEOUT_MS = 500;

/**
 * The demo config with a richer account (cash and start-of-day holdings of every traded
 * instrument), so that a long run neither runs out of cash nor of shares to sell.
 */
export function soakConfig(): MockConfig {
  const [account] = demoConfigInput.accounts;
  return parseMockConfig({
    ...demoConfigInput,
    accounts: [
      {
        ...account,
        cash: 50_000_000,
        positions: [
          { symbol: "SH.600000", volume: 500_000, costPrice: 10.85 },
          { symbol: "SZ.000001", volume: 500_000, costPrice: 11.62 },
          { symbol: "SH.510300", volume: 1_000_000, costPrice: 3.912 },
          { symbol: "SH.601318", volume: 100_000, costPrice: 55.2 },
        ],
      },
    ],
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 20 ms until true or `timeoutMs`; returns whether it became true. */
async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const settleMs = options.settleTimeoutMs ?? 60_000;
  const progress = options.progress ?? (() => {});
  const prng = new Prng(options.seed);
  const schedule = makeSchedule(
    prng,
    options.faults,
    GW_HEARTBEAT_TIMEOUT_MS + 200,
    options.weights,
    options.required,
  );
  const counts = emptyCounts();
  const mismatches: string[] = [];
  const mockOptions = {
    config: soakConfig(),
    seed: options.seed,
    marketRateHz: 20,
    heartbeatIntervalMs: 100,
    heartbeatTimeoutMs: 2000,
  };
  let mock = await startMockServers(mockOptions);
  // The trade connection runs through a proxy that can lose the client -> server direction.
  const tradeProxy = await startOneWayProxy(mock.tradePort);
  const main = new MainEngine(undefined, { risk: SOAK_RISK });
  try {
    const ledger = new Ledger(main.eventEngine);
    main.addGateway(HftGateway, GATEWAY, options.journal === undefined ? {} : { journal: options.journal });
    let initial = mock.broker.books("demo");
    main.connect(
      {
        交易用户名: "demo",
        交易密码: PASSWORD,
        交易服务器: "127.0.0.1",
        交易端口: tradeProxy.port,
        行情用户名: "demo",
        行情密码: PASSWORD,
        行情服务器: "127.0.0.1",
        行情端口: mock.marketPort,
        reconnectMinMs: 20,
        reconnectMaxMs: 200,
        heartbeatIntervalMs: GW_HEARTBEAT_INTERVAL_MS,
        heartbeatTimeoutMs: GW_HEARTBEAT_TIMEOUT_MS,
        ...options.setting,
      },
      GATEWAY,
    );
    const loggedIn = await until(
      () => ledger.connected() && main.getAllLogs().some((l) => /成交信息查询成功/.test(l.msg)),
      settleMs,
    );
    if (!loggedIn) throw new Error("the gateway did not connect and log in");
    for (const i of INSTRUMENTS)
      main.subscribe(
        { symbol: i.symbol, exchange: i.exchange, vtSymbol: `${i.symbol}.${i.exchange}` },
        GATEWAY,
      );
    const ticked = await until(
      () => INSTRUMENTS.every((i) => main.getTick(`${i.symbol}.${i.exchange}`) !== undefined),
      settleMs,
    );
    if (!ticked) throw new Error("no ticks for the traded instruments");

    const holdings = new Map<string, number>();
    for (const p of initial.positions) {
      const [market, code] = p.symbol.split(".");
      holdings.set(`${code}.${market === "SH" ? "SSE" : "SZSE"}`, p.ydVolume);
    }
    const strategy = new Strategy(main, prng, holdings);
    progress(`seed ${options.seed}: ${options.faults} faults`);

    // Broker restarts (books lost): the checks compare the last broker's books with what the
    // gateway received since that broker started (its own ledger); earlier brokers are gone.
    let era = { ledger, sentFrom: 0 };
    const restartBroker = async (downMs: number): Promise<void> => {
      const old = mock;
      await old.close();
      // What the old broker managed to send is in before the new era starts counting.
      await until(() => ledger.status.get("TRADE")?.state !== "CONNECTED", settleMs);
      await main.eventEngine.flush();
      await sleep(downMs);
      era = { ledger: new Ledger(main.eventEngine), sentFrom: strategy.sent.length };
      mock = await startMockServers({ ...mockOptions, tradePort: old.tradePort, marketPort: old.marketPort });
      initial = mock.broker.books("demo");
    };

    strategy.start();
    await playSchedule(() => mock.control, schedule, counts, {
      restartBroker,
      beforeRestart: () => strategy.sendOne(),
      oneWayLoss: () => tradeProxy.blackholeUpstream(),
      afterStep: (done) => {
        if (done % 100 === 0) {
          progress(
            `${done} faults, ${strategy.sent.length} orders, ${ledger.tradeIds().size} trades, ${Math.round((Date.now() - started) / 1000)} s`,
          );
        }
      },
    });
    strategy.stop();
    progress(`schedule done after ${Date.now() - started} ms; settling`);

    // Settle: faults off, both sides back, every order final (cancel what still rests).
    mock.control.resetFaults();
    const settled = await until(() => {
      if (!ledger.connected()) return false;
      strategy.cancelActive();
      return strategy.activeOrders().length === 0;
    }, settleMs);
    if (!settled)
      mismatches.push(
        `settle: still active after ${settleMs} ms: ${strategy.activeOrders().slice(0, 10).join(", ")}`,
      );
    const serverTradeIds = () =>
      mock.broker.reportsAfter("demo", 0).flatMap((r) => (r.type === "trade" ? [r.body.tradeId] : []));
    const allTrades = await until(() => {
      const received = brokerTradeIds(era.ledger);
      return serverTradeIds().every((id) => received.has(id));
    }, settleMs);
    if (!allTrades) mismatches.push("settle: not every server trade reached the gateway");

    // Barrier: reports come in sequence order, so once this order's CANCELLED arrives nothing
    // earlier can still be on its way (a late duplicate would be seen by the checks).
    const tick = main.getTick("600000.SSE");
    const sent = strategy.sent.map((s) => s.vtOrderid);
    if (tick !== undefined) {
      const barrier = main.sendOrder(
        createOrderRequest({
          symbol: "600000",
          exchange: Exchange.SSE,
          direction: Direction.LONG,
          type: OrderType.LIMIT,
          volume: 100,
          price: tick.limitDown,
        }),
        GATEWAY,
      );
      sent.push(barrier);
      const resting = await until(() => {
        const status = ledger.orders.get(barrier)?.status;
        return status !== undefined && status !== Status.SUBMITTING;
      }, settleMs);
      const order = ledger.orders.get(barrier);
      if (resting && order?.status === Status.NOTTRADED)
        main.cancelOrder(
          { orderid: order.orderid, symbol: "600000", exchange: Exchange.SSE, vtSymbol: "600000.SSE" },
          GATEWAY,
        );
      const done =
        resting && (await until(() => ledger.orders.get(barrier)?.status === Status.CANCELLED, settleMs));
      if (!done)
        mismatches.push(`barrier order ${barrier} not cancelled: ${ledger.orders.get(barrier)?.status}`);
    }
    const accountsBefore = ledger.accounts.length;
    main.queryAccount(GATEWAY);
    await until(() => ledger.accounts.length > accountsBefore, settleMs);
    await main.eventEngine.flush();

    // Orders of earlier brokers are checked for being final; the last broker's in full.
    const known = serverOrders(mock);
    const eraSent = sent.filter(
      (vtOrderid, i) => i >= era.sentFrom || known.has(vtOrderid.slice(GATEWAY.length + 1)),
    );
    const check = checkLedger({
      mock,
      ledger: era.ledger,
      initial,
      sent: eraSent,
      ...(options.feesPerTrade === undefined ? {} : { feesPerTrade: options.feesPerTrade }),
    });
    mismatches.push(...check.mismatches);
    if (era.ledger !== ledger) {
      for (const id of ledger.duplicateTradeIds) mismatches.push(`trade ${id} received more than once`);
      for (const vtOrderid of sent) {
        const status = ledger.orders.get(vtOrderid)?.status;
        if (status === undefined || ACTIVE_STATUSES.has(status))
          mismatches.push(`${vtOrderid}: ${status ?? "no order event"} after a broker restart`);
      }
    }
    const riskCheck = checkRisk(main);
    mismatches.push(...riskCheck.mismatches);
    if (options.journal !== undefined) {
      await main.close(); // commits what the journal still has queued
      mismatches.push(...checkJournal(options.journal.load(GATEWAY), ledger));
    }
    return {
      seed: options.seed,
      faultCount: options.faults,
      faults: counts,
      figures: { ...check.figures, cancelsSent: strategy.cancelsSent, ...riskCheck.figures },
      reconnects: { ...ledger.reconnects },
      mismatches,
      durationMs: Date.now() - started,
      recentLogs: main
        .getAllLogs()
        .slice(-20)
        .map((l) => l.msg),
    };
  } finally {
    await main.close();
    await tradeProxy.close();
    await mock.close();
  }
}

/** The printed summary: faults by kind, orders, trades, reconnects; on failure the mismatches and the replay hint. */
export function formatSoak(result: SoakResult, replay?: string): string {
  const { connectionsHit, ...byKind } = result.faults;
  const lines = [
    `soak seed ${result.seed}: ${result.faultCount} faults in ${(result.durationMs / 1000).toFixed(1)} s`,
    `  faults: ${Object.entries(byKind)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")} (connections hit: ${connectionsHit})`,
    `  figures: ${Object.entries(result.figures)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
    `  reconnects seen (status events): trade=${result.reconnects.TRADE} market=${result.reconnects.MARKET}`,
  ];
  if (result.mismatches.length === 0) lines.push("  ledger: exact (positions, cash, orders, trades)");
  else {
    lines.push(`  LEDGER MISMATCH (${result.mismatches.length}):`);
    for (const m of result.mismatches.slice(0, 50)) lines.push(`    ${m}`);
    lines.push("  recent gateway logs:");
    for (const l of result.recentLogs) lines.push(`    ${l}`);
    lines.push(
      `  replay: ${replay ?? `npm run soak -- --faults ${result.faultCount} --seed ${result.seed}`}`,
    );
  }
  return lines.join("\n");
}

/** The journal against the strategy's ledger: the same trades, and each order's last state. */
function checkJournal(journal: JournalContents, ledger: Ledger): string[] {
  const bad: string[] = [];
  const saved = new Set(journal.trades.map((t) => t.tradeid));
  if (saved.size !== journal.trades.length) bad.push("journal: a trade saved twice");
  for (const id of ledger.tradeIds()) if (!saved.has(id)) bad.push(`journal: trade ${id} missing`);
  for (const id of saved) if (!ledger.tradeIds().has(id)) bad.push(`journal: trade ${id} never received`);
  const orders = new Map(journal.orders.map((o) => [o.order.vtOrderid, o.order]));
  for (const [vtOrderid, order] of ledger.orders) {
    if (isRiskRefusal(order)) continue; // refused before the gateway: never journalled
    const mine = orders.get(vtOrderid);
    if (mine === undefined) bad.push(`journal: order ${vtOrderid} missing`);
    else if (mine.status !== order.status || mine.traded !== order.traded)
      bad.push(
        `journal: order ${vtOrderid} ${mine.status}/${mine.traded}, received ${order.status}/${order.traded}`,
      );
  }
  return bad;
}

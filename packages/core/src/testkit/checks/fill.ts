import { Status } from "../../constants.js";
import { EVENT_TRADE } from "../../event-types.js";
import { isActiveOrder } from "../../objects/order.js";
import type { TradeData } from "../../objects/trade.js";
import { ConformanceError } from "../errors.js";
import { listProblems, showOrder, showStatuses, showValue } from "../messages.js";
import type { ConformanceSession } from "../session.js";
import { settle } from "../settle.js";
import { isFinished, lifecycleProblems, sameNumber, tradeProblems } from "./order-rules.js";
import { expectSubmitting } from "./send-order.js";

const CHECK = "fill";

/**
 * Checks a fill with the harness's filling order: SUBMITTING first, then valid transitions
 * (optionally through PARTTRADED) to ALLTRADED; its trades carry the order's vtOrderid, are
 * published on `eTrade.` and `eTrade.<vtSymbol>`, have unique vtTradeids, prices within the limit,
 * and volumes summing exactly to the order's `traded`. Calls `harness.makeMarketMove` once if the
 * order is still working after its acknowledgement.
 *
 * @throws {@link ConformanceError} or `WaitTimeoutError` describing the first violation
 */
export async function checkFill(session: ConformanceSession): Promise<void> {
  const { options, recorder } = session;
  const contract = await session.connect();
  await session.subscribe();
  const req = options.harness.fillingOrder(contract, session.latestTick());
  const vtOrderid = session.sendOrder(req, CHECK);
  try {
    await expectSubmitting(session, vtOrderid, req, CHECK);
    const acked = await session.waitForOrder(
      vtOrderid,
      (o) => o.status !== Status.SUBMITTING,
      "leave SUBMITTING",
    );
    const move = options.harness.makeMarketMove;
    if (move !== undefined && isActiveOrder(session.latestOrder(vtOrderid) ?? acked)) {
      await move(contract, session.latestTick(), session.latestOrder(vtOrderid) ?? acked);
    }
    const final = await session.waitForOrder(
      vtOrderid,
      isFinished,
      "finish (ALLTRADED expected)",
      options.timeouts.fill,
    );
    if (final.status !== Status.ALLTRADED) {
      throw new ConformanceError(
        CHECK,
        `the filling order ended ${showOrder(final)}, expected ALLTRADED (statuses: ${showStatuses(session.orderUpdates(vtOrderid))}); fillingOrder() must return an order that trades completely. Request: ${showValue(req)}`,
      );
    }
    const sum = (): number =>
      uniqueTrades(session.tradesOf(vtOrderid)).reduce((total, t) => total + t.volume, 0);
    await recorder.waitUntil(
      () => sum() >= final.traded,
      options.timeouts.fill,
      `trades of ${vtOrderid} adding up to its traded volume ${final.traded}`,
      () =>
        `Trades of ${vtOrderid} so far: ${showValue(session.tradesOf(vtOrderid).map((t) => [t.vtTradeid, t.volume]))}.`,
    );
    // Late duplicates or extra fills would show up here.
    await settle(session.eventEngine, options.timeouts.quietPeriod);

    const trades = session.tradesOf(vtOrderid);
    const problems = lifecycleProblems(session.orderUpdates(vtOrderid));
    for (const trade of trades) problems.push(...tradeProblems(trade, final));
    const ids = trades.map((t) => t.vtTradeid);
    const duplicated = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (duplicated.length > 0)
      problems.push(`trade(s) ${[...new Set(duplicated)].join(", ")} published more than once`);
    const total = trades.reduce((t, trade) => t + trade.volume, 0);
    if (!sameNumber(total, final.traded)) {
      problems.push(`trade volumes sum to ${total} but the order's traded is ${final.traded}`);
    }
    const specific = new Set<unknown>(recorder.dataOf(`${EVENT_TRADE}${final.vtSymbol}`));
    const missing = trades.filter((t) => !specific.has(t));
    if (missing.length > 0) {
      problems.push(
        `trade(s) not published on "${EVENT_TRADE}${final.vtSymbol}" (use onTrade()): ${missing.map((t) => t.vtTradeid).join(", ")}`,
      );
    }
    if (problems.length > 0) throw new ConformanceError(CHECK, listProblems(problems));
  } finally {
    await session.cancelQuietly(vtOrderid);
  }
}

function uniqueTrades(trades: readonly TradeData[]): TradeData[] {
  const byId = new Map<string, TradeData>();
  for (const trade of trades) if (!byId.has(trade.vtTradeid)) byId.set(trade.vtTradeid, trade);
  return [...byId.values()];
}

/**
 * The ledger check: the client's books (derived from the events it received) against the mock
 * broker's own books and reports. Returns every mismatch as a readable line; empty means exact.
 */
import { ACTIVE_STATUSES, Status } from "@tsgate/core";
import { type AccountBooks, type MockServers, Side, yuanToScaled } from "@tsgate/mock-server";
import { brokerTradeIdOf } from "../../src/reconciliation.js";
import { serverOrders } from "../helpers/ledger.js";
import type { Ledger } from "./ledger.js";
import { GATEWAY } from "./strategy.js";

/** "600000.SSE" → "SH.600000". */
export function serverSymbol(vtSymbol: string): string {
  const [code, exchange] = vtSymbol.split(".");
  return `${exchange === "SSE" ? "SH" : "SZ"}.${code}`;
}

/**
 * The broker's trade ids of what a ledger received: the gateway scopes the ids of a broker's
 * later sessions as `<tradeId>@<n>` (src/reconciliation.ts), the broker knows them unscoped.
 */
export function brokerTradeIds(ledger: Ledger): Set<string> {
  return new Set([...ledger.tradeIds()].map(brokerTradeIdOf));
}

export interface CheckInput {
  readonly mock: MockServers;
  readonly ledger: Ledger;
  /** Books at the start, before the strategy traded. */
  readonly initial: AccountBooks;
  /** vtOrderids of every order the strategy sent. */
  readonly sent: readonly string[];
  readonly accountId?: string;
  /**
   * Whether trade reports carry their fee (default true). The vendor SDK's trade report has no
   * fee field (`TradeDetail`, hft_trader_struct.h, vnpy/vnpy_hft 906fd5a, read 2026-12-02), so on
   * the vendor path fees are known only from the broker's cash answer: the derived balance then
   * takes the server's fees, and the gateway's trades must carry none.
   */
  readonly feesPerTrade?: boolean;
}

export interface CheckResult {
  readonly mismatches: string[];
  /** What was compared, with the figures, for the printed summary. */
  readonly figures: Record<string, number>;
}

export function checkLedger(input: CheckInput): CheckResult {
  const { mock, ledger, initial } = input;
  const accountId = input.accountId ?? "demo";
  const bad: string[] = [];
  const books = mock.broker.books(accountId);
  const reports = mock.broker.reportsAfter(accountId, 0);
  const serverTrades = new Map<string, { fee: number; amount: number; clOrderId: string }>();
  for (const r of reports) {
    if (r.type === "trade") {
      serverTrades.set(r.body.tradeId, {
        fee: r.body.fee,
        amount: r.body.amount,
        clOrderId: r.body.clOrderId,
      });
    }
  }

  // 1. No trade id seen twice, and exactly the server's trades were received.
  for (const id of ledger.duplicateTradeIds) bad.push(`trade ${id} received more than once`);
  const received = brokerTradeIds(ledger);
  for (const id of serverTrades.keys()) if (!received.has(id)) bad.push(`server trade ${id} never received`);
  for (const id of received)
    if (!serverTrades.has(id)) bad.push(`received trade ${id} unknown to the server`);

  // 2. Positions from received trades = server positions, exactly, for every symbol.
  const start = new Map(initial.positions.map((p) => [p.symbol, p.volume]));
  const end = new Map(books.positions.map((p) => [p.symbol, p.volume]));
  const derived = new Map(start);
  for (const [vtSymbol, delta] of ledger.positionDelta) {
    const symbol = serverSymbol(vtSymbol);
    derived.set(symbol, (derived.get(symbol) ?? 0) + delta);
  }
  for (const symbol of new Set([...derived.keys(), ...end.keys()])) {
    const mine = derived.get(symbol) ?? 0;
    const theirs = end.get(symbol) ?? 0;
    if (mine !== theirs) bad.push(`position ${symbol}: derived ${mine}, server ${theirs}`);
  }

  // 3. Cash: start balance + trade amounts − fees, all from the received TradeData, = the server's
  //    balance; and the fees received equal the server's per-trade fees and its fee total.
  let fees = 0;
  let serverAmountFlow = 0;
  for (const id of received) {
    const st = serverTrades.get(id);
    if (st === undefined) continue;
    fees += st.fee;
  }
  for (const r of reports) {
    if (r.type === "trade") serverAmountFlow += (r.body.side === Side.Bid ? -1 : 1) * r.body.amount;
  }
  const feesPerTrade = input.feesPerTrade ?? true;
  const derivedCash = initial.cash.balance + ledger.amountFlow - (feesPerTrade ? ledger.fees : fees);
  if (derivedCash !== books.cash.balance) {
    bad.push(`cash balance: derived ${derivedCash}, server ${books.cash.balance} (scaled ×10^4)`);
  }
  if (ledger.fees !== (feesPerTrade ? fees : 0))
    bad.push(
      `fees: received ${ledger.fees}, expected ${feesPerTrade ? `the server's per-trade sum ${fees}` : "none"} (scaled ×10^4)`,
    );
  if (ledger.amountFlow !== serverAmountFlow) {
    bad.push(`trade amounts: derived ${ledger.amountFlow}, server ${serverAmountFlow} (scaled ×10^4)`);
  }
  if (books.cash.totalFee - initial.cash.totalFee !== fees) {
    bad.push(`fees: per-trade sum ${fees}, server total ${books.cash.totalFee - initial.cash.totalFee}`);
  }
  //    And the balance the gateway pushed in its last account event (after a fresh query).
  const account = ledger.accounts.at(-1);
  if (account === undefined) bad.push("no account event received");
  else if (yuanToScaled(account.balance) !== books.cash.balance) {
    bad.push(`account event balance ${account.balance}, server ${books.cash.balance / 10_000}`);
  }

  // 4. Every order final, none SUBMITTING, and the same final state and fill as the server's.
  const server = serverOrders(mock, accountId);
  const traded = ledger.tradedByOrder();
  let onServer = 0;
  let localRejects = 0;
  for (const vtOrderid of input.sent) {
    const order = ledger.orders.get(vtOrderid);
    if (order === undefined) {
      bad.push(`${vtOrderid}: no order event received`);
      continue;
    }
    if (order.status === Status.SUBMITTING) bad.push(`${vtOrderid}: stuck in SUBMITTING`);
    else if (ACTIVE_STATUSES.has(order.status)) bad.push(`${vtOrderid}: still ${order.status}`);
    const id = vtOrderid.slice(GATEWAY.length + 1);
    const theirs = server.get(id);
    if (theirs === undefined) {
      // Never reached the server: only a gateway-side rejection is acceptable.
      localRejects++;
      if (order.status !== Status.REJECTED)
        bad.push(`${vtOrderid}: ${order.status} but unknown to the server`);
      continue;
    }
    onServer++;
    if (theirs.status === "ACTIVE") bad.push(`${vtOrderid}: still active on the server`);
    else if (theirs.status !== order.status)
      bad.push(`${vtOrderid}: ${order.status}, server ${theirs.status}`);
    if (order.traded !== theirs.filled)
      bad.push(`${vtOrderid}: traded ${order.traded}, server filled ${theirs.filled}`);
    if ((traded.get(vtOrderid) ?? 0) !== theirs.filled) {
      bad.push(`${vtOrderid}: trades received ${traded.get(vtOrderid) ?? 0}, server filled ${theirs.filled}`);
    }
  }
  const sentSet = new Set(input.sent);
  for (const id of server.keys()) {
    if (!sentSet.has(`${GATEWAY}.${id}`)) bad.push(`server order ${id} was not sent by the strategy`);
  }
  for (const id of ledger.reopened) bad.push(`${id}: left a final state`);

  const statuses: Record<string, number> = {};
  let partlyFilledCancelled = 0;
  for (const vtOrderid of input.sent) {
    const order = ledger.orders.get(vtOrderid);
    const s = order?.status ?? "NONE";
    statuses[s] = (statuses[s] ?? 0) + 1;
    if (order?.status === Status.CANCELLED && order.traded > 0) partlyFilledCancelled++;
  }
  return {
    mismatches: bad,
    figures: {
      orders: input.sent.length,
      ordersOnServer: onServer,
      ordersRejectedLocally: localRejects,
      ...Object.fromEntries(Object.entries(statuses).map(([k, v]) => [`orders${k}`, v])),
      ordersPartlyFilledThenCancelled: partlyFilledCancelled,
      orderEvents: ledger.orderEvents,
      trades: received.size,
      tradeEvents: ledger.trades.length,
      serverTrades: serverTrades.size,
      feesScaled: fees,
    },
  };
}

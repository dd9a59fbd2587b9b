import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MessageType,
  type MockServers,
  OrderType,
  QueryKind,
  type Report,
  Side,
  type TradeClient,
} from "../src/index.js";
import { ACCOUNT, loggedInTrader, startServers, tradeClient, waitFor } from "./helpers/servers.js";

let mock: MockServers;
let limitDown = 0;
beforeAll(async () => {
  mock = await startServers();
  const c = await loggedInTrader(mock);
  limitDown = (await c.queryAll(QueryKind.Securities, { symbol: "SH.600000" }))[0]!.limitDown;
  await c.close();
});
afterAll(() => mock.close());

async function trade(c: TradeClient, id: string): Promise<void> {
  const r1 = await c.order({
    clOrderId: `${id}-m`,
    symbol: "SH.600000",
    orderType: OrderType.B5TC,
    side: Side.Bid,
    volume: 100,
    price: 0,
  });
  const r2 = await c.order({
    clOrderId: `${id}-l`,
    symbol: "SH.600000",
    orderType: OrderType.LMT,
    side: Side.Bid,
    volume: 100,
    price: limitDown,
  });
  expect([r1.errorCode, r2.errorCode]).toEqual([0, 0]);
  await c.cancel({ orderId: r2.orderId });
}

describe("report stream", () => {
  it("resumes after a reconnect with no loss and no duplicate", async () => {
    const a = await loggedInTrader(mock);
    const seen: Report[] = [];
    a.on("report", (r) => seen.push(r));
    await trade(a, "A1");
    const lastA = mock.broker.lastReportSeq("demo");
    await waitFor(() => a.deliveredReportSeq === lastA, "reports of the first session");
    mock.control.dropConnections({ side: "trade" });
    await a.waitClosed();

    // Meanwhile, another session trades on the same account.
    const b = await loggedInTrader(mock);
    await trade(b, "B1");
    await b.close();

    const a2 = await tradeClient(mock);
    a2.on("report", (r) => seen.push(r));
    const login = await a2.login(ACCOUNT);
    expect(login.lastReportSeq).toBe(mock.broker.lastReportSeq("demo"));
    a2.subscribeReports(a.deliveredReportSeq);
    await trade(a2, "A2");
    const last = mock.broker.lastReportSeq("demo");
    await waitFor(() => a2.deliveredReportSeq === last, "replayed and live reports");
    const seqs = seen.map((r) => r.body.reportSeq);
    expect(seqs).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(seen).toEqual(mock.broker.reportsAfter("demo", 0));
    await a2.close();
  });

  it("replays from any afterSeq when the subscription is restarted, and the client drops the duplicates", async () => {
    const c = await loggedInTrader(mock);
    await trade(c, "C1");
    const last = mock.broker.lastReportSeq("demo");
    await waitFor(() => c.deliveredReportSeq === last, "live reports");
    const raw: number[] = [];
    c.on("rawReport", (r) => raw.push(r.body.reportSeq));
    // Ask the server to resend from 3 while keeping what was delivered: the resend is all duplicates.
    c.sendRaw(MessageType.REPORT_SUBSCRIBE_REQ, { afterSeq: 3 });
    await waitFor(() => raw.length === last - 3, "the replay");
    expect(raw).toEqual(Array.from({ length: last - 3 }, (_, i) => i + 4));
    expect(c.reportStats.duplicates).toBe(last - 3);
    expect(c.deliveredReportSeq).toBe(last);
    await c.close();
  });
});

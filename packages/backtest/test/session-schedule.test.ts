// The A-share session schedule has two homes that cannot share code: @tsgate/ashare-rules'
// SESSION_SCHEDULE (bars in @tsgate/strategy are built on it) and the mock broker's own
// (packages/mock-server/src/domain/sessions.ts; mock-server imports no other package). This test
// fails when they part: at every minute of a trading day (its first and last second), the broker in
// realtime mode refuses orders exactly when the schedule says closed or lunch, and a marketable
// order trades on arrival in continuous trading and waits in a call auction.
import { SessionPhase, sessionPhaseAt } from "@tsgate/ashare-rules";
import {
  Broker,
  ErrorCode,
  Market,
  parseMockConfig,
  OrderType as WireOrderType,
  Side as WireSide,
} from "@tsgate/mock-server";
import { expect, it } from "vitest";

const DAY = "2026-12-01"; // a Tuesday
const OPEN_FOR_ORDERS = new Set<SessionPhase>([
  SessionPhase.OpeningAuction,
  SessionPhase.PreOpen,
  SessionPhase.Continuous,
  SessionPhase.ClosingAuction,
]);
const MATCHES_ON_ARRIVAL = new Set<SessionPhase>([SessionPhase.Continuous]);
// 09:25–09:30: what the broker does with an order then is its own rule (the exchanges hold them
// until 09:30), beyond the schedule: only that it accepts them is checked.
const ARRIVAL_NOT_CHECKED = new Set<SessionPhase>([SessionPhase.PreOpen]);

it("the mock broker follows @tsgate/ashare-rules' session schedule at every minute of the day", () => {
  let now = new Date(`${DAY}T00:00:00+08:00`);
  const broker = new Broker(
    parseMockConfig({
      sessionMode: "realtime",
      accounts: [{ accountId: "s", password: "x", cash: 100_000_000 }],
      instruments: [{ code: "600000", market: "SH", name: "浦发银行", preClose: 10 }],
      market: {
        mode: "scripted",
        books: [{ symbol: "SH.600000", bids: [[9.99, 1_000_000]], asks: [[10.01, 1_000_000]] }],
      },
      rules: { priceCage: false },
    }),
    { now: () => now },
  );
  let trades = 0;
  broker.onReport((_account, report) => {
    if (report.type === "trade") trades += 1;
  });
  const mismatches: string[] = [];
  for (let minute = 0; minute < 24 * 60; minute++) {
    for (const second of [0, 59]) {
      now = new Date(new Date(`${DAY}T00:00:00+08:00`).getTime() + (minute * 60 + second) * 1000);
      const phase = sessionPhaseAt(minute + second / 60);
      const ask = broker.snapshot(Market.SH, "600000")?.askPrice[0] ?? 0;
      const before = trades;
      const rsp = broker.placeOrder("s", {
        clOrderId: "",
        symbol: "SH.600000",
        orderType: WireOrderType.LMT,
        side: WireSide.Bid,
        volume: 100,
        price: ask,
      });
      const accepted = rsp.errorCode === ErrorCode.OK;
      const traded = trades > before;
      const clock = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}:${String(second).padStart(2, "0")}`;
      if (accepted !== OPEN_FOR_ORDERS.has(phase))
        mismatches.push(`${clock} ${phase}: broker ${accepted ? "accepted" : `refused (${rsp.errorCode})`}`);
      else if (accepted && !ARRIVAL_NOT_CHECKED.has(phase) && traded !== MATCHES_ON_ARRIVAL.has(phase))
        mismatches.push(
          `${clock} ${phase}: broker ${traded ? "traded on arrival" : "did not trade on arrival"}`,
        );
    }
  }
  expect(mismatches).toEqual([]);
});

/** The server's own view of the demo account, for ledger checks against what the gateway pushed. */
import { Status } from "@tsgate/core";
import { type MockServers, OrderStatus as WireStatus } from "@tsgate/mock-server";

const FINAL: Record<number, Status> = {
  [WireStatus.Filled]: Status.ALLTRADED,
  [WireStatus.CancelFilled]: Status.CANCELLED,
  [WireStatus.PartiallyCanceled]: Status.CANCELLED,
  [WireStatus.Rejected]: Status.REJECTED,
};

/** Trade ids the server reported for the account, in sequence order. */
export function serverTradeIds(mock: MockServers, accountId = "demo"): string[] {
  return mock.broker
    .reportsAfter(accountId, 0)
    .flatMap((report) => (report.type === "trade" ? [report.body.tradeId] : []));
}

/** The latest report of each order by client order id (or order id), as core statuses where final. */
export function serverOrders(
  mock: MockServers,
  accountId = "demo",
): Map<string, { status: Status | "ACTIVE"; filled: number }> {
  const out = new Map<string, { status: Status | "ACTIVE"; filled: number }>();
  for (const report of mock.broker.reportsAfter(accountId, 0)) {
    if (report.type !== "order") continue;
    const body = report.body;
    out.set(body.clOrderId || body.orderId, {
      status: FINAL[body.status] ?? "ACTIVE",
      filled: body.filledVolume,
    });
  }
  return out;
}

/** True once the server holds `clOrderId` in a final state. */
export function serverFinal(mock: MockServers, clOrderId: string): boolean {
  const order = serverOrders(mock).get(clOrderId);
  return order !== undefined && order.status !== "ACTIVE";
}

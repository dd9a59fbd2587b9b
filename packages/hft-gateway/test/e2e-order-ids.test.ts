/**
 * Order ids through the whole stack (issue 18.2): two engines in one process that start in the
 * same second (same pid) trade one account without sharing an id, and the broker's duplicate-id
 * answer (2012) ends an order REJECTED with the reason instead of leaving it SUBMITTING.
 */
import { Direction, type OrderData, Status } from "@tsgate/core";
import { OrderType as WireOrderType, Side as WireSide, yuanToScaled } from "@tsgate/mock-server";
import { afterEach, expect, it } from "vitest";
import { limitOrder, type Stack, startStack } from "./helpers/e2e.js";
import { serverOrders } from "./helpers/ledger.js";

const stacks: Stack[] = [];
afterEach(async () => {
  for (const stack of stacks.splice(0).reverse()) await stack.close();
});

/** The clock every gateway of these tests reads: the same second. */
const sameSecond = () => new Date("2025-11-26T01:30:15.000Z");

function waitFinal(stack: Stack, vtOrderid: string): Promise<OrderData> {
  return stack.rec.waitFor(`${vtOrderid} final`, () => {
    const order = stack.rec.lastOrder(vtOrderid);
    return order !== undefined && order.status !== Status.SUBMITTING && order.status !== Status.NOTTRADED
      ? order
      : undefined;
  });
}

it("two engines in one process, started in the same second, trade one account with distinct ids", async () => {
  const a = await startStack({ gateway: { orderIds: { now: sameSecond } } });
  stacks.push(a);
  const b = await startStack({ servers: a.mock, gateway: { orderIds: { now: sameSecond } } });
  stacks.push(b);
  // 000001 at its limit up fills at once against the displayed asks.
  const inA = a.main.sendOrder(limitOrder("000001", Direction.LONG, 100, 12.67, "SZSE"), "HFT");
  const inB = b.main.sendOrder(limitOrder("000001", Direction.LONG, 200, 12.67, "SZSE"), "HFT");
  expect(inA).not.toBe(inB);
  const [doneA, doneB] = await Promise.all([waitFinal(a, inA), waitFinal(b, inB)]);
  expect(doneA).toMatchObject({ status: Status.ALLTRADED, traded: 100 });
  expect(doneB).toMatchObject({ status: Status.ALLTRADED, traded: 200 });
  // Each engine counts its own fills only.
  const filled = (stack: Stack, vtOrderid: string) =>
    stack.rec.trades.filter((t) => t.vtOrderid === vtOrderid).reduce((n, t) => n + t.volume, 0);
  expect(filled(a, inA)).toBe(100);
  expect(filled(b, inB)).toBe(200);
  const server = serverOrders(a.mock);
  expect(server.get(inA.slice(4))).toEqual({ status: Status.ALLTRADED, filled: 100 });
  expect(server.get(inB.slice(4))).toEqual({ status: Status.ALLTRADED, filled: 200 });
}, 60_000);

it("a client order id the broker already has ends REJECTED with the reason (2012), never SUBMITTING", async () => {
  // Entropy fixed so the test knows the gateway's first id; another process took it first.
  const gateway = { orderIds: { now: sameSecond, entropy: () => 4_000_000_018 } };
  const s = await startStack({ gateway });
  stacks.push(s);
  const taken = "251126093015" + "4000000018" + "0001";
  const other = s.mock.broker.placeOrder("demo", {
    clOrderId: taken,
    symbol: "SH.601318",
    orderType: WireOrderType.LMT,
    side: WireSide.Bid,
    volume: 100,
    price: yuanToScaled(51.62),
  });
  expect(other.errorCode).toBe(0);
  const vtOrderid = s.main.sendOrder(limitOrder("000001", Direction.LONG, 100, 12.67, "SZSE"), "HFT");
  expect(vtOrderid).toBe(`HFT.${taken}`);
  const done = await s.rec.waitFor("our order REJECTED", () => {
    const order = s.rec.lastOrder(vtOrderid);
    return order?.status === Status.REJECTED ? order : undefined;
  });
  expect(done.status).toBe(Status.REJECTED);
  expect(done.statusMsg).toContain(other.orderId);
  expect(done.statusMsg).toContain("另一个进程或引擎");
  expect(done.traded).toBe(0);
  await s.rec.waitForLog(/被拒绝 \(2012\)/);
  // The other process's order, cancelled there, is adopted under the broker's id, not merged into ours.
  expect(s.mock.broker.cancelOrder("demo", { orderId: other.orderId, clOrderId: "" }).errorCode).toBe(0);
  const adopted = await s.rec.waitFor("the other order adopted", () => {
    const order = s.rec.lastOrder(`HFT.${other.orderId}`);
    return order?.status === Status.CANCELLED ? order : undefined;
  });
  expect(adopted).toMatchObject({ price: 51.62, vtSymbol: "601318.SSE", traded: 0 });
  expect(s.rec.lastOrder(vtOrderid)?.status).toBe(Status.REJECTED);
}, 60_000);

it("an id the gateway already saw on another process's order is skipped, not sent", async () => {
  const s = await startStack({ gateway: { orderIds: { now: sameSecond, entropy: () => 4_000_000_019 } } });
  stacks.push(s);
  const taken = "251126093015" + "4000000019" + "0001";
  s.mock.broker.placeOrder("demo", {
    clOrderId: taken,
    symbol: "SH.601318",
    orderType: WireOrderType.LMT,
    side: WireSide.Bid,
    volume: 100,
    price: yuanToScaled(51.62),
  });
  await s.rec.waitFor("the other order adopted", () => s.rec.lastOrder(`HFT.${taken}`));
  const vtOrderid = s.main.sendOrder(limitOrder("000001", Direction.LONG, 100, 12.67, "SZSE"), "HFT");
  expect(vtOrderid).toBe(`HFT.${taken.slice(0, -4)}0002`);
  expect((await waitFinal(s, vtOrderid)).status).toBe(Status.ALLTRADED);
  expect(s.rec.lastOrder(`HFT.${taken}`)?.status).toBe(Status.NOTTRADED);
}, 60_000);

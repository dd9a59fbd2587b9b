/**
 * FAK and FOK end to end, through the simulation library and through the vendor path (shim →
 * vendor-SDK double), on a scripted book: for SZSE they travel as the market orders IOC
 * (即时成交剩余撤销) and AON (全额成交或撤销) and the broker fills them as those rules say; for SSE,
 * which has neither, the gateway refuses them by name before sending. MARKET stays B5TC.
 */
import { ACTIVE_STATUSES, createOrderRequest, Direction, Exchange, OrderType, Status } from "@tsgate/core";
import { demoConfigInput, parseMockConfig } from "@tsgate/mock-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./helpers/e2e.js";
import { LIBRARY_PATHS } from "./helpers/vendor-path.js";

/** SZ.000001 offers 100 + 200 shares; SH.600000 as much. Restored after each market step. */
const config = parseMockConfig({
  ...demoConfigInput,
  market: {
    mode: "scripted",
    books: [
      {
        symbol: "SZ.000001",
        bids: [[11.5, 300]],
        asks: [
          [11.52, 100],
          [11.53, 200],
        ],
      },
      {
        symbol: "SH.600000",
        bids: [[11.79, 300]],
        asks: [
          [11.8, 100],
          [11.81, 200],
        ],
      },
    ],
  },
});

describe.each(LIBRARY_PATHS)("FAK/FOK through %s", (_name, setting) => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ mock: { config }, setting: setting() });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });
  // A fresh book for every test.
  beforeEach(() => {
    s.mock.control.stepMarket(1);
  });

  // Core's FAK/FOK carry a price; IOC/AON are market orders, so it is not sent (see mappings.ts).
  const send = (type: OrderType, volume: number, symbol = "000001", exchange: Exchange = Exchange.SZSE) =>
    s.main.sendOrder(
      createOrderRequest({ symbol, exchange, direction: Direction.LONG, type, volume, price: 11.6 }),
      "HFT",
    );
  const final = (vtOrderid: string) =>
    s.rec.waitFor(`${vtOrderid} final`, () => {
      const order = s.rec.lastOrder(vtOrderid);
      return order !== undefined && !ACTIVE_STATUSES.has(order.status) ? order : undefined;
    });
  const tradedOf = (vtOrderid: string) =>
    s.rec.trades.filter((t) => t.vtOrderid === vtOrderid).reduce((sum, t) => sum + t.volume, 0);

  it("FAK on SZSE fills what the book offers and cancels the rest", async () => {
    const id = send(OrderType.FAK, 500);
    const order = await final(id);
    expect(order).toMatchObject({ status: Status.CANCELLED, traded: 300, type: OrderType.FAK });
    await s.rec.waitFor(`trades of ${id}`, () => (tradedOf(id) === 300 ? true : undefined));
  });

  it("FOK on SZSE is cancelled whole when the book cannot fill it", async () => {
    const order = await final(send(OrderType.FOK, 400));
    expect(order).toMatchObject({ status: Status.CANCELLED, traded: 0, type: OrderType.FOK });
  });

  it("FOK on SZSE fills in full when the book covers it", async () => {
    const id = send(OrderType.FOK, 300);
    expect(await final(id)).toMatchObject({ status: Status.ALLTRADED, traded: 300, type: OrderType.FOK });
  });

  it.each([OrderType.FAK, OrderType.FOK])("%s on SSE is refused by name before sending", async (type) => {
    const order = await final(send(type, 100, "600000", Exchange.SSE));
    expect(order.status).toBe(Status.REJECTED);
    expect(order.statusMsg).toMatch(
      new RegExp(`SSE 不接受委托类型 ${type}（(IOC|AON)，(即时成交剩余撤销|全额成交或撤销)）`),
    );
    expect(
      s.mock.broker.reportsAfter("demo", 0).some((r) => r.type === "order" && r.body.symbol === "SH.600000"),
    ).toBe(false);
  });
});

/**
 * `HftGateway.cancelAll` end to end through the simulation library and through the vendor path
 * (shim → vendor-SDK double: one BatchCancelOrder for the acknowledged orders): every resting
 * order of one symbol, then of the whole account, ends CANCELLED; nothing else is touched.
 */
import { Direction, Exchange, Status } from "@tsgate/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitOrder, type Stack, startStack } from "./helpers/e2e.js";
import { LIBRARY_PATHS } from "./helpers/vendor-path.js";

describe.each(LIBRARY_PATHS)("cancel all through %s", (_name, setting) => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ setting: setting() });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const resting = async (symbol: string, exchange: Exchange) => {
    const inst = s.mock.broker.snapshot(exchange === Exchange.SSE ? 1 : 2, symbol);
    const vtOrderid = s.main.sendOrder(
      limitOrder(symbol, Direction.LONG, 100, (inst?.limitDown ?? 0) / 10_000, exchange),
      "HFT",
    );
    await s.rec.waitFor(`${vtOrderid} NOTTRADED`, () =>
      s.rec.lastOrder(vtOrderid)?.status === Status.NOTTRADED ? true : undefined,
    );
    return vtOrderid;
  };
  const status = (vtOrderid: string) => s.rec.lastOrder(vtOrderid)?.status;

  it("cancels one symbol's resting orders, then all the rest", async () => {
    const sh = [
      await resting("600000", Exchange.SSE),
      await resting("600000", Exchange.SSE),
      await resting("600000", Exchange.SSE),
    ];
    const sz = await resting("000001", Exchange.SZSE);

    expect(s.gw.cancelAll("600000.SSE")).toBe(3);
    await s.rec.waitFor("the SSE orders CANCELLED", () =>
      sh.every((id) => status(id) === Status.CANCELLED) ? true : undefined,
    );
    expect(status(sz)).toBe(Status.NOTTRADED);

    expect(s.gw.cancelAll()).toBe(1);
    await s.rec.waitFor("the SZSE order CANCELLED", () =>
      status(sz) === Status.CANCELLED ? true : undefined,
    );
    expect(s.gw.cancelAll()).toBe(0);
  });
});

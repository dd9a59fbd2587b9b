/**
 * The `ffiBackend` setting: the whole flow (login, contracts, a tick, an order acknowledged) on
 * each FFI backend of @tsgate/hft-native. ffi-napi is an optional dependency that `npm ci` builds;
 * when it is missing the test fails with the backend's own message, which names the install command.
 */
import { Direction, Status } from "@tsgate/core";
import { loadHftLibrary } from "@tsgate/hft-native";
import { describe, expect, it } from "vitest";
import { limitOrder, startStack, subscribeTick } from "./helpers/e2e.js";

describe.each(["koffi", "ffi-napi"] as const)("ffiBackend %s", (backend) => {
  it("connects, streams a tick and acknowledges an order", async () => {
    loadHftLibrary({ backend }); // a missing backend fails here with its install command
    const stack = await startStack({ setting: { ffiBackend: backend } });
    try {
      expect(stack.rec.logTexts).toContain("合约信息查询成功 8");
      const tick = await subscribeTick(stack, "600000");
      expect(tick.bidPrice1).toBeGreaterThan(0);
      const vtOrderid = stack.main.sendOrder(
        limitOrder("600000", Direction.LONG, 100, tick.limitDown),
        "HFT",
      );
      await stack.rec.waitFor("NOTTRADED", () => stack.rec.lastOrder(vtOrderid)?.status === Status.NOTTRADED);
    } finally {
      await stack.close();
    }
  });
});

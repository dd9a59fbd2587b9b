/**
 * The `ffiBackend` setting: the whole flow (login, contracts, a tick, an order acknowledged) on
 * each FFI backend of @tsgate/hft-native that can be loaded here. ffi-napi is an optional
 * dependency; when it is not installed its test is skipped with the reason.
 */
import { Direction, Status } from "@tsgate/core";
import { loadHftLibrary } from "@tsgate/hft-native";
import { describe, expect, it } from "vitest";
import { limitOrder, startStack, subscribeTick } from "./helpers/e2e.js";

function unavailable(backend: "koffi" | "ffi-napi"): string | undefined {
  try {
    loadHftLibrary({ backend });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe.each(["koffi", "ffi-napi"] as const)("ffiBackend %s", (backend) => {
  const reason = unavailable(backend);
  it.skipIf(reason !== undefined)(
    `connects, streams a tick and acknowledges an order${reason ? ` (skipped: ${reason})` : ""}`,
    async () => {
      const stack = await startStack({ setting: { ffiBackend: backend } });
      try {
        expect(stack.rec.logTexts).toContain("合约信息查询成功 8");
        const tick = await subscribeTick(stack, "600000");
        expect(tick.bidPrice1).toBeGreaterThan(0);
        const vtOrderid = stack.main.sendOrder(
          limitOrder("600000", Direction.LONG, 100, tick.limitDown),
          "HFT",
        );
        await stack.rec.waitFor(
          "NOTTRADED",
          () => stack.rec.lastOrder(vtOrderid)?.status === Status.NOTTRADED,
        );
      } finally {
        await stack.close();
      }
    },
  );
});

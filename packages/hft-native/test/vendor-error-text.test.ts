/**
 * The vendor's error texts arrive whole: the SDK's fields are char256 (256 bytes of text), wider
 * than our wire's 128 bytes, and the ABI's error fields (HFT_ERROR_MSG_SIZE) hold any of them in
 * UTF-8. The vendor-SDK double lengthens its error texts to the full 256 bytes under its test knob
 * (native/vendor-double/vendor_text.h: TSGATE_VENDOR_DOUBLE_LONG_ERRORS, ending in "[end]"); each
 * text must come through the shim into the event uncut, in ASCII and in Chinese (3 bytes a
 * character in UTF-8, so 256 bytes are not a whole number of characters and any cut would show).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OrderRspEvent, OrderStatusEvent } from "../src/types.js";
import { until } from "./helpers/backends.js";
import { DEMO_LOGIN, MockFixture, vendorLibrary } from "./helpers/mock-fixture.js";

/** The double's knob and the marker it ends a lengthened text with (vendor_text.h). */
const LONG_ERRORS_ENV = "TSGATE_VENDOR_DOUBLE_LONG_ERRORS";
const TEXT_END = "[end]";
/** The SDK's char256: 256 bytes of text and a NUL (hft_trader_common.h, vnpy/vnpy_hft 906fd5a). */
const VENDOR_TEXT_BYTES = 256;

let fx: MockFixture;
beforeEach(async () => {
  fx = await MockFixture.start();
});
afterEach(async () => {
  delete process.env[LONG_ERRORS_ENV];
  await fx.close();
});

function expectWhole(text: string, mode: "ascii" | "cjk"): void {
  expect(text.endsWith(TEXT_END), `uncut (ends with ${TEXT_END}): ${text}`).toBe(true);
  expect(Buffer.byteLength(text, "utf8")).toBe(VENDOR_TEXT_BYTES);
  expect(text).not.toContain("\uFFFD");
  expect(text.includes("柜台详情")).toBe(mode === "cjk");
}

describe.each(["ascii", "cjk"] as const)(
  "a 256-byte vendor error text (%s) through the vendor shim",
  (mode) => {
    it("arrives in full in the login answer", async () => {
      process.env[LONG_ERRORS_ENV] = mode;
      const api = fx.trader("koffi", { library: vendorLibrary(), connectRetries: 0 });
      const login = api.next("login");
      api.login({ ...DEMO_LOGIN, password: "wrong-password" });
      const ev = await login;
      expect(ev.ok).toBe(false);
      expect(ev.errorMsg.startsWith("wrong password (交易密码)")).toBe(true);
      expectWhole(ev.errorMsg, mode);
    });

    it("arrives in full in an order's rejection", async () => {
      const api = fx.trader("koffi", { library: vendorLibrary() });
      const login = api.next("login");
      api.login(DEMO_LOGIN);
      expect((await login).ok).toBe(true);
      process.env[LONG_ERRORS_ENV] = mode;
      const rejections: (OrderRspEvent | OrderStatusEvent)[] = [];
      api.on("orderRsp", (e) => e.errorCode !== 0 && rejections.push(e));
      api.on("orderStatus", (e) => e.status === "Rejected" && rejections.push(e));
      const limitUp = fx.mock.broker.snapshot(1, "600000")!.limitUp / 10_000;
      api.order({
        clOrderId: "LONG-ERR-1",
        symbol: "SH.600000",
        orderType: "LMT",
        side: "Bid",
        volume: 100,
        price: limitUp + 1,
      });
      await until(() => rejections.length > 0, "the order's rejection");
      expectWhole(rejections[0]!.errorMsg, mode);
    });
  },
);

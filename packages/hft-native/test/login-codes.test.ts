import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOGIN_CODES_HEADER, renderLoginCodesHeader } from "../scripts/login-codes-header.js";
import { finalLoginCodes, LOGIN_CODES, loginCode } from "../src/login-codes.js";

describe("refused-login codes: one table for C and TypeScript", () => {
  it("native/sim/login_codes.h is generated from the current table", () => {
    const onDisk = readFileSync(join(import.meta.dirname, "..", LOGIN_CODES_HEADER), "utf8");
    expect(onDisk, "stale: run npm run gen:login-codes -w @tsgate/hft-native").toBe(renderLoginCodesHeader());
  });

  it("names each code once per side", () => {
    const keys = LOGIN_CODES.map((e) => `${e.side}:${e.code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("says which refusals are final: bad credentials and account settings, not a busy server", () => {
    expect([...finalLoginCodes("trade")].filter((c) => c < 2000)).toEqual([1001, 1002, 1003, 1004, 1006]);
    expect([...finalLoginCodes("market")].filter((c) => c > 5000)).toEqual([5001, 5002]);
    expect(loginCode("trade", 1005)?.retryMayHelp).toBe(true);
    expect(loginCode("market", 5005)?.retryMayHelp).toBe(true);
    expect(loginCode("trade", 14034)).toMatchObject({ cause: "userOrPassword", retryMayHelp: false });
    expect(loginCode("market", 9999)).toBeUndefined();
  });
});

/**
 * The vendor headers (vnpy/vnpy_hft 906fd5a, `vnpy_hft/api/{hft,sip}/include`), where docs/real-broker.md
 * says to unpack them; never part of the repository, so this check runs where they are.
 */
const VENDOR_SDK_DIR = process.env.TSGATE_VENDOR_SDK_DIR ?? "/tmp/vendor-sdk";
const HFT_ERRORS_H = join(VENDOR_SDK_DIR, "hft", "hft_trader_error.h");
const SIP_H = join(VENDOR_SDK_DIR, "sip", "isipuix.h");
const vendorEntries = LOGIN_CODES.filter((e) => e.code >= 14000 || e.name.startsWith("SIPE_"));

describe("the vendor's refused-login codes", () => {
  it("are the SIP SDK's Login() results: general error and settings problems final, a failed connect retried", () => {
    const market = vendorEntries.filter((e) => e.side === "market");
    expect(market.map((e) => [e.code, e.name, e.retryMayHelp])).toEqual([
      [1, "SIPE_ERR", false],
      [7, "SIPE_CONSVRFAIL", true],
      [18, "SIPE_NOCONFIG", false],
      [19, "SIPE_SOCKETINITERR", false],
      [20, "SIPE_NOLOGININFO", false],
    ]);
  });

  it.skipIf(!existsSync(HFT_ERRORS_H) || !existsSync(SIP_H))(
    "carry the headers' own names and values (hft_trader_error.h, isipuix.h)",
    () => {
      const hft = readFileSync(HFT_ERRORS_H, "utf8");
      const sip = readFileSync(SIP_H, "utf8");
      for (const e of vendorEntries) {
        const defined =
          e.side === "trade"
            ? new RegExp(`XX\\(${e.name}, ${e.code},`).test(hft)
            : new RegExp(`#define ${e.name}\\s+\\(?${e.code}\\)?\\s`).test(sip);
        expect(defined, `${e.side} ${e.code} ${e.name}`).toBe(true);
      }
    },
  );
});

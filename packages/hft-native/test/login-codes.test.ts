import { readFileSync } from "node:fs";
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

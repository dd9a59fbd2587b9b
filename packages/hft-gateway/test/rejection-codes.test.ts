/**
 * Which table a rejection code is read by depends on the library in use (issue 21): the
 * simulation library's codes are our wire protocol's (docs/protocol.md), the vendor shim's the
 * real broker's: the HFT trading API's own (hft_trader_error.h) are translated, a counter's own
 * business code is quoted with the counter's whole text. Vendor login codes read in both languages.
 */
import { LOGIN_CODES, loadHftLibrary } from "@tsgate/hft-native";
import { describe, expect, it } from "vitest";
import { serverReason } from "../src/i18n/catalogue.js";
import { LANGUAGES } from "../src/i18n/language.js";
import { libraryKind, loadedLibraryKind } from "../src/library-kind.js";
import { gatewayMessages } from "../src/messages.js";
import { HFT_LOGIN_ERRORS, SIP_LOGIN_ERRORS } from "../src/vendor-errors.js";
import { HFT_ORDER_ERRORS } from "../src/vendor-order-errors.js";
import { vendorLibrary } from "./helpers/vendor-path.js";

/** A counter's own long text: quoted whole, never cut or translated. */
const COUNTER_TEXT = `资金可用不足[柜台:${"明细".repeat(38)}]end`;
const CJK = /[\u4e00-\u9fff]/;
/** An en line may quote setting keys in 「」; anything else Chinese is a slip. */
const bareOfKeys = (line: string) => line.replace(/「[^」]*」/g, "");

describe("rejection codes by library", () => {
  it("the simulation library reads our protocol's codes by our catalogue", () => {
    expect(serverReason("zh-CN", "sim", 2008, "not enough cash")).toBe("可用资金不足");
    expect(serverReason("en", "sim", 2008, "not enough cash")).toBe("not enough cash");
    expect(serverReason("zh-CN", "sim", 14023, "overrun")).toBe('服务器原文 "overrun"');
  });

  it("on the vendor shim a code of ours is the broker's: its whole text is quoted, not translated", () => {
    expect(serverReason("zh-CN", "shim", 2008, COUNTER_TEXT)).toBe(`券商柜台原文 "${COUNTER_TEXT}"`);
    expect(serverReason("en", "shim", 2008, COUNTER_TEXT)).toBe(
      `the broker's counter says "${COUNTER_TEXT}"`,
    );
    expect(serverReason("en", "shim", 2008, "")).toBe("the server gave no reason");
  });

  it("on the vendor shim the trading API's own codes read in our words, in each language", () => {
    expect(serverReason("zh-CN", "shim", 14023, "flow")).toBe(
      "超过交易网关的流量限制，请求被拦下。请降低报单、撤单频率后再试",
    );
    expect(serverReason("en", "shim", 14023, "flow")).toBe(
      "the trading gateway's flow limit was exceeded and the request was blocked. Send orders and cancels less often, then try again",
    );
    expect(serverReason("en", "shim", 14001, "bad")).toBe("a parameter of the request is invalid");
  });

  it("an unknown implementation's codes are no table's: its text is quoted", () => {
    expect(serverReason("zh-CN", "unknown", 2008, "x")).toBe('服务器原文 "x"');
    expect(serverReason("en", "unknown", 14023, "x")).toBe('the server says "x"');
  });

  it("the gateway's lines read codes by the table of the library they were made for", () => {
    const sim = gatewayMessages("zh-CN");
    expect(sim.library).toBe("sim");
    expect(sim.rejectionStatus(2008, "x")).toBe("可用资金不足 (2008)");
    expect(sim.cancelRejected("A1", 3002, "final")).toContain("委托已是最终状态");
    const shim = gatewayMessages("zh-CN", "shim");
    expect(shim.rejectionStatus(2008, "x")).toBe('券商柜台原文 "x" (2008)');
    expect(shim.orderRejected("A1", 14023, "x")).toContain("超过交易网关的流量限制");
    expect(shim.cancelRejected("A1", 7001, "撤单失败")).toContain('券商柜台原文 "撤单失败"');
  });

  it("a cancel refused without a text reads the catalogue's no-reason text, in each language", () => {
    for (const library of ["sim", "shim"] as const) {
      expect(gatewayMessages("zh-CN", library).cancelRejected("A1", 7001, "")).not.toMatch(/[A-Za-z]{3}/);
      expect(gatewayMessages("en", library).cancelRejected("A1", 7001, "")).not.toMatch(CJK);
    }
  });

  it("the loaded library's kind is told by its info text", () => {
    expect(loadedLibraryKind(loadHftLibrary({ path: vendorLibrary() }))).toBe("shim");
    expect(loadedLibraryKind({})).toBe("sim");
    expect(loadedLibraryKind(loadHftLibrary({}))).toBe("sim");
    expect(libraryKind("tsgate-vendor-shim+double 0.1.0")).toBe("shim");
  });

  it("every vendor rejection code is an HFT trading API code with wording in each language", () => {
    expect(HFT_ORDER_ERRORS.has(14023)).toBe(true);
    for (const [code, entry] of HFT_ORDER_ERRORS) {
      expect(code, entry.name).toBeGreaterThanOrEqual(14000);
      expect(code, entry.name).toBeLessThanOrEqual(14043);
      expect(entry.name).toMatch(/^ERR_HFT_TRADER_/);
      for (const language of LANGUAGES)
        expect(entry.text[language].meaning, `${code} ${language}`).not.toBe("");
      expect(CJK.test(entry.text["zh-CN"].meaning), `${code}`).toBe(true);
      expect(bareOfKeys(`${entry.text.en.meaning} ${entry.text.en.action ?? ""}`), `${code}`).not.toMatch(
        CJK,
      );
    }
  });
});

describe("vendor login codes in both languages", () => {
  // hft-native's LOGIN_CODES says which vendor codes there are (cause, retry); these tables word
  // them: the same codes, none invented on either side.
  it("words exactly the vendor codes of hft-native's login-code table", () => {
    const vendorCodes = (side: "trade" | "market") =>
      LOGIN_CODES.filter((e) => e.side === side && (e.code >= 14000 || e.name.startsWith("SIPE_"))).map(
        (e) => e.code,
      );
    const worded = (table: Readonly<Record<number, unknown>>) => Object.keys(table).map(Number);
    expect(worded(HFT_LOGIN_ERRORS)).toEqual(vendorCodes("trade"));
    expect(worded(SIP_LOGIN_ERRORS)).toEqual(vendorCodes("market"));
  });

  it("every entry has its meaning and action in each language", () => {
    for (const table of [HFT_LOGIN_ERRORS, SIP_LOGIN_ERRORS]) {
      for (const [code, entry] of Object.entries(table)) {
        for (const language of LANGUAGES) {
          expect(entry[language].meaning, `${code} ${language}`).not.toBe("");
          expect(entry[language].action, `${code} ${language}`).not.toBe("");
        }
        expect(bareOfKeys(`${entry.en.meaning} ${entry.en.action}`), code).not.toMatch(CJK);
      }
    }
  });

  it("an English gateway writes an English login line, a Chinese one a Chinese line", () => {
    const en = gatewayMessages("en").tradeLoginFailed(14016, "not in list", "u", "0000", "9999");
    expect(en).toBe(
      'Trade server login failed: the account is not on the gateway\'s whitelist (14016). Ask the broker to enable HFT access (the whitelist) for this account (server text "not in list")',
    );
    const zh = gatewayMessages("zh-CN").tradeLoginFailed(14016, "not in list", "u", "0000", "9999");
    expect(zh).toBe(
      "交易服务器登录失败：用户不在网关白名单内 (14016)。请联系券商为该资金账号开通 HFT 接入（白名单）（not in list）",
    );
    const md = gatewayMessages("en").mdLoginFailed(7, "", "u");
    expect(md).toBe(
      "Market server login failed: connecting to the market server failed (SIP 7). Check 「行情服务器」, 「行情端口」 and the network; the SDK reconnects by itself",
    );
    expect(gatewayMessages("zh-CN").mdLoginFailed(7, "", "u")).toContain("连接行情服务器失败 (SIP 7)");
  });
});

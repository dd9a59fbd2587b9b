/** The message catalogues: every code in both languages, language choice, server reasons. */
import { describe, expect, it } from "vitest";
import { CATALOGUES, LANGUAGES, resolveLanguage, serverReason, text } from "../src/index.js";
import { gatewayMessages } from "../src/messages.js";

const msg = gatewayMessages("zh-CN");

describe("message catalogues", () => {
  it("every message code exists in every language, and nothing else", () => {
    const codes = Object.keys(CATALOGUES["zh-CN"]).sort();
    expect(codes.length).toBeGreaterThan(50);
    for (const language of LANGUAGES) expect(Object.keys(CATALOGUES[language]).sort()).toEqual(codes);
  });

  it("every message reads the same parameters in every language", () => {
    // Each parameter is given as a distinct string (a list or a table key as a valid value), and
    // the names each language's render reads are compared: a placeholder missing in one is caught.
    const VALID: Record<string, unknown> = {
      lines: ["k: v"],
      subjects: ["contracts"],
      subject: "contracts",
      side: "trade",
      board: "main",
    };
    const paramsRead = (render: unknown): string[] => {
      const read = new Set<string>();
      const params = new Proxy(
        {},
        {
          get: (_target, key) => {
            read.add(String(key));
            return VALID[String(key)] ?? `<${String(key)}>`;
          },
        },
      );
      (render as (p: unknown) => string)(params);
      return [...read].sort();
    };
    const zh = CATALOGUES["zh-CN"] as Record<string, unknown>;
    const differing: string[] = [];
    for (const language of LANGUAGES) {
      const other = CATALOGUES[language] as Record<string, unknown>;
      for (const code of Object.keys(zh)) {
        const expected = paramsRead(zh[code]);
        const got = paramsRead(other[code]);
        if (got.join() !== expected.join())
          differing.push(`${language} ${code}: ${got.join()} ≠ ${expected.join()}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it("the en catalogue has no Chinese outside quoted setting keys and the codes' own names", () => {
    const sample = {
      side: "trade",
      peer: "h:1",
      ms: 1,
      hostKey: "",
      portKey: "",
      userKey: "",
      passwordKey: "",
      user: "u",
      org: "o",
      branch: "b",
      code: 1,
      text: "t",
      count: 1,
      path: "p",
      detail: "d",
      dir: "d",
      files: "f",
      info: "i",
      abi: 1,
      kind: "k",
      backend: "b",
      address: "a",
      dnsMs: 1,
      connectMs: 1,
      protocolMs: 1,
      host: "h",
      error: "e",
      errno: "E",
      waitMs: 1,
      looksLike: "l",
      tradingDay: "",
      contracts: 1,
      positions: 1,
      orders: 1,
      what: "w",
      symbol: "s",
      skewMs: 1,
      limitMs: 1,
      version: "v",
      failed: 1,
      first: "f",
      step: "s",
      hex: "00",
      subject: "contracts",
      subjects: ["orders", "trades"],
      failure: "refused",
      willReconnect: true,
      orderid: "A1",
      reason: "r",
      event: "ev",
      serverId: "S1",
      tradeid: "T1",
      why: "y",
      status: "NEW",
      vtSymbol: "600000.SSE",
      market: "SH",
      level: 1,
      dropped: 1,
      total: 1,
      active: 1,
      trades: 1,
      nextId: "n",
      epoch: 1,
      from: 1,
      to: 2,
      last: 1,
      highest: 2,
      lines: ["k: v"],
    };
    for (const [code, render] of Object.entries(CATALOGUES.en)) {
      const line = (render as (p: unknown) => string)(sample);
      // Setting keys are quoted in 「」 and the two code names are glossed; anything else Chinese is a slip.
      const bare = line.replace(/「[^」]*」/g, "").replace(/机构代号|营业部代号/g, "");
      expect(bare, code).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("the language comes from the setting, else LC_ALL, LC_MESSAGES, LANG, else zh-CN", () => {
    expect(resolveLanguage("en", { LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(resolveLanguage(undefined, { LC_ALL: "en_US.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(resolveLanguage(undefined, { LC_MESSAGES: "zh_CN.UTF-8", LANG: "en_US.UTF-8" })).toBe("zh-CN");
    expect(resolveLanguage(undefined, { LANG: "en_GB" })).toBe("en");
    expect(resolveLanguage(undefined, { LANG: "C.UTF-8" })).toBe("zh-CN");
    expect(resolveLanguage(undefined, {})).toBe("zh-CN");
    expect(() => resolveLanguage("fr", {})).toThrow('language: expected one of zh-CN, en, got "fr"');
  });

  it("a known server reason is translated, an unknown one is quoted with its code", () => {
    expect(serverReason("zh-CN", "sim", 2009, "not enough shares of SH.600000")).toBe("可卖数量不足");
    expect(serverReason("en", "sim", 2009, "not enough shares of SH.600000")).toBe(
      "not enough shares to sell",
    );
    expect(serverReason("zh-CN", "sim", 7777, "odd thing")).toBe('服务器原文 "odd thing"');
    expect(serverReason("en", "sim", 7777, "odd thing")).toBe('the server says "odd thing"');
    expect(text("en", "doctor.step.login", { side: "market" })).toBe("market server login");
  });
});

describe("gateway log lines with a server's reason", () => {
  it("translate a known code instead of mixing the server's English into a Chinese line", () => {
    expect(msg.orderRejected("A1", 2009, "not enough shares of SH.600000")).toBe(
      "委托 A1 被拒绝 (2009)：可卖数量不足",
    );
    expect(msg.cancelRejected("A1", 3003, "cancel already pending")).toBe(
      "撤单被拒绝：委托 A1 (3003)：撤单已在处理中",
    );
  });

  it("quote an unknown code's text as the server's", () => {
    expect(msg.orderRejected("A2", 7777, "odd thing")).toBe('委托 A2 被拒绝 (7777)：服务器原文 "odd thing"');
  });
});

/**
 * The native library's texts in zh-CN and en: each cause the simulation library writes
 * (native/sim/conn_*.c, trader.c, md.c) has a catalogue entry; an unknown text is quoted.
 */
import { HftArgumentError, HftCallError } from "@tsgate/hft-native";
import { describe, expect, it } from "vitest";
import { libraryCause, libraryErrorText } from "../src/i18n/library-causes.js";

// Texts exactly as the C library formats them (and the trailing retry note it adds).
const CASES: [string, string, string][] = [
  [
    "heartbeat timeout: nothing received from 127.0.0.1:8000 for 3000 ms; reconnecting",
    "心跳超时：3000 ms 内没有收到 127.0.0.1:8000 的任何数据",
    "heartbeat timeout: nothing received from 127.0.0.1:8000 for 3000 ms",
  ],
  [
    "no answer from 127.0.0.1:8000 to the ORDER_REQ request for 2000 ms although the server is sending: our requests are not reaching it (one-way loss); reconnecting",
    "127.0.0.1:8000 仍在发送数据，但 2000 ms 内没有回应 ORDER_REQ 请求：我方请求到不了服务器（单向丢包）",
    "no answer from 127.0.0.1:8000 to the ORDER_REQ request for 2000 ms although the server is sending: our requests are not reaching it (one-way loss)",
  ],
  [
    "connection closed by peer 127.0.0.1:9000; reconnecting",
    "对方 127.0.0.1:9000 关闭了连接",
    "connection closed by peer 127.0.0.1:9000",
  ],
  [
    "read from 127.0.0.1:8000 failed: Connection reset by peer (ECONNRESET); reconnecting",
    "与 127.0.0.1:8000 的连接读写出错 (ECONNRESET)",
    "reading or writing the connection to 127.0.0.1:8000 failed (ECONNRESET)",
  ],
  [
    "protocol error from 127.0.0.1:8000: frame too long (code 9001); reconnecting",
    "127.0.0.1:8000 发来的数据不符合协议（错误码 9001，见 docs/protocol.md）",
    "127.0.0.1:8000 sent data that breaks the protocol (code 9001, see docs/protocol.md)",
  ],
  [
    "trade login to 127.0.0.1:8000 refused: wrong password (code 1002); not reconnecting",
    "登录 127.0.0.1:8000 失败（错误码 1002）",
    "login to 127.0.0.1:8000 failed (code 1002)",
  ],
  [
    "cannot resolve host 'nohost': Name or service not known; giving up",
    "无法解析主机名 'nohost'（系统原文 \"Name or service not known\"）",
    "cannot resolve host 'nohost' (the system says \"Name or service not known\")",
  ],
  [
    "connect to 10.255.255.1:8000 timed out after 5000 ms (ETIMEDOUT); retrying",
    "连接 10.255.255.1:8000 超时（5000 ms）",
    "connect to 10.255.255.1:8000 timed out after 5000 ms",
  ],
  [
    "something new from the library",
    '接口库原文 "something new from the library"',
    'the library says "something new from the library"',
  ],
];

describe("the native library's texts", () => {
  it.each(CASES)("%s", (libraryText, zh, en) => {
    expect(libraryCause("zh-CN", libraryText)).toBe(zh);
    expect(libraryCause("en", libraryText)).toBe(en);
  });

  it("every known cause reads in zh-CN without the library's English", () => {
    for (const [libraryText] of CASES.slice(0, -1)) {
      const zh = libraryCause("zh-CN", libraryText).replace(/"[^"]*"/g, "");
      const words = zh.match(/[A-Za-z_]{2,}/g) ?? [];
      for (const word of words)
        expect(word, zh).toMatch(/^(ms|ORDER_REQ|docs|protocol|md|ECONNRESET|nohost)$/);
    }
  });

  it("a failed call reads by its return code, a field the library cannot encode by its name", () => {
    const call = new HftCallError(
      "hft_trader_order",
      -3,
      "hft_trader_order failed (-3): trade request queue full",
    );
    expect(libraryErrorText("zh-CN", call)).toBe(
      '接口库调用 hft_trader_order 失败 (-3)：请求队列已满，请稍后重试（接口库原文 "trade request queue full"）',
    );
    expect(libraryErrorText("en", call)).toBe(
      'library call hft_trader_order failed (-3): the request queue is full; try again later (the library says "trade request queue full")',
    );
    // Without the library's own text, the code's meaning alone.
    expect(
      libraryErrorText("zh-CN", new HftCallError("hft_md_subscribe", -2, "hft_md_subscribe failed (-2)")),
    ).toBe("接口库调用 hft_md_subscribe 失败 (-2)：当前状态下不能调用（例如尚未登录，或句柄已释放）");
    const field = new HftArgumentError("symbol", "longer than 31 bytes");
    expect(libraryErrorText("zh-CN", field)).toBe(
      '请求字段 symbol 无法编码（接口库原文 "longer than 31 bytes"）',
    );
    expect(libraryErrorText("zh-CN", new Error("disk full"))).toBe("disk full");
  });
});

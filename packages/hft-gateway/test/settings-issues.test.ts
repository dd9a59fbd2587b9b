/**
 * Settings issues in the user's language: every rule's refusal (core's `validateSettings` and the
 * gateway's own checks) renders in zh-CN without English of ours, and in en as core wrote it.
 * A new wording in core or in settings.ts that the translation does not know fails here.
 */
import { SettingsError, type SettingsIssue } from "@tsgate/core";
import { describe, expect, it } from "vitest";
import { settingsIssueLines, settingsIssueMessage } from "../src/i18n/settings-issues.js";
import { parseHftSettings } from "../src/index.js";

const valid = {
  交易用户名: "demo",
  交易密码: "s3cret-pw",
  交易服务器: "127.0.0.1",
  行情用户名: "demo",
  行情密码: "md-s3cret",
  行情服务器: "127.0.0.1",
};

function issuesOf(input: unknown): readonly SettingsIssue[] {
  try {
    parseHftSettings(input);
  } catch (error) {
    if (error instanceof SettingsError) return error.issues;
    throw error;
  }
  throw new Error(`expected a SettingsError for ${JSON.stringify(input)}`);
}

/** One bad input per wording the validation can produce. */
const BAD: readonly Record<string, unknown>[] = [
  { ...valid, 交易端口: "80a" },
  { ...valid, 交易端口: 0 },
  { ...valid, 交易端口: true },
  { ...valid, 交易端口: null },
  { ...valid, 交易端口: [1] },
  { ...valid, 交易端口: { a: 1 } },
  { ...valid, 交易端口: 2n },
  { ...valid, connectRetries: -2 },
  { ...valid, 交易用户名: "" },
  { ...valid, 交易用户名: undefined, 行情用户名: 7 },
  { ...valid, 交易用户名: "x".repeat(40) },
  { ...valid, 网关: "a\tb" },
  { ...valid, 交易密码: "a\nb" },
  { ...valid, 交易密码: 5 },
  { ...valid, 网关: `s3cret-pw${"x".repeat(40)}` },
  { ...valid, 交易服务器: "" },
  { ...valid, 交易服务器: "tcp://127.0.0.1" },
  { ...valid, 交易服务器: "::1" },
  { ...valid, 交易服务器: "127.0.0.1:8000" },
  { ...valid, 交易服务器: "a b" },
  { ...valid, 交易服务器: `${"a".repeat(70)}` },
  { ...valid, ffiBackend: "ctypes" },
  { ...valid, language: "fr" },
  { ...valid, 交易端囗: 8000 },
  { ...valid, reconnectMinMs: 500, reconnectMaxMs: 100 },
  { ...valid, heartbeatIntervalMs: 500, heartbeatTimeoutMs: 500 },
];

/** English words left once data is taken out: quoted values, 「keys」, setting names, codes. */
function englishLeft(line: string): string[] {
  const bare = line
    .replace(/"[^"]*"/g, "")
    .replace(/「[^」]*」/g, "")
    .replace(/\b[a-z]+[A-Z]\w*\b/g, "") // camelCase setting names such as reconnectMinMs
    .replace(
      /\b(true|false|null|koffi|ffi-napi|zh-CN|en|en_US\.UTF-8|LANG|IPv4|IPv6|UTF-8|HFT|bigint)\b/g,
      "",
    )
    .replace(/char\[\d+\]|U\+[0-9A-F]+|tcp:\/\//g, "");
  return bare.match(/[A-Za-z]{3,}/g) ?? [];
}

describe("settings issues in zh-CN", () => {
  it("every rule's refusal is translated, with no English of ours left", () => {
    const seen = new Set<string>();
    for (const input of BAD) {
      for (const issue of issuesOf(input)) {
        const zh = settingsIssueMessage("zh-CN", issue);
        seen.add(zh);
        expect(zh, issue.message).not.toMatch(/^校验信息/);
        expect(englishLeft(zh), `${issue.message} → ${zh}`).toEqual([]);
      }
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  it("joins key and message with each language's own colon", () => {
    const issues = issuesOf({ ...valid, 交易端口: "80a" });
    expect(settingsIssueLines("zh-CN", issues)[0]).toMatch(/^交易端口：应为/);
    expect(settingsIssueLines("en", issues)[0]).toMatch(/^交易端口: expected/);
  });

  it("keeps the values as data and names the key", () => {
    expect(settingsIssueLines("zh-CN", issuesOf({ ...valid, 交易端口: "80a" }))).toEqual([
      '交易端口：应为 1 到 65535 之间的整数，实际为 "80a"',
    ]);
    expect(settingsIssueLines("zh-CN", issuesOf({ ...valid, 交易服务器: "127.0.0.1:8000" }))).toEqual([
      "交易服务器：只写主机；端口请写在「交易端口」",
    ]);
    expect(settingsIssueLines("zh-CN", issuesOf({ ...valid, ffiBackend: "ctypes" }))).toEqual([
      'ffiBackend：应为 "koffi", "ffi-napi" 之一，实际为 "ctypes"',
    ]);
  });

  it("never shows a password, translated or not", () => {
    for (const input of [
      { ...valid, 交易密码: "a\nb" },
      { ...valid, 网关: `s3cret-pw${"x".repeat(40)}` },
      { ...valid, 交易密码: 5 },
    ]) {
      for (const line of settingsIssueLines("zh-CN", issuesOf(input)))
        expect(line).not.toMatch(/s3cret-pw|a\nb/);
    }
  });

  it("quotes a text outside the grammar instead of half translating it", () => {
    expect(settingsIssueMessage("zh-CN", { key: "x", message: "some new rule" })).toBe(
      '校验信息 "some new rule"',
    );
  });
});

describe("settings issues in en", () => {
  it("are core's own texts", () => {
    const issues = issuesOf({ ...valid, 交易端口: "80a" });
    expect(settingsIssueLines("en", issues)).toEqual([
      '交易端口: expected an integer between 1 and 65535, got "80a"',
    ]);
  });
});

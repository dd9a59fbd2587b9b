/**
 * A settings issue in the user's language. `@tsgate/core` words its `SettingsError` issues in
 * English (its API errors stay so); where the gateway shows them to a user (the connect log line,
 * the doctor's settings step) each issue is rendered in the gateway's language. The issue texts
 * come from a small fixed grammar (core's `validateSettings`, the gateway's own rules in
 * `settings.ts`); `test/settings-issues.test.ts` renders every rule's refusals, so a wording
 * change in either place fails there instead of slipping English into a Chinese line. A text
 * outside the grammar is quoted as data, never half translated.
 *
 * @module
 */
import type { SettingsIssue } from "@tsgate/core";
import { text } from "./catalogue.js";
import type { Language } from "./language.js";

type Rule = readonly [RegExp, (m: RegExpExecArray) => string];

/** What a value was expected to be (core's `describe`, the gateway's descriptions). */
const EXPECTED_ZH: readonly Rule[] = [
  [/^an integer between (-?\d+) and (-?\d+)$/, (m) => `${m[1]} 到 ${m[2]} 之间的整数`],
  [/^an integer of at least (-?\d+)$/, (m) => `不小于 ${m[1]} 的整数`],
  [/^an integer of at most (-?\d+)$/, (m) => `不大于 ${m[1]} 的整数`],
  [/^an integer$/, () => "整数"],
  [/^a number between (\S+) and (\S+)$/, (m) => `${m[1]} 到 ${m[2]} 之间的数`],
  [/^a number of at least (\S+)$/, (m) => `不小于 ${m[1]} 的数`],
  [/^a number of at most (\S+)$/, (m) => `不大于 ${m[1]} 的数`],
  [/^a number$/, () => "数"],
  [/^true or false$/, () => "true 或 false"],
  [/^a non-empty string$/, () => "非空字符串"],
  [/^a string$/, () => "字符串"],
  [/^a string matching (.+)$/, (m) => `符合 ${m[1]} 的字符串`],
  [/^a host name or IPv4 address$/, () => "主机名或 IPv4 地址"],
  [/^an object of key\/value pairs$/, () => "键值对象"],
  [
    /^one of (.+) \(or a locale such as (\S+); empty = from LANG\)$/,
    (m) => `${m[1]} 之一（或 ${m[2]} 这样的区域设置名；留空则按 LANG）`,
  ],
  [/^one of (.+)$/, (m) => `${m[1]} 之一`],
];

/** What was given instead (core's `showValue` and `hiddenValue`); a quoted or numeric value is data. */
const GOT_ZH: readonly Rule[] = [
  [/^(".*"|-?[\d.e+-]+|true|false|null)$/s, (m) => m[1] ?? ""],
  [/^(\S+)n \(a bigint\)$/, (m) => `${m[1]}n（bigint）`],
  [/^nothing$/, () => "空"],
  [/^an array$/, () => "数组"],
  [/^an object$/, () => "对象"],
  [/^a (\w+)$/, (m) => `${m[1]} 类型的值`],
  [/^a value of the wrong type$/, () => "类型不对的值"],
  [/^an empty value$/, () => "空值"],
  [/^a value that is not shown because the key is secret$/, () => "一个值（保密项，不显示）"],
  [
    /^a value that is not shown because it contains the value of a secret setting$/,
    () => "一个值（含有保密项的值，不显示）",
  ],
];

/** Whole issue texts. */
const ISSUE_ZH: readonly Rule[] = [
  [/^missing; expected (.+)$/s, (m) => `缺少此项；应为 ${part(EXPECTED_ZH, m[1])}`],
  [/^unknown setting; did you mean "(.*)"\?$/, (m) => `未知设置；是不是「${m[1]}」？`],
  [/^unknown setting; known settings are (.+)$/s, (m) => `未知设置；可用的设置有 ${m[1]}`],
  [/^unknown setting; this gateway takes no settings$/, () => "未知设置；此接口没有设置项"],
  [
    /^must not contain control characters; found U\+([0-9A-F]+) at character (\d+)$/,
    (m) => `不能包含控制字符；第 ${m[2]} 个字符是 U+${m[1]}`,
  ],
  [
    /^must not contain control characters \(the value is not shown because the key is secret\)$/,
    () => "不能包含控制字符（保密项，不显示值）",
  ],
  [
    /^must be at most (\d+) bytes of UTF-8 \(the field is char\[(\d+)\]\)$/,
    (m) => `最多 ${m[1]} 字节（UTF-8；该字段为 char[${m[2]}]）`,
  ],
  [/^must be at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
  [/^required: the server's host name or IPv4 address$/, () => "必填：服务器的主机名或 IPv4 地址"],
  [
    /^write only the host \(e\.g\. (\S+)\), without a scheme such as (\S+)$/,
    (m) => `只写主机（如 ${m[1]}），不要带 ${m[2]} 这样的前缀`,
  ],
  [
    /^IPv6 addresses are not supported: the HFT library connects over IPv4; use an IPv4 address or a host name$/,
    () => "不支持 IPv6 地址：HFT 接口库只用 IPv4 连接；请用 IPv4 地址或主机名",
  ],
  [/^write only the host; put the port in (.+)$/, (m) => `只写主机；端口请写在「${m[1]}」`],
  [/^must be at least (\w+) \((-?\d+)\), got (-?\d+)$/, (m) => `不能小于 ${m[1]}（${m[2]}），实际为 ${m[3]}`],
  [
    /^must be longer than (\w+) \((-?\d+)\), got (-?\d+)$/,
    (m) => `必须大于 ${m[1]}（${m[2]}），实际为 ${m[3]}`,
  ],
  // Last: "expected X, got Y" (X never contains ", got "; Y may).
  [/^expected (.+?), got (.*)$/s, (m) => `应为 ${part(EXPECTED_ZH, m[1])}，实际为 ${part(GOT_ZH, m[2])}`],
];

class Untranslated extends Error {}

function part(rules: readonly Rule[], textPart: string | undefined): string {
  const value = textPart ?? "";
  for (const [pattern, render] of rules) {
    const m = pattern.exec(value);
    if (m !== null) return render(m);
  }
  throw new Untranslated(value);
}

/**
 * One issue's message in `language`: en is core's own text; zh-CN translates it, or quotes a
 * text outside the known grammar as `校验信息 "…"`.
 */
export function settingsIssueMessage(language: Language, issue: SettingsIssue): string {
  if (language === "en") return issue.message;
  try {
    return part(ISSUE_ZH, issue.message);
  } catch (error) {
    if (!(error instanceof Untranslated)) throw error;
    return `校验信息 ${JSON.stringify(issue.message)}`;
  }
}

/** One line per issue, `key: message` (zh-CN `key：message`), in `language`. */
export function settingsIssueLines(language: Language, issues: readonly SettingsIssue[]): string[] {
  return issues.map((issue) =>
    text(language, "gateway.settingsIssue", {
      key: issue.key,
      message: settingsIssueMessage(language, issue),
    }),
  );
}

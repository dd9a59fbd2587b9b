/**
 * The `tsgate` commands' usage texts and usage errors, in-process: in the language of LANG (or of
 * `--language` where the command has it), option and command names as typed, exit code 2 for a
 * mistake and 0 for `--help`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliInMemory } from "./helpers/memory-io.js";

const ZH = { LANG: "zh_CN.UTF-8" };
const EN = { LANG: "en_US.UTF-8" };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tsgate-usage-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tsgate = runCliInMemory;

/** True when `text` has Chinese characters (outside the setting keys it may name). */
function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text.replace(/交易用户名|行情端口|交易服务器/g, ""));
}

describe("--help", () => {
  it.each([
    [["--help"], "用法：tsgate <命令> [选项]", "Usage: tsgate <command> [options]"],
    [["trader", "--help"], "用法：tsgate trader [选项]", "Usage: tsgate trader [options]"],
    [["status", "--help"], "用法：tsgate status", "Usage: tsgate status"],
    [["halt", "-h"], "用法：tsgate halt", "Usage: tsgate halt"],
    [["doctor", "--help"], "用法：tsgate doctor --settings <file.json> [选项]", "Usage: tsgate doctor"],
  ])("tsgate %j prints its usage in the language of LANG", async (args, zh, en) => {
    const inChinese = await tsgate(args, ZH);
    expect(inChinese.code).toBe(0);
    expect(inChinese.out).toContain(zh);
    const inEnglish = await tsgate(args, EN);
    expect(inEnglish.code).toBe(0);
    expect(inEnglish.out).toContain(en);
    expect(hasChinese(inEnglish.out), inEnglish.out).toBe(false);
  });

  it("fills the defaults it names and keeps the option names in Chinese", async () => {
    const { out } = await tsgate(["trader", "--help"], ZH);
    expect(out).toContain(
      "--port <n>                看板端口（默认 8700，或 $TSGATE_PORT；0 = 任意空闲端口）",
    );
    expect(out).toContain("（键 交易用户名 … 行情端口）");
    expect(out).toContain("TICKS 行情行的间隔秒数（默认 10；0 = 关闭）");
    const halt = await tsgate(["halt", "--help"], EN);
    expect(halt.out).toContain("is read from $TSGATE_TOKEN");
    expect(halt.out).toContain('(default "tsgate halt")');
    const doctor = await tsgate(["doctor", "--help"], EN);
    expect(doctor.out).toContain("how long to wait for a tick (default 10000)");
  });

  it("follows --language over LANG where the command has it", async () => {
    expect((await tsgate(["trader", "--language", "en", "--help"], ZH)).out).toContain(
      "Usage: tsgate trader [options]",
    );
    expect((await tsgate(["doctor", "--help", "--language=zh-CN"], EN)).out).toContain("用法：tsgate doctor");
  });

  it("opens tsgate-mock's own (English) usage with a line in the user's language", async () => {
    const { code, out } = await tsgate(["mock", "--help"], ZH);
    expect(code).toBe(0);
    expect(out).toMatch(/^tsgate mock 运行 @tsgate\/mock-server 的模拟交易和行情服务器/);
    expect(out).toContain("下面是 tsgate-mock 自己打印的用法（英文）");
    expect(out).toContain("Usage: tsgate-mock [options]");
  });
});

describe("usage errors", () => {
  it.each([
    [["frobnicate"], 'tsgate：未知命令 "frobnicate"', 'tsgate: unknown command "frobnicate"', "tsgate <"],
    [
      ["trader", "--colour"],
      "tsgate trader：未知选项 --colour",
      "tsgate trader: unknown option --colour",
      "tsgate trader [",
    ],
    [["status", "-x"], "tsgate status：未知选项 -x", "tsgate status: unknown option -x", "tsgate status ["],
    [
      ["trader", "--settings"],
      "tsgate trader：--settings 需要一个值",
      "tsgate trader: --settings needs a value",
      "tsgate trader [",
    ],
    [
      ["halt", "--port"],
      "tsgate halt：--port 需要一个值",
      "tsgate halt: --port needs a value",
      "tsgate halt [",
    ],
    [
      ["trader", "--no-browser=yes"],
      "tsgate trader：--no-browser 不带值",
      "tsgate trader: --no-browser takes no value",
      "tsgate trader [",
    ],
    [
      ["doctor", "--settings", "--report", "r.txt"],
      "tsgate doctor：--settings：--report 看起来像一个选项；如果它就是值，请写成 --settings=--report",
      "tsgate doctor: --settings: --report looks like an option; write --settings=--report if it is the value",
      "tsgate doctor --settings",
    ],
    [
      ["status", "extra"],
      'tsgate status：多余的参数 "extra"（只接受选项）',
      'tsgate status: unexpected argument "extra" (options only)',
      "tsgate status [",
    ],
    [
      ["trader", "--port", "http"],
      'tsgate trader：--port：应为 0 到 65535 之间的整数，收到 "http"',
      'tsgate trader: --port: expected an integer 0-65535, got "http"',
      "tsgate trader [",
    ],
    [
      ["trader", "--ticker=-1"],
      'tsgate trader：--ticker：应为 0 到 3600 之间的整数，收到 "-1"',
      'tsgate trader: --ticker: expected an integer 0-3600, got "-1"',
      "tsgate trader [",
    ],
    [
      ["trader", "--language", "fr"],
      'tsgate trader：--language：应为 zh-CN, en 之一，收到 "fr"',
      'tsgate trader: --language: expected one of zh-CN, en, got "fr"',
      "tsgate trader [",
    ],
    [
      ["status", "--port", "0"],
      "tsgate status：--port 0 不指向任何交易程序；请给出它监听的端口",
      "tsgate status: --port 0 names no trader; give the port it listens on",
      "tsgate status [",
    ],
    [
      ["halt", "--port", "8700"],
      "tsgate halt：没有访问令牌：请把 TSGATE_TOKEN 设为交易程序启动时打印的令牌",
      "tsgate halt: no access token: set TSGATE_TOKEN to the token the trader printed at its start",
      "tsgate halt [",
    ],
    [
      ["doctor"],
      "tsgate doctor：必须给出 --settings <file.json>",
      "tsgate doctor: --settings <file.json> is required",
      "tsgate doctor --settings",
    ],
  ])(
    "tsgate %j exits 2 with the reason and the usage, in the language of LANG",
    async (args, zh, en, usage) => {
      const inChinese = await tsgate(args, ZH);
      expect(inChinese.code).toBe(2);
      expect(inChinese.err.split("\n")[0]).toBe(zh);
      expect(inChinese.err).toContain(`用法：${usage}`);
      const inEnglish = await tsgate(args, EN);
      expect(inEnglish.code).toBe(2);
      expect(inEnglish.err.split("\n")[0]).toBe(en);
      expect(inEnglish.err).toContain(`Usage: ${usage}`);
    },
  );

  it("tells a mistake in a file the options name without the usage, in the command's language", async () => {
    const gone = join(dir, "gone.json");
    const trader = await tsgate(["trader", "--no-browser", "--settings", gone], ZH);
    expect(trader.code).toBe(2);
    expect(trader.err).toBe(`tsgate trader：设置文件 ${gone}：文件不存在`);
    const english = await tsgate(["trader", "--language", "en", "--settings", gone], ZH);
    expect(english.err).toBe(`tsgate trader: settings file ${gone}: no such file`);
    const doctor = await tsgate(["doctor", "--settings", gone], EN);
    expect(doctor.code).toBe(2);
    expect(doctor.err).toBe(`tsgate doctor: settings file ${gone}: no such file`);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{\n  "accounts": [{ "password": s3cretPw }]\n}');
    const mock = await tsgate(["mock", "--config", broken], ZH);
    expect(mock.code).toBe(2);
    expect(mock.err).toBe(
      `tsgate mock：模拟器配置 ${broken}：不是有效的 JSON（第 2 行第 30 列有意外的字符）`,
    );
  });

  it("tells core's settings checks in the language of the settings file", async () => {
    const bad = join(dir, "bad.json");
    const setting = { 交易用户名: "demo", 交易服务器: "127.0.0.1", 交易端口: "80a" };
    writeFileSync(bad, JSON.stringify(setting));
    const zh = await tsgate(["trader", "--no-browser", "--port", "0", "--settings", bad], EN);
    // The settings name no language, so LANG decides: English here.
    expect(zh.code).toBe(2);
    expect(zh.err).toContain('交易端口: expected an integer between 1 and 65535, got "80a"');
    writeFileSync(bad, JSON.stringify({ ...setting, language: "zh-CN" }));
    const chinese = await tsgate(["trader", "--no-browser", "--port", "0", "--settings", bad], EN);
    expect(chinese.code).toBe(2);
    expect(chinese.err).toMatch(/^tsgate trader：设置有 \d+ 处错误：\n/);
    expect(chinese.err).toContain('  交易端口：应为 1 到 65535 之间的整数，实际为 "80a"');
    expect(hasChinese(chinese.err.replace(/[「」]/g, ""))).toBe(true);
    expect(chinese.err).not.toMatch(/expected|got/);
  });
});

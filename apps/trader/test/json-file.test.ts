/**
 * A settings file, simulator config or strategy setting file that cannot be read or parsed: the
 * reason names the file in the reader's language, gives the line and column of a syntax error,
 * and never quotes the file's text (it may hold a password).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { readSettingFile } from "../src/gateway-settings.js";
import { jsonErrorText, readJsonFile } from "../src/json-file.js";

const SECRET = "Secr3t-pw";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tsgate-json-file-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function reasons(run: () => unknown): { en: string; zh: string } {
  try {
    run();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const texts = { en: err.messageIn("en"), zh: err.messageIn("zh-CN") };
    expect(`${texts.en}\n${texts.zh}\n${err.message}`).not.toContain(SECRET);
    return texts;
  }
  throw new Error("expected an InputError");
}

describe("readJsonFile", () => {
  it("says a file is missing", () => {
    const path = join(dir, "gone.json");
    expect(reasons(() => readJsonFile(path, "settings"))).toEqual({
      en: `settings file ${path}: no such file`,
      zh: `设置文件 ${path}：文件不存在`,
    });
  });

  it("says a file cannot be read, with the errno code as data", () => {
    expect(reasons(() => readJsonFile(dir, "mockConfig"))).toEqual({
      en: `simulator config ${dir}: cannot read it (EISDIR)`,
      zh: `模拟器配置 ${dir}：无法读取（EISDIR）`,
    });
  });

  it("gives a syntax error's line and column, never the text", () => {
    const path = file("ini.json", `{\n  "交易密码": ${SECRET}\n}`);
    expect(reasons(() => readJsonFile(path, "settings"))).toEqual({
      en: `settings file ${path}: not valid JSON (Unexpected character at line 2, column 11)`,
      zh: `设置文件 ${path}：不是有效的 JSON（第 2 行第 11 列有意外的字符）`,
    });
  });

  it("words V8's own description as the parser's, as it is in English and quoted in Chinese", () => {
    const path = file("comma.json", `{"交易密码": "${SECRET}"\n "交易用户名": "demo"}`);
    expect(reasons(() => readJsonFile(path, "settings"))).toEqual({
      en: `settings file ${path}: not valid JSON (Expected ',' or '}' after property value at line 2, column 2)`,
      zh: `设置文件 ${path}：不是有效的 JSON（第 2 行第 2 列：原文 "Expected ',' or '}' after property value"）`,
    });
  });

  it("says a syntax error it cannot place without quoting anything", () => {
    expect(jsonErrorText(new SyntaxError(`some future message about ${SECRET}`), SECRET)).toEqual({
      label: "json.syntax",
    });
  });

  it("says a file ends too early", () => {
    const path = file("cut.json", "");
    expect(reasons(() => readJsonFile(path, "strategySetting"))).toEqual({
      en: `strategy setting file ${path}: not valid JSON (the file ends too early)`,
      zh: `策略设置文件 ${path}：不是有效的 JSON（文件提前结束）`,
    });
  });
});

describe("readSettingFile", () => {
  it("wants a JSON object of setting keys", () => {
    const path = file("list.json", JSON.stringify([SECRET]));
    expect(reasons(() => readSettingFile(path))).toEqual({
      en: `settings file ${path}: expected a JSON object of setting keys such as "交易服务器"`,
      zh: `设置文件 ${path}：应为由设置项组成的 JSON 对象，例如「交易服务器」`,
    });
  });
});

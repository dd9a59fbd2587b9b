/**
 * A simulator config that is valid JSON but not a valid config: the trader names the file and
 * each problem by its path in the reader's language; only the mock server's own checks stay
 * quoted (its English, as data).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoConfigInput } from "@tsgate/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { readMockConfigFile } from "../src/mock-config-file.js";
import { startTrader } from "../src/trader-app.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tsgate-mock-config-file-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusalOf(config: unknown): { zh: string; en: string; path: string } {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(config));
  try {
    readMockConfigFile(path);
  } catch (err) {
    if (err instanceof InputError) return { zh: err.messageIn("zh-CN"), en: err.messageIn("en"), path };
    throw err;
  }
  throw new Error("expected an InputError");
}

describe("readMockConfigFile", () => {
  it("reads a valid config", () => {
    const path = join(dir, "valid.json");
    writeFileSync(path, JSON.stringify(demoConfigInput));
    expect(readMockConfigFile(path).accounts.length).toBeGreaterThan(0);
  });

  it("names each problem's path and kind in both languages", () => {
    const { zh, en, path } = refusalOf({ ...demoConfigInput, fees: { commissionRate: -1 }, extra: 1 });
    expect(zh).toBe(`模拟器配置 ${path}：fees.commissionRate：不能小于 0；（整个文件）：未知的键 "extra"`);
    expect(en).toBe(
      `simulator config ${path}: fees.commissionRate: must be at least 0; (file): unknown keys "extra"`,
    );
  });

  it("quotes a check of the mock server's own", () => {
    const account = demoConfigInput.accounts[0];
    const { zh } = refusalOf({ ...demoConfigInput, accounts: [account, account] });
    expect(zh).toMatch(/^模拟器配置 .*：accounts\.1\.accountId：校验信息 "duplicate account .*"$/);
  });

  it("is what the trader refuses --mock-config with, in its language", async () => {
    const path = join(dir, "bad-start.json");
    writeFileSync(path, JSON.stringify({ ...demoConfigInput, fees: { commissionRate: -1 } }));
    const err = await startTrader({ port: 0, language: "zh-CN", simulator: { configPath: path } }).then(
      (app) => app.close().then(() => undefined),
      (e: unknown) => e,
    );
    if (!(err instanceof InputError)) throw new Error(`expected an InputError, got ${String(err)}`);
    expect(err.messageIn("zh-CN")).toBe(`模拟器配置 ${path}：fees.commissionRate：不能小于 0`);
  });
});

/**
 * What the trader does with the strategy inputs a user gives it (strategy files, the strategy
 * setting file, a backtest report): each mistake gets a message naming the file and the field,
 * and a strategy's P&L is counted from its own fills.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Direction, MainEngine } from "@tsgate/core";
import { InMemoryGateway } from "@tsgate/core/sim";
import { JsonFileStrategyStore } from "@tsgate/strategy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { labelText } from "../src/shared/labels/labels.js";
import { loadBacktestReport, readBacktestReport } from "../src/strategies/backtest-report.js";
import { FillBook } from "../src/strategies/fill-book.js";
import { StrategyHost } from "../src/strategies/strategy-host.js";
import { loadStrategyModule } from "../src/strategies/strategy-loader.js";
import { readStrategySettingFile } from "../src/strategies/strategy-setting-file.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "strategies");
const BUY_ONCE = join(FIXTURES, "buy-once.mjs");
const THROW_ON_TICK = join(FIXTURES, "throw-on-tick.mjs");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tsgate-strategy-inputs-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The InputError `run` throws (any other outcome fails the test). */
function thrown(run: () => unknown): InputError {
  try {
    run();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error("expected an InputError");
}

/** The InputError `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof InputError) return err;
  throw new Error(`expected an InputError, got ${String(err)}`);
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("strategy files", () => {
  it("gives the exported StrategyTemplate subclasses by class name", async () => {
    const loaded = await loadStrategyModule(BUY_ONCE);
    expect([...loaded.classes.keys()]).toEqual(["BuyOnce"]);
    expect(loaded.file).toBe(BUY_ONCE);
  });

  it("names a missing file, a module without a strategy class, and one that fails to load, in both languages", async () => {
    const nope = join(dir, "nope.mjs");
    const missing = await failure(loadStrategyModule(nope));
    expect(missing.messageIn("en")).toBe(`strategy file ${nope}: no such file`);
    expect(missing.messageIn("zh-CN")).toBe(`策略文件 ${nope}：文件不存在`);
    const helper = join(FIXTURES, "not-a-strategy.mjs");
    const noClass = await failure(loadStrategyModule(helper));
    expect(noClass.messageIn("en")).toBe(
      `strategy file ${helper}: exports no class extending StrategyTemplate from @tsgate/strategy (it exports Helper, answer)`,
    );
    expect(noClass.messageIn("zh-CN")).toBe(
      `策略文件 ${helper}：没有导出继承 @tsgate/strategy 的 StrategyTemplate 的类（它导出的是 Helper, answer）`,
    );
    const broken = file("broken.mjs", "export class {");
    const unloadable = await failure(loadStrategyModule(broken));
    expect(unloadable.messageIn("en")).toMatch(/broken\.mjs: cannot load it \(".+"\)$/);
    // Node's own words are quoted as data in the Chinese line.
    expect(unloadable.messageIn("zh-CN")).toMatch(/^策略文件 .*broken\.mjs：无法加载（原文 ".+"）$/);
  });
});

describe("the strategy setting file", () => {
  it("reads each instance with its class, symbols and setting", () => {
    const path = file(
      "ok.json",
      JSON.stringify({
        "dip-600000": { className: "BuyOnce", vtSymbols: ["600000.SSE"], setting: { volume: 200 } },
      }),
    );
    expect(readStrategySettingFile(path)).toEqual([
      { name: "dip-600000", className: "BuyOnce", vtSymbols: ["600000.SSE"], setting: { volume: 200 } },
    ]);
  });

  it("names the file and every bad field, in both languages", () => {
    const path = file(
      "bad.json",
      JSON.stringify({
        a: { className: "BuyOnce", vtSymbols: [], colour: "red" },
        b: { vtSymbols: ["x"], setting: { n: null } },
      }),
    );
    const bad = thrown(() => readStrategySettingFile(path));
    expect(bad.messageIn("en")).toBe(
      `strategy setting file ${path}: a.vtSymbols: needs at least 1 item(s); a: unknown keys "colour"; ` +
        "b.className: expected a string; b.setting.n: expected a number, a string or true/false",
    );
    expect(bad.messageIn("zh-CN")).toBe(
      `策略设置文件 ${path}：a.vtSymbols：至少需要 1 项；a：未知的键 "colour"；` +
        "b.className：应为字符串；b.setting.n：应为数字、字符串或 true/false",
    );
    const notJson = file("not.json", "{ nope");
    const syntax = thrown(() => readStrategySettingFile(notJson));
    // V8's description of the syntax error is the parser's words: data (as it is in English, quoted in
    // Chinese), with our line and column.
    expect(syntax.messageIn("en")).toBe(
      `strategy setting file ${notJson}: not valid JSON (Expected property name or '}' at line 1, column 3)`,
    );
    expect(syntax.messageIn("zh-CN")).toBe(
      `策略设置文件 ${notJson}：不是有效的 JSON（第 1 行第 3 列：原文 "Expected property name or '}'"）`,
    );
  });
});

describe("StrategyHost", () => {
  it("adds the strategies of the setting file and keeps every unusable one as a load error", async () => {
    const main = new MainEngine();
    const published: number[] = [];
    const host = new StrategyHost(main, (view) => published.push(view.strategies.length));
    const setting = file(
      "host.json",
      JSON.stringify({
        good: { className: "BuyOnce", vtSymbols: ["600000.SSE"], setting: { volume: 300 } },
        typo: { className: "BuyOnce", vtSymbols: ["600000.SSE"], setting: { volumee: 300 } },
        other: { className: "SellTwice", vtSymbols: ["600000.SSE"] },
      }),
    );
    await host.load({ files: [BUY_ONCE], settingFile: setting, defaultVtSymbols: ["000001.SZSE"] });
    const view = host.view();
    expect(view.strategies.map((s) => [s.name, s.className, s.state, s.parameters])).toEqual([
      ["good", "BuyOnce", "added", { volume: 300 }],
    ]);
    // Kept as catalogue texts: the terminal and each page render them in their own language.
    expect(view.loadErrors.map((reason) => labelText("en", reason))).toEqual([
      'strategy typo: the strategy engine refused it (unknown parameter "volumee" (known: volume))',
      "strategy other: className: no strategy class SellTwice (known: BuyOnce)",
    ]);
    expect(view.loadErrors.map((reason) => labelText("zh-CN", reason))).toEqual([
      '策略 typo：策略引擎拒绝添加（未知的参数 "volumee"（已声明：volume））',
      "策略 other：className：没有策略类 SellTwice（已加载：BuyOnce）",
    ]);
    expect(published).toEqual([1]);
    expect(() => host.act("good", "launch")).toThrow('action: expected init, start or stop, got "launch"');
    expect(() => host.act("nobody", "init")).toThrow('name: no strategy "nobody" (known: good)');
    // Starting before init is a conflict with its state, and shows in the row.
    expect(() => host.act("good", "start")).toThrow(/must be inited/);
    const rowError = host.view().strategies[0]?.error;
    if (rowError === undefined) throw new Error("expected the row to show the refusal");
    // The strategy engine's refusal, in the reader's language (strategy-refusals.test.ts has them all).
    expect(labelText("en", rowError)).toBe('strategy "good" must be inited before it starts');
    expect(labelText("zh-CN", rowError)).toBe('策略 "good" 须先初始化才能启动');
    host.close();
    await main.close();
  });

  it("without a setting file adds each class once, named after it, on the default symbol", async () => {
    const main = new MainEngine();
    const host = new StrategyHost(main, () => {});
    await host.load({ files: [BUY_ONCE], defaultVtSymbols: ["000001.SZSE"] });
    expect(host.view().strategies.map((s) => [s.name, s.vtSymbols, s.author])).toEqual([
      ["BuyOnce", ["000001.SZSE"], "tsgate tests"],
    ]);
    host.close();
    await main.close();
  });
});

/** Polls until `check` holds; fails after 10 s. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("the strategy host on a simulator", () => {
  const SIM_SETTING = { 用户名: "demo", 密码: "demo", 行情间隔: 5 };

  /** A trader-like host on the in-process simulator, with its strategies kept in `storePath`. */
  async function hostOn(storePath: string, files = [BUY_ONCE]) {
    const main = new MainEngine();
    main.addGateway(InMemoryGateway);
    const host = new StrategyHost(main, () => {}, new JsonFileStrategyStore(storePath));
    await host.load({ files, defaultVtSymbols: ["600000.SSE"] });
    main.connect(SIM_SETTING, "SIM");
    for (const { name } of host.view().strategies) host.act(name, "init");
    await until(() => host.view().strategies.every((s) => s.state === "inited"));
    return { main, host };
  }

  it("stops a strategy whose hook throws, shows why in its row, and keeps the others trading", async () => {
    const { main, host } = await hostOn(join(dir, "store", "throwing.json"), [THROW_ON_TICK, BUY_ONCE]);
    host.act("ThrowOnTick", "start");
    host.act("BuyOnce", "start");
    const row = (name: string) => host.view().strategies.find((s) => s.name === name);
    await until(() => row("ThrowOnTick")?.state === "stopped");
    const rowError = row("ThrowOnTick")?.error;
    if (rowError === undefined) throw new Error("expected the row to say why it stopped");
    expect(labelText("en", rowError)).toBe("onTick threw: price is not a number; the strategy was stopped");
    expect(labelText("zh-CN", rowError)).toBe('onTick 抛出异常（原文 "price is not a number"）；策略已停止');
    // Ticks still reach the strategy added after it.
    await until(() => row("BuyOnce")?.pos["600000.SSE"] === 100);
    host.close();
    await main.close();
  });

  it("keeps a strategy's position and variables across a restart of the trader", async () => {
    const storePath = join(dir, "store", "strategies.json");
    const first = await hostOn(storePath);
    first.host.act("BuyOnce", "start");
    await until(() => first.host.view().strategies[0]?.pos["600000.SSE"] === 100);
    first.host.act("BuyOnce", "stop");
    first.host.close();
    await first.main.close();

    const second = await hostOn(storePath);
    const row = second.host.view().strategies[0];
    expect(row?.pos).toEqual({ "600000.SSE": 100 });
    expect(row?.variables).toEqual({ bought: true });
    second.host.close();
    await second.main.close();
  });
});

describe("backtest report files", () => {
  it("names the file and the first bad fields of something that is not a backtest result", () => {
    const path = file("r.json", JSON.stringify({ engine: "fast", strategyName: "x", tickCount: -1 }));
    const notResult = thrown(() => readBacktestReport(path));
    expect(notResult.messageIn("en")).toBe(
      `backtest report ${path}: not a backtest result (tickCount: must be at least 0; ` +
        "barCount: expected a number; trades: expected an array; daily: expected an array; summary: expected an object)",
    );
    expect(notResult.messageIn("zh-CN")).toBe(
      `回测报告 ${path}：不是回测结果（tickCount：不能小于 0；barCount：应为数字；trades：应为数组；daily：应为数组；summary：应为对象）`,
    );
    expect(loadBacktestReport(path)).toMatchObject({ state: "error", file: path, reason: notResult.text });
    expect(loadBacktestReport(undefined)).toEqual({ state: "none" });
    const gone = join(dir, "gone.json");
    const answer = loadBacktestReport(gone);
    if (answer.state !== "error") throw new Error(`expected an error, got ${answer.state}`);
    expect(labelText("en", answer.reason)).toBe(`backtest report ${gone}: no such file`);
    expect(labelText("zh-CN", answer.reason)).toBe(`回测报告 ${gone}：文件不存在`);
  });

  it("says a bad date of a trade or a day in the reader's language", () => {
    const trade = {
      vtSymbol: "600000.SSE",
      vtTradeid: "SIM.1",
      direction: "LONG",
      price: 10,
      volume: 100,
      fee: 5,
    };
    const day = {
      tradeCount: 1,
      turnover: 1000,
      fee: 5,
      grossPnl: 0,
      netPnl: -5,
      balance: 99995,
      drawdown: -5,
    };
    const summary = {
      capital: 100000,
      endBalance: 99995,
      totalNetPnl: -5,
      totalFee: 5,
      totalTurnover: 1000,
      tradeCount: 1,
      tradingDays: 1,
      maxDrawdown: -5,
      maxDrawdownPercent: -0.005,
      sharpeRatio: 0,
    };
    const result = { engine: "fast", strategyName: "x", tickCount: 1, barCount: 0, summary };
    const withDates = (name: string, datetime: string, date: string) =>
      file(name, JSON.stringify({ ...result, trades: [{ ...trade, datetime }], daily: [{ ...day, date }] }));
    expect(
      readBacktestReport(withDates("good.json", "2026-01-05T01:30:00.000Z", "2026-01-05")).strategyName,
    ).toBe("x");
    const path = withDates("dates.json", "soon", "2026/01/05");
    const bad = thrown(() => readBacktestReport(path));
    expect(bad.messageIn("en")).toBe(
      `backtest report ${path}: not a backtest result (trades.0.datetime: expected an ISO date; daily.0.date: expected a date as YYYY-MM-DD)`,
    );
    expect(bad.messageIn("zh-CN")).toBe(
      `回测报告 ${path}：不是回测结果（trades.0.datetime：应为 ISO 日期；daily.0.date：应为 YYYY-MM-DD 格式的日期）`,
    );
  });
});

describe("FillBook", () => {
  const fill = (vtTradeid: string, direction: Direction, price: number, fee: number) => ({
    vtTradeid,
    vtSymbol: "600000.SSE",
    direction,
    price,
    volume: 100,
    fee,
  });

  it("is the fills' cash flow less fees plus the position at the last price, each fill once", () => {
    const book = new FillBook();
    book.apply(fill("t1", Direction.LONG, 10, 5));
    book.apply(fill("t1", Direction.LONG, 10, 5));
    expect(book.count).toBe(1);
    // Marked to the last price when there is one, else to the last fill's price.
    expect(book.pnl({ "600000.SSE": 100 }, () => 10.5)).toBe(45);
    expect(book.pnl({ "600000.SSE": 100 }, () => undefined)).toBe(-5);
    book.apply(fill("t2", Direction.SHORT, 11, 5.55));
    expect(book.pnl({ "600000.SSE": 0 }, () => 12)).toBe(89.45);
  });
});

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

  it("names a missing file, a module without a strategy class, and one that fails to load", async () => {
    await expect(loadStrategyModule(join(dir, "nope.mjs"))).rejects.toThrow(/nope\.mjs: no such file/);
    await expect(loadStrategyModule(join(FIXTURES, "not-a-strategy.mjs"))).rejects.toThrow(
      /not-a-strategy\.mjs: exports no class extending StrategyTemplate from @tsgate\/strategy \(it exports Helper, answer\)/,
    );
    const broken = file("broken.mjs", "export class {");
    await expect(loadStrategyModule(broken)).rejects.toThrow(/broken\.mjs: cannot load it \(.+\)/);
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

  it("names the file and every bad field", () => {
    const path = file(
      "bad.json",
      JSON.stringify({ a: { className: "BuyOnce", vtSymbols: [], colour: "red" } }),
    );
    expect(() => readStrategySettingFile(path)).toThrow(
      /strategy setting file .*bad\.json: .*a\.vtSymbols: .*a: .*colour/,
    );
    const notJson = file("not.json", "{ nope");
    expect(() => readStrategySettingFile(notJson)).toThrow(/not\.json: not valid JSON/);
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
    expect(view.loadErrors).toEqual([
      expect.stringMatching(/^strategy typo: .*unknown parameter "volumee"/),
      "strategy other: className: no strategy class SellTwice (known: BuyOnce)",
    ]);
    expect(published).toEqual([1]);
    expect(() => host.act("good", "launch")).toThrow('action: expected init, start or stop, got "launch"');
    expect(() => host.act("nobody", "init")).toThrow('name: no strategy "nobody" (known: good)');
    // Starting before init is a conflict with its state, and shows in the row.
    expect(() => host.act("good", "start")).toThrow(/must be inited/);
    expect(host.view().strategies[0]?.error).toMatch(/must be inited/);
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
    expect(row("ThrowOnTick")?.error).toBe("onTick threw: price is not a number; the strategy was stopped");
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
    expect(() => readBacktestReport(path)).toThrow(
      /backtest report .*r\.json: not a backtest result \(tickCount: .*; barCount: /,
    );
    expect(loadBacktestReport(path)).toMatchObject({ state: "error", file: path });
    expect(loadBacktestReport(undefined)).toEqual({ state: "none" });
    expect(loadBacktestReport(join(dir, "gone.json"))).toMatchObject({
      state: "error",
      error: expect.stringMatching(/gone\.json: cannot read it/),
    });
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

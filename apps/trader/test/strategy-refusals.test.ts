/**
 * The strategy engine's refusals in the trader's words, in zh-CN and en: in the load errors, a
 * strategy's row, the API's 409 and the log. Only what a strategy's own code threw stays quoted.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { EVENT_LOG, MainEngine } from "@tsgate/core";
import { InMemoryGateway } from "@tsgate/core/sim";
import { JsonFileStrategyStore, StrategyEngine, StrategyError, StrategyTemplate } from "@tsgate/strategy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError } from "../src/errors.js";
import { type LabelText, labelText } from "../src/shared/labels/labels.js";
import { StrategyHost } from "../src/strategies/strategy-host.js";
import { strategyReasonOf } from "../src/strategies/strategy-refusal.js";
import { waitFor } from "./helpers/wait.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "strategies");
const VT = "600000.SSE";

class Holder extends StrategyTemplate {
  parameters = { volume: 100, label: "x", hedge: false };
  variables = { count: 0 };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tsgate-strategy-refusals-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What `run` throws or rejects with. */
async function thrownBy(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("expected a refusal");
}

/** `err`'s reason in both languages. */
function both(err: unknown): { zh: string; en: string } {
  const reason = strategyReasonOf(err);
  return { zh: labelText("zh-CN", reason), en: labelText("en", reason) };
}

describe("each refusal of the strategy engine, worded by the trader", () => {
  it("words every code and problem in both languages, with no English quoted", async () => {
    const main = new MainEngine();
    main.addGateway(InMemoryGateway);
    const engine = new StrategyEngine(main, { readyTimeoutMs: 20 });
    const s = engine.addStrategy(Holder, "s", [VT]);
    engine.addStrategy(Holder, "far", ["688888.SSE"]);
    const notJsonPath = join(dir, "state.json");
    writeFileSync(notJsonPath, "{");
    const cases: [unknown, { zh: string; en: string }][] = [
      [
        await thrownBy(() => engine.addStrategy(Holder, "s", [VT])),
        { zh: '策略 "s" 已添加', en: 'strategy "s" is already added' },
      ],
      [
        await thrownBy(() => engine.getStrategy("t")),
        { zh: '没有策略 "t"（已有：s, far）', en: 'no strategy "t" (known: s, far)' },
      ],
      [
        await thrownBy(() => engine.startStrategy("s")),
        { zh: '策略 "s" 须先初始化才能启动', en: 'strategy "s" must be inited before it starts' },
      ],
      [
        await thrownBy(() => engine.addStrategy(Holder, "p", [VT], { volumn: 1 })),
        {
          zh: '未知的参数 "volumn"（已声明：volume, label, hedge）',
          en: 'unknown parameter "volumn" (known: volume, label, hedge)',
        },
      ],
      [
        await thrownBy(() => engine.addStrategy(Holder, "p", [VT], { volume: "100" })),
        {
          zh: '参数 "volume"：应为有限的数，收到 "100"',
          en: 'parameter "volume": expected a finite number, got "100"',
        },
      ],
      [
        await thrownBy(() => engine.addStrategy(Holder, "p", [VT], { label: 3 })),
        { zh: '参数 "label"：应为字符串，收到 3', en: 'parameter "label": expected a string, got 3' },
      ],
      [
        await thrownBy(() => engine.addStrategy(Holder, "p", [VT], { hedge: "no" })),
        {
          zh: '参数 "hedge"：应为 true 或 false，收到 "no"',
          en: 'parameter "hedge": expected true or false, got "no"',
        },
      ],
      [
        await thrownBy(() => engine.addStrategy(Holder, "p", [])),
        { zh: "vtSymbols：至少需要一个", en: "vtSymbols: give at least one" },
      ],
      [
        await thrownBy(() => engine.initStrategy("far")),
        {
          zh: "等待 20 毫秒后仍没有 688888.SSE 的合约；网关连接了吗？",
          en: "no contract for 688888.SSE after 20 ms; is the gateway connected?",
        },
      ],
      [
        await thrownBy(() => new JsonFileStrategyStore(notJsonPath).load("s")),
        {
          zh: `策略状态文件 ${notJsonPath} 不是有效的 JSON`,
          en: `strategy state ${notJsonPath} is not valid JSON`,
        },
      ],
      [
        await thrownBy(() => new JsonFileStrategyStore(dir).load("s")),
        { zh: `无法读取策略状态文件 ${dir}`, en: `cannot read strategy state ${dir}` },
      ],
    ];
    main.connect({ 用户名: "demo", 密码: "demo", 行情间隔: 5 }, "SIM");
    await engine.initStrategy("s");
    cases.push(
      [
        await thrownBy(() => engine.initStrategy("s")),
        { zh: '策略 "s" 已初始化', en: 'strategy "s" is already inited' },
      ],
      [
        await thrownBy(() => {
          engine.startStrategy("s");
          engine.startStrategy("s");
        }),
        { zh: '策略 "s" 已在交易', en: 'strategy "s" is already trading' },
      ],
      [
        await thrownBy(() => engine.removeStrategy("s")),
        { zh: '策略 "s" 须先停止才能移除', en: 'strategy "s" must be stopped before it is removed' },
      ],
      [
        await thrownBy(() => s.sell(7, 200)),
        {
          zh: "卖出 200 600000.SSE：持有且未在卖出的只有 0（A 股不能卖空）",
          en: "sell 200 600000.SSE: only 0 held and not already being sold (A-shares cannot be sold short)",
        },
      ],
      [
        await thrownBy(() => s.short(7, 100)),
        { zh: "short：A 股不能卖空", en: "short: A-shares cannot be sold short" },
      ],
      [
        await thrownBy(() => s.cover(7, 100)),
        { zh: "cover：A 股不能卖空", en: "cover: A-shares cannot be sold short" },
      ],
      [
        await thrownBy(() => s.buy(7, 100, "000001.SZSE")),
        {
          zh: "000001.SZSE 不是该策略交易的代码（600000.SSE）",
          en: "000001.SZSE is not one of its vtSymbols (600000.SSE)",
        },
      ],
    );
    // Reached only when a gateway drops a contract between init and an order: made here.
    cases.push([
      new StrategyError("STRATEGY_NOT_READY", "s: no contract for 600001.SSE yet", {
        params: { strategy: "s", problem: "noContract", missing: ["600001.SSE"] },
      }),
      { zh: "还没有 600001.SSE 的合约", en: "no contract for 600001.SSE yet" },
    ]);
    const seen = new Set<string>();
    for (const [err, expected] of cases) {
      if (!(err instanceof StrategyError)) throw new Error(`expected a StrategyError, got ${String(err)}`);
      seen.add(`${err.code} ${String((err.params as { problem?: string } | undefined)?.problem)}`);
      expect(both(err), err.message).toEqual(expected);
    }
    // Every code and problem the engine and its store can throw at a trader's user.
    expect([...seen].sort()).toEqual(
      [
        "STRATEGY_EXISTS undefined",
        "STRATEGY_NOT_FOUND undefined",
        "STRATEGY_STATE notInited",
        "STRATEGY_STATE alreadyInited",
        "STRATEGY_STATE alreadyTrading",
        "STRATEGY_STATE trading",
        "STRATEGY_PARAMETER unknown",
        "STRATEGY_PARAMETER type",
        "STRATEGY_SYMBOL none",
        "STRATEGY_SYMBOL notTraded",
        "STRATEGY_NOT_READY timeout",
        "STRATEGY_NOT_READY noContract",
        "STRATEGY_ORDER oversell",
        "STRATEGY_ORDER short",
        "STRATEGY_ORDER cover",
        "STRATEGY_STORE notJson",
        "STRATEGY_STORE unreadable",
      ].sort(),
    );
    engine.close();
    await main.close();
  });

  it("keeps quoting what is not the engine's refusal: a strategy's own error, a backtest's", () => {
    expect(both(new Error("price is not a number"))).toEqual({
      zh: '原文 "price is not a number"',
      en: "price is not a number",
    });
    expect(both(new StrategyError("BACKTEST_STALLED", "full-path backtest: nothing arrived"))).toEqual({
      zh: '原文 "full-path backtest: nothing arrived"',
      en: "full-path backtest: nothing arrived",
    });
  });
});

describe("the strategy host's refusals", () => {
  it("words a refused setting in the load errors and a refused start in the row, the 409 and the log", async () => {
    const main = new MainEngine();
    const logs: string[] = [];
    main.eventEngine.register(EVENT_LOG, (e) => logs.push(e.data.msg));
    const host = new StrategyHost(
      main,
      () => {},
      undefined,
      () => "zh-CN",
    );
    const setting = join(dir, "setting.json");
    writeFileSync(
      setting,
      JSON.stringify({
        good: { className: "BuyOnce", vtSymbols: [VT] },
        typo: { className: "BuyOnce", vtSymbols: [VT], setting: { volumee: 300 } },
        typed: { className: "BuyOnce", vtSymbols: [VT], setting: { volume: "300" } },
      }),
    );
    await host.load({
      files: [join(FIXTURES, "buy-once.mjs")],
      settingFile: setting,
      defaultVtSymbols: [VT],
    });
    const loadErrors = host.view().loadErrors;
    expect(loadErrors.map((reason) => labelText("zh-CN", reason))).toEqual([
      '策略 typo：策略引擎拒绝添加（未知的参数 "volumee"（已声明：volume））',
      '策略 typed：策略引擎拒绝添加（参数 "volume"：应为有限的数，收到 "300"）',
    ]);
    expect(loadErrors.map((reason) => labelText("en", reason))).toEqual([
      'strategy typo: the strategy engine refused it (unknown parameter "volumee" (known: volume))',
      'strategy typed: the strategy engine refused it (parameter "volume": expected a finite number, got "300")',
    ]);
    const conflict = await thrownBy(() => host.act("good", "start"));
    if (!(conflict instanceof ConflictError))
      throw new Error(`expected a ConflictError, got ${String(conflict)}`);
    // What the API answers (409) in the asker's language; the English message for logs.
    expect(conflict.messageIn("zh-CN")).toBe('策略 "good" 须先初始化才能启动');
    expect(conflict.messageIn("en")).toBe('strategy "good" must be inited before it starts');
    const rowError = host.view().strategies[0]?.error as LabelText;
    expect(labelText("zh-CN", rowError)).toBe('策略 "good" 须先初始化才能启动');
    await waitFor(() => logs.some((line) => line.includes("须先初始化")), "the refusal's log line");
    expect(
      logs.filter((line) => /策略引擎拒绝|须先初始化/.test(line)).every((l) => !l.includes("原文")),
    ).toBe(true);
    host.close();
    await main.close();
  });

  it("words an order the engine refused inside a hook, and stops that strategy", async () => {
    const main = new MainEngine();
    main.addGateway(InMemoryGateway);
    const host = new StrategyHost(main, () => {});
    await host.load({ files: [join(FIXTURES, "sell-unheld.mjs")], defaultVtSymbols: [VT] });
    main.connect({ 用户名: "demo", 密码: "demo", 行情间隔: 5 }, "SIM");
    host.act("SellUnheld", "init");
    await waitFor(() => host.view().strategies[0]?.state === "inited", "the strategy inited");
    host.act("SellUnheld", "start");
    await waitFor(() => host.view().strategies[0]?.state === "stopped", "the strategy stopped");
    const rowError = host.view().strategies[0]?.error as LabelText;
    expect(labelText("zh-CN", rowError)).toBe(
      "onTick 的调用被策略引擎拒绝（卖出 100 600000.SSE：持有且未在卖出的只有 0（A 股不能卖空））；策略已停止",
    );
    expect(labelText("en", rowError)).toBe(
      "onTick: the strategy engine refused a call (sell 100 600000.SSE: only 0 held and not already being sold (A-shares cannot be sold short)); the strategy was stopped",
    );
    host.close();
    await main.close();
  });
});

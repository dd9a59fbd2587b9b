/**
 * Every refusal of the strategy engine carries its code and values as data (`params`), so a host
 * such as the trader words it in its user's language; the English message stays as it was.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MainEngine } from "@tsgate/core";
import { InMemoryGateway } from "@tsgate/core/sim";
import { afterEach, describe, expect, it } from "vitest";
import { StrategyError, type StrategyRefusal } from "../src/errors.js";
import { StrategyEngine } from "../src/strategy-engine.js";
import { JsonFileStrategyStore } from "../src/strategy-store.js";
import { StrategyTemplate } from "../src/strategy-template.js";

const VT = "600000.SSE";
const SETTING = { 用户名: "demo", 密码: "demo", 行情间隔: 5 };

class Holder extends StrategyTemplate {
  parameters = { volume: 100, label: "x" };
  variables = { count: 0 };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(options: ConstructorParameters<typeof StrategyEngine>[1] = {}) {
  const main = new MainEngine();
  main.addGateway(InMemoryGateway);
  const engine = new StrategyEngine(main, options);
  cleanups.push(() => main.close());
  cleanups.push(() => engine.close());
  return { main, engine };
}

/** The message and refusal of the StrategyError `run` throws or rejects with. */
async function refusalOf(
  run: () => unknown,
): Promise<{ message: string; refusal: StrategyRefusal | undefined }> {
  let caught: unknown;
  try {
    await run();
  } catch (err) {
    caught = err;
  }
  if (!(caught instanceof StrategyError)) throw new Error(`expected a StrategyError, got ${String(caught)}`);
  return { message: caught.message, refusal: caught.refusal };
}

describe("the strategy engine's refusals as data", () => {
  it("names a duplicate, an unknown strategy and the known ones", async () => {
    const { engine } = setup();
    engine.addStrategy(Holder, "a", [VT]);
    expect(await refusalOf(() => engine.addStrategy(Holder, "a", [VT]))).toEqual({
      message: 'strategy "a" is already added',
      refusal: { code: "STRATEGY_EXISTS", params: { strategy: "a" } },
    });
    expect(await refusalOf(() => engine.getStrategy("b"))).toEqual({
      message: 'no strategy "b" (known: a)',
      refusal: { code: "STRATEGY_NOT_FOUND", params: { strategy: "b", known: ["a"] } },
    });
  });

  it("gives an unknown or mistyped parameter's field, the known names, the expected type and the value", async () => {
    const { engine } = setup();
    expect(await refusalOf(() => engine.addStrategy(Holder, "p", [VT], { volumn: 100 }))).toEqual({
      message: 'p: unknown parameter "volumn" (known: volume, label)',
      refusal: {
        code: "STRATEGY_PARAMETER",
        params: {
          strategy: "p",
          kind: "parameter",
          field: "volumn",
          problem: "unknown",
          known: ["volume", "label"],
        },
      },
    });
    expect(await refusalOf(() => engine.addStrategy(Holder, "q", [VT], { volume: "100" }))).toEqual({
      message: 'q: parameter "volume" expects a finite number, got "100"',
      refusal: {
        code: "STRATEGY_PARAMETER",
        params: {
          strategy: "q",
          kind: "parameter",
          field: "volume",
          problem: "type",
          expected: "number",
          got: '"100"',
        },
      },
    });
    expect(await refusalOf(() => engine.addStrategy(Holder, "r", [VT], { label: undefined }))).toMatchObject({
      refusal: { params: { expected: "string", got: "undefined" } },
    });
    expect(await refusalOf(() => engine.addStrategy(Holder, "s", []))).toEqual({
      message: "s: vtSymbols: give at least one",
      refusal: { code: "STRATEGY_SYMBOL", params: { strategy: "s", problem: "none" } },
    });
  });

  it("names the state that refuses init, start and remove", async () => {
    const { main, engine } = setup();
    const s = engine.addStrategy(Holder, "s", [VT]);
    const state = async (run: () => unknown) => (await refusalOf(run)).refusal;
    expect(await state(() => engine.startStrategy("s"))).toEqual({
      code: "STRATEGY_STATE",
      params: { strategy: "s", problem: "notInited" },
    });
    main.connect(SETTING, "SIM");
    await engine.initStrategy("s");
    expect(await state(() => engine.initStrategy("s"))).toMatchObject({
      params: { problem: "alreadyInited" },
    });
    engine.startStrategy("s");
    expect(await state(() => engine.startStrategy("s"))).toMatchObject({
      params: { problem: "alreadyTrading" },
    });
    expect(await state(() => engine.removeStrategy("s"))).toMatchObject({ params: { problem: "trading" } });
    // The order refusals of the template, with the volumes they name.
    expect(await refusalOf(() => s.sell(7, 300))).toEqual({
      message:
        "s: sell 300 600000.SSE: only 0 held and not already being sold (A-shares cannot be sold short)",
      refusal: {
        code: "STRATEGY_ORDER",
        params: { strategy: "s", problem: "oversell", vtSymbol: VT, volume: 300, free: 0 },
      },
    });
    expect(await state(() => s.short(7, 100))).toEqual({
      code: "STRATEGY_ORDER",
      params: { strategy: "s", problem: "short" },
    });
    expect(await state(() => s.cover(7, 100))).toMatchObject({ params: { problem: "cover" } });
    expect(await state(() => s.buy(7, 100, "000001.SZSE"))).toEqual({
      code: "STRATEGY_SYMBOL",
      params: { strategy: "s", problem: "notTraded", vtSymbol: "000001.SZSE", known: [VT] },
    });
  });

  it("names the vtSymbols without a contract and how long init waited", async () => {
    const { engine } = setup({ readyTimeoutMs: 20 });
    engine.addStrategy(Holder, "r", ["688888.SSE"]);
    expect(await refusalOf(() => engine.initStrategy("r"))).toEqual({
      message: "r: no contract for 688888.SSE after 20 ms; is the gateway connected?",
      refusal: {
        code: "STRATEGY_NOT_READY",
        params: { strategy: "r", problem: "timeout", missing: ["688888.SSE"], timeoutMs: 20 },
      },
    });
  });

  it("names the state file it cannot read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tsgate-refusals-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const notJson = join(dir, "state.json");
    writeFileSync(notJson, "{");
    expect(await refusalOf(() => new JsonFileStrategyStore(notJson).load("x"))).toEqual({
      message: `strategy state ${notJson} is not valid JSON`,
      refusal: { code: "STRATEGY_STORE", params: { path: notJson, problem: "notJson" } },
    });
    expect(await refusalOf(() => new JsonFileStrategyStore(dir).load("x"))).toMatchObject({
      refusal: { code: "STRATEGY_STORE", params: { path: dir, problem: "unreadable" } },
    });
  });
});

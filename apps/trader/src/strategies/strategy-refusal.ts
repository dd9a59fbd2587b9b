/**
 * A refusal of `@tsgate/strategy`'s engine as a catalogue text: the engine words its message in
 * English (an API error) and gives the same as data (`StrategyError.refusal`), which the trader
 * words in the reader's language (`strategyRefusal.*`, and the `field.*` texts it shares with
 * core's field refusals). Anything else (a strategy's own error, Node's) stays quoted as data.
 *
 * @module
 */
import { StrategyError, type StrategyErrorParams, type StrategyRefusal } from "@tsgate/strategy";
import { type LabelText, reasonOf } from "../errors.js";

const EXPECTED: Record<
  Extract<StrategyErrorParams["STRATEGY_PARAMETER"], { problem: "type" }>["expected"],
  LabelText
> = {
  number: { label: "field.expected.finiteNumber" },
  string: { label: "field.expected.string" },
  boolean: { label: "field.expected.boolean" },
};

/** `names` joined, or the catalogue's "none". */
function listOf(names: readonly string[]): string | LabelText {
  return names.length === 0 ? { label: "strategyRefusal.none" } : names.join(", ");
}

/**
 * `err` as a catalogue text: a strategy engine refusal in the trader's words, else
 * {@link reasonOf} (a trader error's own text, or the message quoted as data).
 */
export function strategyReasonOf(err: unknown): LabelText {
  return strategyRefusalText(err) ?? reasonOf(err);
}

/** A strategy engine refusal in the trader's words; undefined for any other error (to quote). */
export function strategyRefusalText(err: unknown): LabelText | undefined {
  const refusal = err instanceof StrategyError ? err.refusal : undefined;
  return refusal === undefined ? undefined : refusalText(refusal);
}

function refusalText(refusal: StrategyRefusal): LabelText | undefined {
  switch (refusal.code) {
    case "STRATEGY_EXISTS":
      return { label: "strategyRefusal.exists", params: { strategy: refusal.params.strategy } };
    case "STRATEGY_NOT_FOUND": {
      const { strategy, known } = refusal.params;
      return { label: "strategyRefusal.notFound", params: { strategy, known: listOf(known) } };
    }
    case "STRATEGY_STATE": {
      const { strategy, problem } = refusal.params;
      // The trader's own init refusal says the same (`strategy.alreadyInited`): one text for both.
      if (problem === "alreadyInited") return { label: "strategy.alreadyInited", params: { name: strategy } };
      return { label: `strategyRefusal.${problem}`, params: { strategy } };
    }
    case "STRATEGY_PARAMETER": {
      const p = refusal.params;
      const kind: LabelText = { label: `strategyRefusal.kind.${p.kind}` };
      if (p.problem === "unknown") {
        return {
          label: "strategyRefusal.unknownField",
          params: { kind, field: p.field, known: listOf(p.known) },
        };
      }
      const field: LabelText = { label: "strategyRefusal.field", params: { kind, field: p.field } };
      return { label: "field.refused", params: { field, expected: EXPECTED[p.expected], got: p.got } };
    }
    case "STRATEGY_SYMBOL": {
      const p = refusal.params;
      if (p.problem === "none") return { label: "strategyRefusal.noSymbols" };
      return { label: "strategyRefusal.notTraded", params: { vtSymbol: p.vtSymbol, known: listOf(p.known) } };
    }
    case "STRATEGY_NOT_READY": {
      const p = refusal.params;
      const missing = p.missing.join(", ");
      if (p.problem === "noContract") return { label: "strategyRefusal.noContract", params: { missing } };
      return { label: "strategyRefusal.readyTimeout", params: { missing, timeoutMs: p.timeoutMs } };
    }
    case "STRATEGY_ORDER": {
      const p = refusal.params;
      if (p.problem === "oversell") {
        return {
          label: "strategyRefusal.oversell",
          params: { volume: p.volume, vtSymbol: p.vtSymbol, free: p.free },
        };
      }
      return { label: "strategyRefusal.noShort", params: { call: p.problem } };
    }
    case "STRATEGY_STORE": {
      const { path, problem } = refusal.params;
      return {
        label: problem === "notJson" ? "strategyRefusal.storeNotJson" : "strategyRefusal.storeUnreadable",
        params: { path },
      };
    }
    // The backtest engines' data and stall errors give no values: their message is quoted.
    case "BACKTEST_DATA":
    case "BACKTEST_STALLED":
      return undefined;
  }
}

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { StrategyError } from "./errors.js";
import type { StrategyValues } from "./strategy-values.js";

/** What a {@link StrategyStore} keeps for one strategy between runs. */
export interface StrategyState {
  /** The parameters the strategy ran with. */
  readonly parameters: StrategyValues;
  /** The strategy's variables when it was last saved. */
  readonly variables: StrategyValues;
  /** The strategy's own net position per vtSymbol. */
  readonly pos: Readonly<Record<string, number>>;
}

/**
 * Where a {@link StrategyEngine} saves strategy state (vnpy's `cta_strategy_data.json`), so a
 * restarted process continues with the same parameters, variables and positions.
 */
export interface StrategyStore {
  /** The saved state of `strategyName`, or undefined when none was saved. */
  load(strategyName: string): StrategyState | undefined;
  /** Saves the state of `strategyName`, replacing the previous one. */
  save(strategyName: string, state: StrategyState): void;
  /** Forgets `strategyName`. */
  remove(strategyName: string): void;
}

/** A {@link StrategyStore} in memory (tests, backtests): state lives as long as the object. */
export class MemoryStrategyStore implements StrategyStore {
  private readonly states = new Map<string, StrategyState>();

  /** {@inheritDoc StrategyStore.load} */
  load(strategyName: string): StrategyState | undefined {
    return this.states.get(strategyName);
  }

  /** {@inheritDoc StrategyStore.save} */
  save(strategyName: string, state: StrategyState): void {
    this.states.set(strategyName, structuredClone(state));
  }

  /** {@inheritDoc StrategyStore.remove} */
  remove(strategyName: string): void {
    this.states.delete(strategyName);
  }
}

/**
 * A {@link StrategyStore} in one JSON file, `{ [strategyName]: StrategyState }`. Writes go to a
 * temporary file renamed over the old one, so a crash mid-write leaves the previous state whole.
 */
export class JsonFileStrategyStore implements StrategyStore {
  /** @param path - the JSON file; created (with its directory) on the first save */
  constructor(readonly path: string) {}

  /** {@inheritDoc StrategyStore.load} */
  load(strategyName: string): StrategyState | undefined {
    return this.readAll()[strategyName];
  }

  /** {@inheritDoc StrategyStore.save} */
  save(strategyName: string, state: StrategyState): void {
    this.writeAll({ ...this.readAll(), [strategyName]: state });
  }

  /** {@inheritDoc StrategyStore.remove} */
  remove(strategyName: string): void {
    const all = this.readAll();
    delete all[strategyName];
    this.writeAll(all);
  }

  private readAll(): Record<string, StrategyState> {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
      throw new StrategyError("STRATEGY_STORE", `cannot read strategy state ${this.path}`, {
        cause: error,
        params: { path: this.path, problem: "unreadable" },
      });
    }
    try {
      return JSON.parse(text) as Record<string, StrategyState>;
    } catch (error) {
      throw new StrategyError("STRATEGY_STORE", `strategy state ${this.path} is not valid JSON`, {
        cause: error,
        params: { path: this.path, problem: "notJson" },
      });
    }
  }

  private writeAll(all: Record<string, StrategyState>): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`);
    renameSync(temporary, this.path);
  }
}

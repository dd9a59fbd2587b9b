/**
 * The trader's strategies: a `StrategyEngine` on the app's `MainEngine`, filled from the strategy
 * files and the setting file the user gave, with init/start/stop for the dashboard and a view of
 * every strategy (state, parameters, variables, position, P&L) pushed as it changes.
 *
 * A file or setting that cannot be used is recorded in {@link StrategiesView.loadErrors} and
 * logged; the trader runs on without it.
 *
 * @module
 */
import { EVENT_ORDER, EVENT_TICK, EVENT_TRADE, type Event, LogLevel, type MainEngine } from "@tsgate/core";
import {
  STRATEGY_ENGINE_NAME,
  type StrategyClass,
  StrategyEngine,
  StrategyError,
  type StrategyStore,
  type StrategyTemplate,
} from "@tsgate/strategy";
import { STRATEGY_PUSH_INTERVAL_MS } from "../constants.js";
import { ConflictError, InputError, type LabelText, NotFoundError } from "../errors.js";
import { type LabelLanguage, label, labelText } from "../shared/labels/labels.js";
import type {
  StrategiesView,
  StrategyActionBody,
  StrategyStateName,
  WireStrategy,
} from "../shared/protocol.js";
import { FillBook } from "./fill-book.js";
import { loadStrategyModule } from "./strategy-loader.js";
import { strategyReasonOf, strategyRefusalText } from "./strategy-refusal.js";
import { readStrategySettingFile, type StrategySpec } from "./strategy-setting-file.js";

/** Which strategies the trader runs. */
export interface StrategyHostOptions {
  /** Strategy files (ES modules exporting StrategyTemplate subclasses). */
  readonly files?: readonly string[];
  /**
   * The strategy setting file (see `readStrategySettingFile`). Without it, every class of every
   * file is added once, named after the class, trading {@link StrategyHostOptions.defaultVtSymbols}
   * with its default parameters.
   */
  readonly settingFile?: string;
  /** What a strategy trades when no setting file says: the trader's first subscription. */
  readonly defaultVtSymbols: readonly string[];
}

interface Hosted {
  readonly strategy: StrategyTemplate;
  readonly className: string;
  readonly author: string;
  readonly file: string;
  readonly book: FillBook;
  /** The user's parameters: the engine applies them at init, the page shows them from the start. */
  readonly setting: StrategySpec["setting"];
  initing: boolean;
  everStarted: boolean;
  /** The last failure, as a catalogue text (rendered in each reader's language). */
  error: LabelText | undefined;
}

const ACTIONS = new Set<StrategyActionBody["action"]>(["init", "start", "stop"]);

/** The hooks events call; a throw in one is caught so it stops its strategy only. */
const EVENT_HOOKS = ["onTick", "onBar", "onOrder", "onTrade"] as const;

function isLabelText(value: unknown): value is LabelText {
  return typeof value === "object" && value !== null && !(value instanceof Error) && "label" in value;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The trader's StrategyEngine and what the dashboard shows of it. */
export class StrategyHost {
  /** The engine running the strategies. */
  readonly engine: StrategyEngine;
  private readonly hosted = new Map<string, Hosted>();
  private readonly loadErrors: LabelText[] = [];
  private pushTimer: NodeJS.Timeout | undefined;
  private readonly onTick = (event: Event<typeof EVENT_TICK>) => {
    for (const h of this.hosted.values())
      if (h.strategy.inited && h.strategy.vtSymbols.includes(event.data.vtSymbol)) return this.pushSoon();
  };
  private readonly onOrder = (event: Event<typeof EVENT_ORDER>) => {
    if (this.engine.strategyOfOrder(event.data.vtOrderid) !== undefined) this.pushSoon();
  };
  private readonly onTrade = (event: Event<typeof EVENT_TRADE>) => {
    const name = this.engine.strategyOfOrder(event.data.vtOrderid);
    const h = name === undefined ? undefined : this.hosted.get(name);
    if (h === undefined) return;
    h.book.apply(event.data);
    this.push();
  };

  /**
   * @param main - the trader's engine
   * @param publish - receives the view after every change
   * @param store - where parameters, variables and positions are saved on stop and restored on
   *   init; default in memory (lost when the trader stops)
   * @param logLanguage - the language of the log lines it writes (the trader's, read at each line)
   */
  constructor(
    private readonly main: MainEngine,
    private readonly publish: (view: StrategiesView) => void,
    store?: StrategyStore,
    private readonly logLanguage: () => LabelLanguage = () => "en",
  ) {
    this.engine = new StrategyEngine(main, store === undefined ? {} : { store });
    main.eventEngine.register(EVENT_TICK, this.onTick);
    main.eventEngine.register(EVENT_ORDER, this.onOrder);
    main.eventEngine.register(EVENT_TRADE, this.onTrade);
  }

  /**
   * Loads the strategy files and adds the strategies. Never throws: each failure is kept in
   * {@link StrategiesView.loadErrors} and written to the log as an error.
   */
  async load(options: StrategyHostOptions): Promise<void> {
    const classes = new Map<string, { cls: StrategyClass; file: string }>();
    for (const path of options.files ?? []) {
      try {
        const loaded = await loadStrategyModule(path);
        for (const [name, cls] of loaded.classes) classes.set(name, { cls, file: loaded.file });
      } catch (err) {
        this.loadFailed(strategyReasonOf(err));
      }
    }
    let specs: StrategySpec[];
    try {
      specs =
        options.settingFile !== undefined
          ? readStrategySettingFile(options.settingFile)
          : [...classes.keys()].map((className) => ({
              name: className,
              className,
              vtSymbols: options.defaultVtSymbols,
              setting: {},
            }));
    } catch (err) {
      this.loadFailed(strategyReasonOf(err));
      specs = [];
    }
    for (const spec of specs) this.add(spec, classes);
    this.push();
  }

  /** Every strategy and the load errors, as the dashboard shows them. */
  view(): StrategiesView {
    const lastPrice = (vtSymbol: string) => {
      const price = this.main.getTick(vtSymbol)?.lastPrice;
      return price !== undefined && price > 0 ? price : undefined;
    };
    const strategies = [...this.hosted.values()].map((h): WireStrategy => {
      const s = h.strategy;
      const pos = s.getAllPos();
      return {
        name: s.strategyName,
        className: h.className,
        author: h.author,
        file: h.file,
        vtSymbols: s.vtSymbols,
        state: this.stateOf(h),
        parameters: s.inited ? { ...s.parameters } : { ...s.parameters, ...h.setting },
        variables: { ...s.variables },
        pos,
        tradeCount: h.book.count,
        pnl: h.book.pnl(pos, lastPrice),
        ...(h.error !== undefined ? { error: h.error } : {}),
      };
    });
    return { strategies, loadErrors: [...this.loadErrors] };
  }

  /**
   * Inits, starts or stops a strategy. An init answers at once (it waits for the contracts in the
   * background); its failure shows in the strategy's row, as every failure does.
   *
   * @throws {@link InputError} for an unknown action, {@link NotFoundError} for an unknown name,
   *   {@link ConflictError} for an action its state does not allow
   */
  act(name: unknown, action: unknown): StrategyStateName {
    if (typeof action !== "string" || !ACTIONS.has(action as StrategyActionBody["action"]))
      throw new InputError({
        label: "input.strategyAction",
        params: { got: String(JSON.stringify(action)) },
      });
    const h = typeof name === "string" ? this.hosted.get(name) : undefined;
    if (h === undefined) {
      const known = [...this.hosted.keys()].join(", ");
      const got = String(JSON.stringify(name));
      throw new NotFoundError(
        known === ""
          ? { label: "input.noStrategies", params: { got } }
          : { label: "input.noStrategy", params: { got, known } },
      );
    }
    const strategyName = h.strategy.strategyName;
    try {
      if (action === "init") this.init(h);
      else if (action === "start") {
        this.engine.startStrategy(strategyName);
        h.everStarted = true;
      } else this.engine.stopStrategy(strategyName);
      h.error = undefined;
    } catch (err) {
      this.fail(h, err);
      // The engine's refusals (wrong state, gateway not ready) are conflicts with the state, not bugs.
      throw err instanceof StrategyError ? new ConflictError(strategyReasonOf(err)) : err;
    } finally {
      this.push();
    }
    return this.stateOf(h);
  }

  /** Stops every strategy (cancelling their orders) and stops listening. */
  close(): void {
    clearTimeout(this.pushTimer);
    this.pushTimer = undefined;
    this.main.eventEngine.unregister(EVENT_TICK, this.onTick);
    this.main.eventEngine.unregister(EVENT_ORDER, this.onOrder);
    this.main.eventEngine.unregister(EVENT_TRADE, this.onTrade);
    this.engine.close();
  }

  private init(h: Hosted): void {
    if (h.initing || h.strategy.inited) {
      throw new ConflictError({
        label: h.initing ? "strategy.alreadyIniting" : "strategy.alreadyInited",
        params: { name: h.strategy.strategyName },
      });
    }
    h.initing = true;
    this.engine.initStrategy(h.strategy.strategyName).then(
      () => {
        h.initing = false;
        h.error = undefined;
        this.push();
      },
      (err: unknown) => {
        h.initing = false;
        this.fail(h, err);
        this.push();
      },
    );
  }

  private add(spec: StrategySpec, classes: ReadonlyMap<string, { cls: StrategyClass; file: string }>): void {
    const found = classes.get(spec.className);
    if (found === undefined) {
      const known = [...classes.keys()].join(", ");
      this.loadFailed({
        label: "strategy.noClass",
        params: {
          name: spec.name,
          className: spec.className,
          known: known === "" ? { label: "strategy.noneLoaded" } : known,
        },
      });
      return;
    }
    try {
      const strategy = this.engine.addStrategy(found.cls, spec.name, spec.vtSymbols, spec.setting);
      const author = (found.cls as unknown as { author?: unknown }).author;
      const hosted: Hosted = {
        strategy,
        className: spec.className,
        author: typeof author === "string" ? author : "",
        file: found.file,
        book: new FillBook(),
        setting: spec.setting,
        initing: false,
        everStarted: false,
        error: undefined,
      };
      this.hosted.set(spec.name, hosted);
      this.guardHooks(hosted);
    } catch (err) {
      // The engine's refusal in the trader's words; what the strategy's constructor threw, quoted.
      this.loadFailed({
        label: "strategy.addFailed",
        params: { name: spec.name, reason: strategyReasonOf(err) },
      });
    }
  }

  /**
   * As vnpy's CtaEngine does (`call_strategy_func`): an error thrown by a strategy's hook stops
   * that strategy and shows in its row, instead of escaping into the event engine, where it would
   * also keep the event from the strategies after it.
   */
  private guardHooks(h: Hosted): void {
    const strategy = h.strategy;
    for (const hook of EVENT_HOOKS) {
      const original = strategy[hook].bind(strategy) as (arg: never) => void;
      (strategy as unknown as Record<string, (arg: never) => void>)[hook] = (arg) => {
        try {
          original(arg);
        } catch (err) {
          // An order the engine refused (e.g. selling more than held) is its refusal, in our
          // words; anything else the hook threw is the strategy's own text, quoted.
          const refused = strategyRefusalText(err);
          this.fail(
            h,
            refused !== undefined
              ? { label: "strategy.hookRefused", params: { hook, reason: refused } }
              : { label: "strategy.hookThrew", params: { hook, detail: messageOf(err) } },
          );
          try {
            this.engine.stopStrategy(strategy.strategyName);
          } catch (stopErr) {
            this.fail(h, stopErr);
          }
          this.push();
        }
      };
    }
  }

  private stateOf(h: Hosted): StrategyStateName {
    if (h.strategy.trading) return "started";
    if (h.strategy.inited) return h.everStarted ? "stopped" : "inited";
    return h.initing ? "initing" : "added";
  }

  /** Records `err` (an error, or the reason itself) as the strategy's row error, and logs it. */
  private fail(h: Hosted, err: unknown): void {
    h.error = isLabelText(err) ? err : strategyReasonOf(err);
    const line = label(this.logLanguage(), "strategy.failed", {
      name: h.strategy.strategyName,
      reason: h.error,
    });
    this.main.writeLog(line, LogLevel.ERROR, STRATEGY_ENGINE_NAME);
  }

  private loadFailed(reason: LabelText): void {
    this.loadErrors.push(reason);
    this.main.writeLog(labelText(this.logLanguage(), reason), LogLevel.ERROR, STRATEGY_ENGINE_NAME);
  }

  private push(): void {
    clearTimeout(this.pushTimer);
    this.pushTimer = undefined;
    this.publish(this.view());
  }

  /** Ticks change variables and P&L many times a second: push at most every interval. */
  private pushSoon(): void {
    if (this.pushTimer !== undefined) return;
    this.pushTimer = setTimeout(() => this.push(), STRATEGY_PUSH_INTERVAL_MS);
    this.pushTimer.unref();
  }
}

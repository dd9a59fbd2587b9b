/**
 * The Strategies page: every strategy the trader hosts with its class, symbols, state,
 * parameters, variables, own position and P&L, and init/start/stop buttons that call the
 * token-guarded API like every other action. A failed action shows in the strategy's row.
 */
import { labelText } from "../../src/shared/labels/labels.js";
import type { StrategyActionBody, StrategyStateName, WireStrategy } from "../../src/shared/protocol.js";
import type { ApiClient } from "./api-client.js";
import { el, fillRows } from "./dom.js";
import { amount, volume } from "./format.js";
import { pageLanguage } from "./page-labels.js";
import type { Store } from "./store.js";
import { label, type StrategyLabelKey } from "./strategy-labels.js";

const STATE_LABEL: Record<StrategyStateName, StrategyLabelKey> = {
  added: "stateAdded",
  initing: "stateIniting",
  inited: "stateInited",
  started: "stateStarted",
  stopped: "stateStopped",
};

/** Which action each state allows. */
const ALLOWED: Record<StrategyActionBody["action"], readonly StrategyStateName[]> = {
  init: ["added"],
  start: ["inited", "stopped"],
  stop: ["started"],
};

const COLUMNS: readonly StrategyLabelKey[] = [
  "colName",
  "colClass",
  "colSymbols",
  "colState",
  "colParameters",
  "colVariables",
  "colPos",
  "colTrades",
  "colPnl",
  "colActions",
];

/** A heading: the label, then its Chinese in a `.zh` span. */
export function heading(key: StrategyLabelKey): HTMLHeadingElement {
  return el("h2", {}, label(key));
}

function values(record: Readonly<Record<string, string | number | boolean>>): string {
  return Object.entries(record)
    .map(([key, value]) => `${key}=${typeof value === "number" ? Number(value.toFixed(4)) : value}`)
    .join(", ");
}

export class StrategyPanel {
  /** The page's root element. */
  readonly root: HTMLElement;
  private readonly body = el("tbody");
  private readonly loadErrors = el("ul", {
    class: "strategy-load-errors",
    id: "strategy-load-errors",
    role: "alert",
  });
  /** Errors of the last action per strategy, until the server's row says otherwise. */
  private readonly actionErrors = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly api: ApiClient,
  ) {
    const head = el(
      "tr",
      {},
      ...COLUMNS.map((key) =>
        el("th", { class: key === "colPnl" || key === "colTrades" ? "num" : undefined }, label(key)),
      ),
    );
    this.root = el(
      "section",
      { class: "panel strategies-panel" },
      heading("strategiesTitle"),
      this.loadErrors,
      el(
        "div",
        { class: "scroll" },
        el("table", { class: "data", id: "strategies" }, el("thead", {}, head), this.body),
      ),
    );
  }

  /** Redraws the list from the store. */
  render(): void {
    const { strategies, loadErrors } = this.store.strategies;
    this.loadErrors.hidden = loadErrors.length === 0;
    this.loadErrors.replaceChildren(
      ...(loadErrors.length > 0 ? [el("li", { class: "title" }, label("loadErrors"))] : []),
      ...loadErrors.map((reason) => el("li", {}, labelText(pageLanguage, reason))),
    );
    const rows = strategies.flatMap((s) => this.rows(s));
    fillRows(this.body, rows, COLUMNS.length, label("noStrategies"));
  }

  private rows(s: WireStrategy): HTMLTableRowElement[] {
    const buttons = (["init", "start", "stop"] as const).map((action) => {
      const button = el(
        "button",
        {
          type: "button",
          class: "ghost small",
          "data-action": action,
          disabled: !ALLOWED[action].includes(s.state),
        },
        label(action),
      );
      button.addEventListener("click", () => void this.act(s.name, action, button));
      return button;
    });
    const pos = Object.entries(s.pos)
      .map(([vtSymbol, v]) => (s.vtSymbols.length > 1 ? `${vtSymbol} ${volume(v)}` : volume(v)))
      .join(", ");
    const pnlClass = s.pnl > 0 ? "num up" : s.pnl < 0 ? "num down" : "num";
    const row = el(
      "tr",
      { "data-strategy": s.name, "data-state": s.state },
      el("td", { title: s.file }, s.name),
      el("td", { title: s.author === "" ? undefined : s.author }, s.className),
      el("td", {}, s.vtSymbols.join(", ")),
      el("td", { class: "state" }, label(STATE_LABEL[s.state])),
      el("td", { class: "parameters" }, values(s.parameters)),
      el("td", { class: "variables" }, values(s.variables)),
      el("td", { class: "pos" }, pos),
      el("td", { class: "num trades" }, s.tradeCount),
      el("td", { class: `${pnlClass} pnl`, title: label("pnlTitle") }, amount(s.pnl)),
      el("td", { class: "actions" }, ...buttons),
    );
    const error =
      this.actionErrors.get(s.name) ?? (s.error === undefined ? undefined : labelText(pageLanguage, s.error));
    if (error === undefined) return [row];
    const errorRow = el(
      "tr",
      { class: "strategy-error", "data-error-for": s.name },
      el("td", { colspan: COLUMNS.length, role: "alert" }, error),
    );
    return [row, errorRow];
  }

  private async act(
    name: string,
    action: StrategyActionBody["action"],
    button: HTMLButtonElement,
  ): Promise<void> {
    button.disabled = true;
    this.actionErrors.delete(name);
    try {
      await this.api.post("/api/strategy", { name, action } satisfies StrategyActionBody);
    } catch (err) {
      this.actionErrors.set(
        name,
        `${label(action)} ${label("actionFailed")}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    this.render();
  }
}

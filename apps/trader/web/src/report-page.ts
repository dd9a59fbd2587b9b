/**
 * The Backtest report page: the result the trader was given (`--backtest-report`), with its
 * metrics (total P&L after fees, max drawdown, Sharpe, turnover, trades…), the equity and
 * drawdown chart with trade markers, and the trades table. A file the trader could not read is
 * explained instead.
 */
import type { BacktestReportAnswer, WireBacktestResult } from "../../src/shared/protocol.js";
import type { ApiClient } from "./api-client.js";
import { el, fillRows } from "./dom.js";
import { amount, price, volume } from "./format.js";
import { t } from "./page-labels.js";
import { drawReportChart, MARKET_ZONE } from "./report-chart.js";
import { label, type StrategyLabelKey } from "./strategy-labels.js";
import { heading } from "./strategy-panel.js";

/** A fraction as a percentage with two decimals; a loss that rounds to nothing is "0.00", not "-0.00". */
function percent(fraction: number): string {
  const text = (fraction * 100).toFixed(2);
  return text === "-0.00" ? "0.00" : text;
}

/** The metrics shown, each with its text as the page writes it. */
export function reportMetrics(report: WireBacktestResult): [StrategyLabelKey, string][] {
  const s = report.summary;
  return [
    ["metricNetPnl", amount(s.totalNetPnl)],
    ["metricMaxDrawdown", `${amount(s.maxDrawdown)} (${percent(s.maxDrawdownPercent)}%)`],
    ["metricSharpe", s.sharpeRatio.toFixed(2)],
    ["metricTurnover", amount(s.totalTurnover)],
    ["metricTrades", volume(s.tradeCount)],
    ["metricFees", amount(s.totalFee)],
    ["metricCapital", amount(s.capital)],
    ["metricEndBalance", amount(s.endBalance)],
    ["metricDays", volume(s.tradingDays)],
  ];
}

// sv-SE writes dates as YYYY-MM-DD HH:MM:SS.
const marketTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: MARKET_ZONE,
  dateStyle: "short",
  timeStyle: "medium",
});

const TRADE_COLUMNS: readonly StrategyLabelKey[] = [
  "colTime",
  "colSymbol",
  "colSide",
  "colPrice",
  "colVolume",
  "colFee",
];

export class ReportPage {
  /** The page's root element. */
  readonly root = el("section", { class: "panel report-panel", id: "report" });
  private answer: BacktestReportAnswer | undefined;

  constructor(private readonly api: ApiClient) {}

  /** Fetches the report (once) and draws it; call when the page is shown, so the chart has a width. */
  async show(): Promise<void> {
    if (this.answer === undefined) {
      try {
        this.answer = await this.api.get<BacktestReportAnswer>("/api/backtest-report");
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        this.answer = {
          state: "error",
          file: "",
          reason: { label: "error.quoted", params: { detail: error } },
          error,
        };
      }
    }
    this.render(this.answer);
  }

  private render(answer: BacktestReportAnswer): void {
    const title = heading("reportTitle");
    if (answer.state === "none") {
      this.root.replaceChildren(title, el("p", { class: "hint", id: "report-none" }, label("reportNone")));
      return;
    }
    if (answer.state === "error") {
      this.root.replaceChildren(
        title,
        el(
          "div",
          { class: "message error", id: "report-error", role: "alert" },
          // The trader renders the reason in the language this page asks in (api-client's header).
          t("strategy.reportErrorLine", { title: label("reportError"), reason: answer.error }),
        ),
      );
      return;
    }
    const report = answer.report;
    title.append(
      el(
        "span",
        { class: "sub" },
        `${label("reportOf")} ${report.strategyName} · ${label("reportEngine")} ${report.engine} · ${answer.file}`,
      ),
    );
    const metrics = el(
      "dl",
      { class: "report-metrics", id: "report-metrics" },
      ...reportMetrics(report).map(([key, text]) =>
        el("div", { "data-metric": key }, el("dt", {}, label(key)), el("dd", {}, text)),
      ),
    );
    const chart = el("div", {
      class: "report-chart",
      id: "report-chart",
      "aria-label": label("equityCurve"),
    });
    const body = el("tbody");
    const table = el(
      "table",
      { class: "data", id: "report-trades" },
      el("thead", {}, el("tr", {}, ...TRADE_COLUMNS.map((key) => el("th", {}, label(key))))),
      body,
    );
    fillRows(
      body,
      report.trades.map((t) =>
        el(
          "tr",
          { "data-vttradeid": t.vtTradeid },
          el("td", { title: t.datetime }, marketTime.format(new Date(t.datetime))),
          el("td", {}, t.vtSymbol),
          el(
            "td",
            { class: t.direction === "LONG" ? "up" : "down" },
            label(t.direction === "LONG" ? "buy" : "sell"),
          ),
          el("td", { class: "num" }, price(t.price)),
          el("td", { class: "num" }, volume(t.volume)),
          el("td", { class: "num" }, amount(t.fee)),
        ),
      ),
      TRADE_COLUMNS.length,
      label("noTrades"),
    );
    this.root.replaceChildren(
      title,
      metrics,
      el("h3", {}, label("equityCurve")),
      chart,
      el("h3", {}, label("tradesTitle")),
      el("div", { class: "scroll" }, table),
    );
    drawReportChart(chart, report);
  }
}

/**
 * The backtest report's chart, drawn by uPlot (canvas, no inline scripts or eval, so it works
 * under the page's CSP): the balance from the starting capital through each day's close, the
 * drawdown on its own axis, and one marker per trade placed on the curve at the trade's time.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { WireBacktestResult } from "../../src/shared/protocol.js";
import { el } from "./dom.js";
import { amount } from "./format.js";
import { label } from "./strategy-labels.js";

/** The exchanges' zone: days open at 09:30 and close at 15:00 Beijing time. */
export const MARKET_ZONE = "Asia/Shanghai";
const MARKET_OPEN = "T09:30:00+08:00";
const MARKET_CLOSE = "T15:00:00+08:00";
const HEIGHT_PX = 300;

/** A CSS custom property of the page's theme (styles.css `:root`). */
function theme(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The curve's points, in epoch seconds: capital at the first open, then each day's close. */
export function curvePoints(report: WireBacktestResult): {
  x: number[];
  balance: number[];
  drawdown: number[];
} {
  const first = report.daily[0];
  const x: number[] = [];
  const balance: number[] = [];
  const drawdown: number[] = [];
  if (first !== undefined) {
    x.push(Date.parse(first.date + MARKET_OPEN) / 1000);
    balance.push(report.summary.capital);
    drawdown.push(0);
  }
  for (const day of report.daily) {
    x.push(Date.parse(day.date + MARKET_CLOSE) / 1000);
    balance.push(day.balance);
    drawdown.push(day.drawdown);
  }
  return { x, balance, drawdown };
}

/** The curve's value at time `t` (linear between points, flat beyond the ends). */
function valueAt(xs: readonly number[], ys: readonly number[], t: number): number {
  if (xs.length === 0) return 0;
  let i = 0;
  while (i < xs.length - 1 && xs[i + 1]! <= t) i += 1;
  const x0 = xs[i]!;
  const x1 = xs[i + 1];
  const y0 = ys[i]!;
  if (x1 === undefined || t <= x0) return y0;
  return y0 + ((ys[i + 1]! - y0) * (t - x0)) / (x1 - x0);
}

/** Draws the chart into `container` (which must be visible, for its width); returns the plot. */
export function drawReportChart(container: HTMLElement, report: WireBacktestResult): uPlot {
  const { x, balance, drawdown } = curvePoints(report);
  const up = theme("--up");
  const down = theme("--down");
  const axis = {
    stroke: theme("--muted"),
    grid: { stroke: theme("--line") },
    ticks: { stroke: theme("--line") },
  };
  const placeMarkers = (u: uPlot) => {
    const layer = u.over;
    for (const old of layer.querySelectorAll(".trade-marker")) old.remove();
    for (const trade of report.trades) {
      const t = Date.parse(trade.datetime) / 1000;
      const buy = trade.direction === "LONG";
      const marker = el(
        "span",
        {
          class: `trade-marker ${buy ? "buy" : "sell"}`,
          title: `${trade.datetime} ${label(buy ? "buy" : "sell")} ${trade.vtSymbol} ${trade.volume} @ ${trade.price}`,
        },
        buy ? "▲" : "▼",
      );
      // CSSOM properties, not a style attribute: allowed by the CSP.
      marker.style.left = `${u.valToPos(t, "x")}px`;
      marker.style.top = `${u.valToPos(valueAt(x, balance, t), "y")}px`;
      layer.append(marker);
    }
  };
  const options: uPlot.Options = {
    width: Math.max(320, container.clientWidth),
    height: HEIGHT_PX,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), MARKET_ZONE),
    scales: { x: { time: true }, dd: { auto: true } },
    series: [
      {},
      {
        label: label("seriesBalance"),
        stroke: theme("--accent"),
        width: 2,
        value: (_u, v) => (v == null ? "—" : amount(v)),
      },
      {
        label: label("seriesDrawdown"),
        stroke: down,
        fill: `${down}33`,
        scale: "dd",
        value: (_u, v) => (v == null ? "—" : amount(v)),
      },
    ],
    axes: [axis, { ...axis, size: 80 }, { ...axis, scale: "dd", side: 1, size: 70, stroke: up }],
    hooks: { draw: [placeMarkers] },
  };
  container.replaceChildren();
  return new uPlot(options, [x, balance, drawdown], container);
}

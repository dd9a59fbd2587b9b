/**
 * Last price over time for the selected instrument, drawn on a canvas: price axis on the right,
 * time axis below, the previous close dashed, the latest price tagged. Red above the previous
 * close, green below (the Chinese convention).
 */

import { decimalsOf } from "../../src/shared/price-format.js";
import type { PricePoint } from "../../src/shared/protocol.js";
import { t } from "./page-labels.js";
import type { Store } from "./store.js";

const AXIS_RIGHT = 58;
const AXIS_BOTTOM = 18;
const PAD_TOP = 10;
const PAD_LEFT = 8;
const GRID_LINES = 4;
const COLORS = {
  grid: "#243041",
  axis: "#8793a6",
  up: "#f0504f",
  down: "#1fb36b",
  flat: "#4c9aff",
  preClose: "#8793a6",
  text: "#d7dde8",
};

function hhmmss(time: number): string {
  return new Date(time).toTimeString().slice(0, 8);
}

export class PriceChart {
  private readonly canvas: HTMLCanvasElement;
  private readonly store: Store;
  private width = 0;
  private height = 0;

  constructor(canvas: HTMLCanvasElement, store: Store) {
    this.canvas = canvas;
    this.store = store;
    const parent = canvas.parentElement ?? canvas;
    new ResizeObserver(() => this.resize()).observe(parent);
    this.resize();
  }

  private resize(): void {
    const rect = this.canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    this.width = Math.max(1, Math.floor(rect.width));
    this.height = Math.max(1, Math.floor(rect.height));
    this.canvas.width = Math.floor(this.width * ratio);
    this.canvas.height = Math.floor(this.height * ratio);
    this.canvas.getContext("2d")?.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.draw();
  }

  /** Redraws from the store. */
  draw(): void {
    const ctx = this.canvas.getContext("2d");
    if (ctx === null) return;
    const { width, height } = this;
    ctx.clearRect(0, 0, width, height);
    const vtSymbol = this.store.selected;
    const points: readonly PricePoint[] =
      vtSymbol === undefined ? [] : (this.store.history.get(vtSymbol) ?? []);
    const tick = vtSymbol === undefined ? undefined : this.store.ticks.get(vtSymbol);
    const decimals = decimalsOf(
      vtSymbol === undefined ? undefined : this.store.contracts.get(vtSymbol)?.pricetick,
    );
    ctx.font = "11px system-ui, sans-serif";
    if (points.length < 2) {
      ctx.fillStyle = COLORS.axis;
      ctx.textAlign = "center";
      ctx.fillText(
        t(vtSymbol === undefined ? "chart.pickInstrument" : "chart.waiting"),
        width / 2,
        height / 2,
      );
      return;
    }
    const first = points[0] as PricePoint;
    const last = points[points.length - 1] as PricePoint;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const [, p] of points) {
      if (p < lo) lo = p;
      if (p > hi) hi = p;
    }
    const tickSize = 10 ** -decimals;
    const span = Math.max(hi - lo, tickSize * 4);
    lo -= span * 0.08;
    hi += span * 0.08;
    const plotW = width - AXIS_RIGHT - PAD_LEFT;
    const plotH = height - AXIS_BOTTOM - PAD_TOP;
    const t0 = first[0];
    const t1 = Math.max(last[0], t0 + 1);
    const x = (t: number) => PAD_LEFT + ((t - t0) / (t1 - t0)) * plotW;
    const y = (p: number) => PAD_TOP + (1 - (p - lo) / (hi - lo)) * plotH;

    // Grid and price labels.
    ctx.strokeStyle = COLORS.grid;
    ctx.lineWidth = 1;
    ctx.fillStyle = COLORS.axis;
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    const tagY = y(last[1]);
    for (let i = 0; i <= GRID_LINES; i++) {
      const p = lo + ((hi - lo) * i) / GRID_LINES;
      const yy = Math.round(y(p)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(PAD_LEFT, yy);
      ctx.lineTo(PAD_LEFT + plotW, yy);
      ctx.stroke();
      // The latest price's tag is drawn on the axis later; a label under it would show through.
      if (Math.abs(yy - tagY) > 14) ctx.fillText(p.toFixed(decimals), PAD_LEFT + plotW + 6, yy);
    }
    // Time labels.
    ctx.textBaseline = "alphabetic";
    ctx.textAlign = "left";
    ctx.fillText(hhmmss(t0), PAD_LEFT, height - 4);
    ctx.textAlign = "right";
    ctx.fillText(hhmmss(t1), PAD_LEFT + plotW, height - 4);

    const preClose = tick?.preClose ?? 0;
    if (preClose > lo && preClose < hi) {
      ctx.save();
      ctx.setLineDash([4, 4]);
      ctx.strokeStyle = COLORS.preClose;
      const yy = Math.round(y(preClose)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(PAD_LEFT, yy);
      ctx.lineTo(PAD_LEFT + plotW, yy);
      ctx.stroke();
      ctx.restore();
    }

    const color = preClose > 0 ? (last[1] >= preClose ? COLORS.up : COLORS.down) : COLORS.flat;
    // Area under the line.
    const gradient = ctx.createLinearGradient(0, PAD_TOP, 0, PAD_TOP + plotH);
    gradient.addColorStop(0, `${color}55`);
    gradient.addColorStop(1, `${color}00`);
    ctx.beginPath();
    ctx.moveTo(x(t0), PAD_TOP + plotH);
    for (const [t, p] of points) ctx.lineTo(x(t), y(p));
    ctx.lineTo(x(last[0]), PAD_TOP + plotH);
    ctx.closePath();
    ctx.fillStyle = gradient;
    ctx.fill();
    // The line.
    ctx.beginPath();
    ctx.moveTo(x(first[0]), y(first[1]));
    for (const [t, p] of points) ctx.lineTo(x(t), y(p));
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    // Latest price tag on the axis.
    const ly = tagY;
    ctx.fillStyle = color;
    ctx.fillRect(PAD_LEFT + plotW + 2, ly - 8, AXIS_RIGHT - 4, 16);
    ctx.fillStyle = "#fff";
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    ctx.fillText(last[1].toFixed(decimals), PAD_LEFT + plotW + 6, ly);
  }
}

/**
 * Plain-text rendering of orders, trades, positions, accounts and ticks for the terminal.
 *
 * Prices have the instrument's tick decimals, ids are the short display ids (see
 * shared/display-id.ts) unless `--full` is given, and table columns are measured in terminal
 * cells (`string-width`: a CJK character such as 浦 takes two), so names line up.
 *
 * @module
 */

import type { AccountData, OrderData, PositionData, RiskSnapshot, TickData, TradeData } from "@tsgate/core";
import stringWidth from "string-width";
import { costPriceDetail, costPriceText } from "../shared/cost-price.js";
import { type LabelCode, type LabelLanguage, label } from "../shared/labels/labels.js";
import { formatPrice } from "../shared/price-format.js";

/** A direction in the terminal's words (BUY/SELL, 买入/卖出); any other value as it is. */
function side(direction: string, language: LabelLanguage): string {
  return direction === "LONG" || direction === "SHORT"
    ? label(language, `term.side.${direction}`)
    : direction;
}

/** Table headers from `term.col.*` labels. */
function headers(language: LabelLanguage, names: readonly string[]): string[] {
  return names.map((name) => label(language, `term.col.${name}` as LabelCode));
}

/** What the formatting needs besides the objects: ticks and display ids. */
export interface DisplayContext {
  /** The price tick of an instrument, when its contract is known. */
  priceTick(vtSymbol: string): number | undefined;
  /** The id shown for an order: short, or the full vtOrderid with `--full`. */
  orderId(vtOrderid: string): string;
  /** The id shown for a trade: short, or the full vtTradeid with `--full`. */
  tradeId(vtTradeid: string): string;
  /** True with `--full`: full ids and exact figures. */
  readonly full: boolean;
  /** The language of the labels (the trader's). */
  readonly language: LabelLanguage;
}

/** `HH:MM:SS` of local time. */
export function clock(date = new Date()): string {
  return date.toTimeString().slice(0, 8);
}

/** One line for an order update. */
export function formatOrder(order: OrderData, ctx: DisplayContext): string {
  const tick = ctx.priceTick(order.vtSymbol);
  const price = order.type === "MARKET" ? "MARKET" : `@ ${formatPrice(order.price, tick)}`;
  const reason = order.statusMsg !== "" ? ` (${order.statusMsg})` : "";
  const traded = label(ctx.language, "term.traded");
  return `ORDER ${ctx.orderId(order.vtOrderid)} ${order.vtSymbol} ${side(order.direction, ctx.language)} ${order.volume} ${price} ${traded} ${order.traded} ${order.status}${reason}`;
}

/** One line for a trade. */
export function formatTrade(trade: TradeData, ctx: DisplayContext): string {
  const tick = ctx.priceTick(trade.vtSymbol);
  const of = label(ctx.language, "term.tradeOf", { id: ctx.orderId(trade.vtOrderid) });
  return `TRADE ${ctx.tradeId(trade.vtTradeid)} ${trade.vtSymbol} ${side(trade.direction, ctx.language)} ${trade.volume} @ ${formatPrice(trade.price, tick)} (${of})`;
}

/** Pads `text` with spaces to `width` terminal cells. */
export function padCells(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - stringWidth(text)));
}

/** The risk engine's state and a table of every configured limit with its current figure. */
export function formatRisk(risk: RiskSnapshot, language: LabelLanguage): string[] {
  const figure = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
  const reason = risk.stateReason === "" ? "" : ` (${risk.stateReason})`;
  return [
    label(language, "term.riskLine", {
      state: risk.state,
      reason,
      orders: risk.ordersToday,
      cancels: risk.cancelsToday,
      pnl: figure(risk.dailyPnl),
      refused: risk.refusals.total,
    }),
    ...table(
      headers(language, ["limit", "value", "now"]),
      risk.limits.map((row) => [row.limit, figure(row.value), figure(row.current)]),
    ),
  ];
}

/** Pads columns into an aligned table, widths counted in terminal cells. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) =>
    Math.max(stringWidth(h), ...rows.map((row) => stringWidth(row[i] ?? ""))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => padCells(cell, widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The positions table; the cost is the broker's diluted cost (shared/cost-price.ts). */
export function formatPositions(positions: readonly PositionData[], ctx: DisplayContext): string[] {
  if (positions.length === 0) return [label(ctx.language, "term.none.positions")];
  return table(
    headers(ctx.language, ["instrument", "volume", "yesterday", "frozen", "cost", "pnl"]),
    positions.map((p) => {
      const tick = ctx.priceTick(p.vtSymbol);
      const cost = costPriceText(p, tick, ctx.language);
      return [
        p.vtSymbol,
        String(p.volume),
        String(p.ydVolume),
        String(p.frozen),
        ctx.full && p.volume > 0 ? `${cost} (${costPriceDetail(p, tick, ctx.language)})` : cost,
        p.pnl.toFixed(2),
      ];
    }),
  );
}

/** The accounts table. */
export function formatAccounts(accounts: readonly AccountData[], language: LabelLanguage): string[] {
  if (accounts.length === 0) return [label(language, "term.none.account")];
  return table(
    headers(language, ["account", "balance", "frozen", "available"]),
    accounts.map((a) => [a.vtAccountid, a.balance.toFixed(2), a.frozen.toFixed(2), a.available.toFixed(2)]),
  );
}

/** The orders table. */
export function formatOrders(orders: readonly OrderData[], ctx: DisplayContext): string[] {
  if (orders.length === 0) return [label(ctx.language, "term.none.orders")];
  return table(
    headers(ctx.language, ["order", "instrument", "side", "price", "volume", "traded", "status", "time"]),
    orders.map((o) => [
      ctx.orderId(o.vtOrderid),
      o.vtSymbol,
      side(o.direction, ctx.language),
      o.type === "MARKET" ? "MARKET" : formatPrice(o.price, ctx.priceTick(o.vtSymbol)),
      String(o.volume),
      String(o.traded),
      o.status,
      o.datetime !== undefined ? clock(o.datetime) : "",
    ]),
  );
}

/** The trades table. */
export function formatTrades(trades: readonly TradeData[], ctx: DisplayContext): string[] {
  if (trades.length === 0) return [label(ctx.language, "term.none.trades")];
  return table(
    headers(ctx.language, ["trade", "instrument", "side", "price", "volume", "order"]),
    trades.map((t) => [
      ctx.tradeId(t.vtTradeid),
      t.vtSymbol,
      side(t.direction, ctx.language),
      formatPrice(t.price, ctx.priceTick(t.vtSymbol)),
      String(t.volume),
      ctx.orderId(t.vtOrderid),
    ]),
  );
}

function change(tick: TickData): string {
  if (!(tick.preClose > 0)) return "";
  const pct = ((tick.lastPrice - tick.preClose) / tick.preClose) * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(2)}%`;
}

/** The ticks table. */
export function formatTicks(ticks: readonly TickData[], ctx: DisplayContext): string[] {
  if (ticks.length === 0) return [label(ctx.language, "term.none.ticks")];
  return table(
    headers(ctx.language, ["instrument", "name", "last", "change", "bid", "ask", "volume"]),
    ticks.map((t) => {
      const tick = ctx.priceTick(t.vtSymbol);
      return [
        t.vtSymbol,
        t.name,
        formatPrice(t.lastPrice, tick),
        change(t),
        `${formatPrice(t.bidPrice1, tick)} x ${t.bidVolume1}`,
        `${formatPrice(t.askPrice1, tick)} x ${t.askVolume1}`,
        String(t.volume),
      ];
    }),
  );
}

/** One summary line of the latest prices. */
export function formatTicker(ticks: readonly TickData[], ctx: DisplayContext): string {
  return `TICKS ${ticks.map((t) => `${t.symbol} ${formatPrice(t.lastPrice, ctx.priceTick(t.vtSymbol))} ${change(t)}`).join(" | ")}`;
}

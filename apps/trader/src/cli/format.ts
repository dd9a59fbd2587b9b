/**
 * Plain-text rendering of orders, trades, positions, accounts and ticks for the terminal.
 *
 * @module
 */
import type { AccountData, OrderData, PositionData, RiskSnapshot, TickData, TradeData } from "@tsgate/core";
import { formatPrice } from "../shared/order-checks.js";

const SIDE: Record<string, string> = { LONG: "BUY", SHORT: "SELL", NET: "NET" };

/** `HH:MM:SS` of local time. */
export function clock(date = new Date()): string {
  return date.toTimeString().slice(0, 8);
}

/** One line for an order update. */
export function formatOrder(order: OrderData): string {
  const price = order.type === "MARKET" ? "MARKET" : `@ ${formatPrice(order.price)}`;
  const reason = order.statusMsg !== "" ? ` (${order.statusMsg})` : "";
  return `ORDER ${order.vtOrderid} ${order.vtSymbol} ${SIDE[order.direction] ?? order.direction} ${order.volume} ${price} traded ${order.traded} ${order.status}${reason}`;
}

/** One line for a trade. */
export function formatTrade(trade: TradeData): string {
  return `TRADE ${trade.vtTradeid} ${trade.vtSymbol} ${SIDE[trade.direction] ?? trade.direction} ${trade.volume} @ ${formatPrice(trade.price)} (order ${trade.vtOrderid})`;
}

/** The risk engine's state and a table of every configured limit with its current figure. */
export function formatRisk(risk: RiskSnapshot): string[] {
  const figure = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
  const reason = risk.stateReason === "" ? "" : ` (${risk.stateReason})`;
  return [
    `RISK ${risk.state}${reason}; today ${risk.ordersToday} orders, ${risk.cancelsToday} cancels, P&L ${figure(risk.dailyPnl)}, ${risk.refusals.total} refused`,
    ...table(
      ["LIMIT", "VALUE", "NOW"],
      risk.limits.map((row) => [row.limit, figure(row.value), figure(row.current)]),
    ),
  ];
}

/** Pads columns into an aligned table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The positions table. */
export function formatPositions(positions: readonly PositionData[]): string[] {
  if (positions.length === 0) return ["no positions"];
  return table(
    ["instrument", "volume", "yesterday", "frozen", "price", "pnl"],
    positions.map((p) => [
      p.vtSymbol,
      String(p.volume),
      String(p.ydVolume),
      String(p.frozen),
      formatPrice(p.price),
      p.pnl.toFixed(2),
    ]),
  );
}

/** The accounts table. */
export function formatAccounts(accounts: readonly AccountData[]): string[] {
  if (accounts.length === 0) return ["no account yet (waiting for the trade login)"];
  return table(
    ["account", "balance", "frozen", "available"],
    accounts.map((a) => [a.vtAccountid, a.balance.toFixed(2), a.frozen.toFixed(2), a.available.toFixed(2)]),
  );
}

/** The orders table. */
export function formatOrders(orders: readonly OrderData[]): string[] {
  if (orders.length === 0) return ["no orders"];
  return table(
    ["order", "instrument", "side", "price", "volume", "traded", "status"],
    orders.map((o) => [
      o.vtOrderid,
      o.vtSymbol,
      SIDE[o.direction] ?? o.direction,
      o.type === "MARKET" ? "MARKET" : formatPrice(o.price),
      String(o.volume),
      String(o.traded),
      o.status,
    ]),
  );
}

/** The trades table. */
export function formatTrades(trades: readonly TradeData[]): string[] {
  if (trades.length === 0) return ["no trades"];
  return table(
    ["trade", "instrument", "side", "price", "volume", "order"],
    trades.map((t) => [
      t.vtTradeid,
      t.vtSymbol,
      SIDE[t.direction] ?? t.direction,
      formatPrice(t.price),
      String(t.volume),
      t.vtOrderid,
    ]),
  );
}

function change(tick: TickData): string {
  if (!(tick.preClose > 0)) return "";
  const pct = ((tick.lastPrice - tick.preClose) / tick.preClose) * 100;
  return `${pct >= 0 ? "+" : ""}${pct.toFixed(2)}%`;
}

/** The ticks table. */
export function formatTicks(ticks: readonly TickData[]): string[] {
  if (ticks.length === 0) return ["no ticks yet"];
  return table(
    ["instrument", "name", "last", "change", "bid", "ask", "volume"],
    ticks.map((t) => [
      t.vtSymbol,
      t.name,
      formatPrice(t.lastPrice),
      change(t),
      `${formatPrice(t.bidPrice1)} x ${t.bidVolume1}`,
      `${formatPrice(t.askPrice1)} x ${t.askVolume1}`,
      String(t.volume),
    ]),
  );
}

/** One summary line of the latest prices. */
export function formatTicker(ticks: readonly TickData[]): string {
  return `TICKS ${ticks.map((t) => `${t.symbol} ${formatPrice(t.lastPrice)} ${change(t)}`).join(" | ")}`;
}

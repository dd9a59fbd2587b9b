/**
 * Number and time formatting for the dashboard. Price decimals come from the instrument's tick
 * (src/shared/price-format.ts, shared with the terminal); short order ids from
 * src/shared/display-id.ts through the store.
 */
import { t } from "./page-labels.js";

/** A price with the instrument's decimals; "—" for 0 (no price). */
export function price(value: number, decimals = 2): string {
  return value > 0 ? value.toFixed(decimals) : "—";
}

const grouped = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A whole quantity with thousands separators. */
export function volume(value: number): string {
  return grouped.format(value);
}

/** An amount of money with two decimals and separators. */
export function amount(value: number): string {
  return money.format(value);
}

/** Signed percentage change from `base`, e.g. "+1.23%"; "" without a base. */
export function changePct(last: number, base: number): string {
  if (!(base > 0) || !(last > 0)) return "";
  const pct = ((last - base) / base) * 100;
  return `${pct > 0 ? "+" : ""}${pct.toFixed(2)}%`;
}

/** "up", "down" or "" comparing a price with a base (red up, green down). */
export function trendClass(last: number, base: number): string {
  if (!(base > 0) || !(last > 0) || last === base) return "";
  return last > base ? "up" : "down";
}

/** HH:MM:SS of an ISO time (in the browser's zone); "" when absent. */
export function timeOf(iso: string | undefined): string {
  if (iso === undefined) return "";
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "" : date.toTimeString().slice(0, 8);
}

/** Buy/sell label of a direction, in the page's language. */
export function sideLabel(direction: string): string {
  return direction === "LONG" ? t("side.LONG") : direction === "SHORT" ? t("side.SHORT") : direction;
}

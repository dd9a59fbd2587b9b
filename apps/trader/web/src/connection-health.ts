/**
 * What the page can honestly say about the connections: the trader (the WebSocket to the tsgate
 * process) and, through it, the gateway's trade and market sides. When the trader is unreachable
 * the last statuses it sent are not current, so nothing may look connected.
 */
import { isUp } from "../../src/shared/connection-states.js";
import type { Store } from "./store.js";

/** Why nothing from the trader is current, when the feed is down. */
export const TRADER_UNREACHABLE =
  "No connection to the trader: the tsgate process or its network is gone. Reconnecting by itself…";

/** Why orders cannot be sent now, or `undefined` when they can. */
export function orderBlockReason(store: Store): string | undefined {
  if (!store.feedOpen) return TRADER_UNREACHABLE;
  const trade = store.statuses.get("TRADE");
  if (!isUp(trade?.state)) {
    const state = (trade?.state ?? "DISCONNECTED").toLowerCase();
    return `Trade server ${state}${trade?.msg ? `: ${trade.msg}` : ""}. Orders are accepted again once it is connected.`;
  }
  return undefined;
}

/** Why the prices shown are not live, or `undefined` when they are. */
export function staleReason(store: Store): string | undefined {
  if (!store.feedOpen) return TRADER_UNREACHABLE;
  const market = store.statuses.get("MARKET");
  if (!isUp(market?.state)) {
    const state = (market?.state ?? "DISCONNECTED").toLowerCase();
    return `Market server ${state}${market?.msg ? `: ${market.msg}` : ""}: prices are the last received`;
  }
  return undefined;
}

/** "12 s", "3 min" since `since` (epoch ms). */
export function ageText(since: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h`;
}

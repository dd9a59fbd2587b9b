/**
 * What the page can honestly say about the connections: the trader (the WebSocket to the tsgate
 * process) and, through it, the gateway's trade and market sides. When the trader is unreachable
 * the last statuses it sent are not current, so nothing may look connected.
 */
import { isUp } from "../../src/shared/connection-states.js";
import { stateLabel, t } from "./page-labels.js";
import type { Store } from "./store.js";

/** Why nothing from the trader is current, when the feed is down. */
export function traderUnreachable(): string {
  return t("health.traderUnreachable");
}

/** Why orders cannot be sent now, or `undefined` when they can. */
export function orderBlockReason(store: Store): string | undefined {
  if (!store.feedOpen) return traderUnreachable();
  const trade = store.statuses.get("TRADE");
  if (!isUp(trade?.state)) {
    const state = stateLabel(trade?.state ?? "DISCONNECTED");
    const detail = trade?.msg ? t("health.detail", { msg: trade.msg }) : "";
    return t("health.tradeDown", { state, detail });
  }
  return undefined;
}

/** Why the prices shown are not live, or `undefined` when they are. */
export function staleReason(store: Store): string | undefined {
  if (!store.feedOpen) return traderUnreachable();
  const market = store.statuses.get("MARKET");
  if (!isUp(market?.state)) {
    const state = stateLabel(market?.state ?? "DISCONNECTED");
    const detail = market?.msg ? t("health.detail", { msg: market.msg }) : "";
    return t("health.marketDown", { state, detail });
  }
  return undefined;
}

/** "12 s", "3 min" since `since` (epoch ms). */
export function ageText(since: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  if (seconds < 120) return t("age.seconds", { n: seconds });
  const minutes = Math.floor(seconds / 60);
  return minutes < 120 ? t("age.minutes", { n: minutes }) : t("age.hours", { n: Math.floor(minutes / 60) });
}

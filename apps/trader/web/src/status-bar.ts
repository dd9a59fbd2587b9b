/** The top bar: connection state of both gateway sides and of the live feed, and the mode. */
import { TRADER_UNREACHABLE } from "./connection-health.js";
import { byId } from "./dom.js";
import type { FeedState } from "./live-feed.js";
import type { Store } from "./store.js";

const SIDES = ["TRADE", "MARKET"] as const;

function setBadge(id: string, state: string, label: string, title: string): void {
  const badge = byId(id);
  badge.dataset.state = state;
  badge.title = title;
  const value = badge.querySelector("b");
  if (value !== null) value.textContent = label;
}

/** Gateway status badges and the mode line. */
export function renderStatus(store: Store): void {
  for (const side of SIDES) {
    if (!store.feedOpen) {
      // The last status the trader sent is not current any more: claim nothing.
      setBadge(`status-${side}`, "UNKNOWN", "UNKNOWN", TRADER_UNREACHABLE);
      continue;
    }
    const status = store.statuses.get(side);
    const state = status?.state ?? "DISCONNECTED";
    setBadge(`status-${side}`, state, state, status?.msg ?? "no status yet");
  }
  const settings = store.settings?.values;
  const target = settings === undefined ? "" : `${String(settings.交易服务器)}:${String(settings.交易端口)}`;
  const mode = byId("mode");
  mode.textContent = store.mode === "simulator" ? `Embedded simulator · ${target}` : `Server ${target}`;
  // A full top bar cuts the text (styles.css): the tooltip keeps all of it.
  mode.title = `Where the gateway is connected: ${mode.textContent}`;
}

/** The LIVE badge. */
export function renderFeed(state: FeedState): void {
  const label = state === "OPEN" ? "live" : state === "CONNECTING" ? "connecting" : "reconnecting";
  setBadge(
    "status-feed",
    state,
    label,
    state === "OPEN" ? "Live updates from the trader" : TRADER_UNREACHABLE,
  );
}

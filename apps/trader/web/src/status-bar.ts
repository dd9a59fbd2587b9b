/** The top bar: connection state of both gateway sides and of the live feed, and the mode. */
import { traderUnreachable } from "./connection-health.js";
import { byId } from "./dom.js";
import type { FeedState } from "./live-feed.js";
import { stateLabel, t, valueLabel } from "./page-labels.js";
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
      setBadge(`status-${side}`, "UNKNOWN", stateLabel("UNKNOWN"), traderUnreachable());
      continue;
    }
    const status = store.statuses.get(side);
    const state = status?.state ?? "DISCONNECTED";
    setBadge(`status-${side}`, state, stateLabel(state), status?.msg ?? t("state.noStatus"));
  }
  const settings = store.settings?.values;
  const target = settings === undefined ? "" : `${String(settings.交易服务器)}:${String(settings.交易端口)}`;
  const mode = byId("mode");
  mode.textContent = t(store.mode === "simulator" ? "mode.simulator" : "mode.server", { target });
  // A full top bar cuts the text (styles.css): the tooltip keeps all of it.
  mode.title = t("mode.tooltip", { mode: mode.textContent });
}

/** The LIVE badge. */
export function renderFeed(state: FeedState): void {
  setBadge(
    "status-feed",
    state,
    valueLabel("feed", state),
    state === "OPEN" ? t("top.liveTitle") : traderUnreachable(),
  );
}

/**
 * The dashboard's entry: takes the access token, checks it against the API, opens the live feed
 * and wires the store to the views.
 */
import { ApiClient, ApiError, takeToken } from "./api-client.js";
import { ConnectDialog } from "./connect-dialog.js";
import { staleReason } from "./connection-health.js";
import { renderDepth } from "./depth-view.js";
import { byId } from "./dom.js";
import { startLiveFeed } from "./live-feed.js";
import {
  renderAccount,
  renderLog,
  renderOrders,
  renderPositions,
  renderTicks,
  renderTrades,
} from "./monitors.js";
import { OrderEntry } from "./order-entry.js";
import { applyLabels, otherLanguageHref, t } from "./page-labels.js";
import { PriceChart } from "./price-chart.js";
import { RiskPanel } from "./risk-panel.js";
import { renderFeed, renderStatus } from "./status-bar.js";
import { Store } from "./store.js";
import { mountStrategyViews } from "./strategy-views.js";

/** How often the age of stale prices is redrawn. */
const AGE_REFRESH_MS = 1000;

function banner(text: string): void {
  const node = byId("banner");
  node.textContent = text;
  node.hidden = false;
}

function setupTabs(): void {
  const tabs = document.querySelectorAll<HTMLButtonElement>("button.tab");
  for (const tab of tabs) {
    tab.addEventListener("click", () => {
      for (const other of tabs) {
        const active = other === tab;
        other.classList.toggle("active", active);
        other.setAttribute("aria-selected", String(active));
        byId(`${other.dataset.tab}-page`).hidden = !active;
      }
    });
  }
}

async function main(): Promise<void> {
  applyLabels();
  byId<HTMLAnchorElement>("switch-language").href = otherLanguageHref();
  const token = takeToken();
  if (token === undefined) {
    banner(t("banner.noToken"));
    return;
  }
  const api = new ApiClient(token);
  try {
    await api.get("/api/state");
  } catch (err) {
    banner(
      err instanceof ApiError && (err.status === 401 || err.status === 403)
        ? t("banner.refused", { reason: err.message })
        : t("banner.unreachable", { detail: err instanceof Error ? err.message : String(err) }),
    );
    return;
  }

  const store = new Store();
  const entry = new OrderEntry(store, api);
  const chart = new PriceChart(byId<HTMLCanvasElement>("chart"), store);
  new ConnectDialog(store, api);
  const risk = new RiskPanel(store, api);
  const strategies = mountStrategyViews(store, api);
  setupTabs();

  const select = (vtSymbol: string) => {
    store.select(vtSymbol);
    entry.setInstrument(vtSymbol, store.ticks.get(vtSymbol)?.lastPrice);
  };
  const cancel = async (vtOrderid: string, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      await api.post("/api/cancel", { vtOrderid });
    } catch (err) {
      button.disabled = false;
      const message = byId("order-message");
      message.className = "message error";
      message.textContent = t("orders.cancelFailed", {
        detail: err instanceof Error ? err.message : String(err),
      });
    }
  };
  byId<HTMLFormElement>("subscribe-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>("subscribe-input");
    const error = byId("subscribe-error");
    const vtSymbol = input.value.trim().toUpperCase();
    if (vtSymbol === "") return;
    api.post("/api/subscribe", { vtSymbol }).then(
      () => {
        input.value = "";
        input.removeAttribute("aria-invalid");
        error.textContent = "";
      },
      (err: unknown) => {
        // Said next to the box, not in a tooltip nobody hovers.
        input.setAttribute("aria-invalid", "true");
        error.textContent = err instanceof Error ? err.message : String(err);
      },
    );
  });

  let instrumentFilled = false;
  store.subscribe((topics) => {
    const connection = topics.has("feed") || topics.has("statuses");
    if (
      connection ||
      topics.has("ticks") ||
      topics.has("subscriptions") ||
      topics.has("selection") ||
      topics.has("contracts")
    ) {
      renderTicks(store, select);
      renderDepth(store, (price) => entry.setPrice(price));
    }
    if (topics.has("history") || topics.has("contracts")) chart.draw();
    if (topics.has("orders")) renderOrders(store, (id, button) => void cancel(id, button));
    if (topics.has("trades")) renderTrades(store);
    if (topics.has("positions")) renderPositions(store);
    if (topics.has("accounts") || topics.has("positions")) renderAccount(store);
    if (topics.has("logs")) renderLog(store);
    if (connection || topics.has("settings")) renderStatus(store);
    if (connection) entry.updateConnection();
    if (topics.has("risk")) risk.render();
    if (topics.has("strategies")) strategies.render();
    if (topics.has("contracts") || topics.has("orders") || topics.has("ticks")) entry.update();
    // Pre-fill the order entry with the first instrument once its contract and price are known.
    const selected = store.selected;
    if (
      !instrumentFilled &&
      selected !== undefined &&
      store.contracts.has(selected) &&
      store.ticks.has(selected)
    ) {
      instrumentFilled = true;
      entry.setInstrument(selected, store.ticks.get(selected)?.lastPrice);
    }
  });
  // Stale prices show their age: redraw the ticks every second while they are stale.
  setInterval(() => {
    if (staleReason(store) !== undefined) renderTicks(store, select);
  }, AGE_REFRESH_MS);
  entry.updateConnection();
  startLiveFeed(api, store, renderFeed, (reason) => banner(t("banner.restarted", { reason })));
}

void main();

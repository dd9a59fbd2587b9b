/**
 * The pages beside the trading grid: Strategies and Backtest report, reached from a nav in the
 * top bar (and `#strategies` / `#report` in the address, so a page can be linked and reloaded).
 */
import type { ApiClient } from "./api-client.js";
import { el } from "./dom.js";
import { ReportPage } from "./report-page.js";
import type { Store } from "./store.js";
import { label, type StrategyLabelKey } from "./strategy-labels.js";
import { StrategyPanel } from "./strategy-panel.js";

type View = "trading" | "strategies" | "report";

const NAV: readonly [View, StrategyLabelKey][] = [
  ["trading", "navTrading"],
  ["strategies", "navStrategies"],
  ["report", "navReport"],
];

function viewOfHash(): View {
  const hash = window.location.hash.slice(1);
  return hash === "strategies" || hash === "report" ? hash : "trading";
}

/** Mounts both pages and the nav; returns the strategy panel to redraw on store changes. */
export function mountStrategyViews(store: Store, api: ApiClient): StrategyPanel {
  const grid = document.querySelector<HTMLElement>("main.grid");
  if (grid === null) throw new Error("missing main.grid in index.html");
  const panel = new StrategyPanel(store, api);
  const report = new ReportPage(api);
  const pages: Record<View, HTMLElement> = {
    trading: grid,
    strategies: el("main", { class: "view", id: "strategies-view" }, panel.root),
    report: el("main", { class: "view", id: "report-view" }, report.root),
  };
  grid.after(pages.strategies, pages.report);
  // The top bar is full at 1280 px: one short word per page, the Chinese in the tooltip.
  const buttons = NAV.map(([view, key]) =>
    el(
      "button",
      { type: "button", class: "ghost small nav", "data-view": view, title: label(key) },
      label(key),
    ),
  );
  document
    .querySelector(".brand")
    ?.after(el("nav", { class: "views", "aria-label": label("navTrading") }, ...buttons));
  const show = () => {
    const current = viewOfHash();
    for (const [view, page] of Object.entries(pages)) page.hidden = view !== current;
    for (const button of buttons)
      button.setAttribute("aria-current", String(button.dataset.view === current));
    if (current === "report") void report.show();
    if (current === "strategies") panel.render();
  };
  for (const button of buttons) {
    button.addEventListener("click", () => {
      const view = button.dataset.view;
      // replaceState keeps the back button for leaving the dashboard, and fires no hashchange.
      window.history.replaceState(null, "", view === "trading" ? window.location.pathname : `#${view}`);
      show();
    });
  }
  window.addEventListener("hashchange", show);
  show();
  return panel;
}

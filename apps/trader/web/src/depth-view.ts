/** Five levels of bid and ask for the selected instrument; a click on a price fills the order price. */

import { decimalsOf } from "../../src/shared/price-format.js";
import type { WireTick } from "../../src/shared/protocol.js";
import { byId, el, tbodyOf } from "./dom.js";
import { price, trendClass, volume } from "./format.js";
import { t } from "./page-labels.js";
import type { Store } from "./store.js";

const LEVELS = [1, 2, 3, 4, 5] as const;
type Level = (typeof LEVELS)[number];

function level(tick: WireTick | undefined, side: "bid" | "ask", n: Level): { price: number; volume: number } {
  if (tick === undefined) return { price: 0, volume: 0 };
  return { price: tick[`${side}Price${n}`], volume: tick[`${side}Volume${n}`] };
}

export function renderDepth(store: Store, onPrice: (value: number) => void): void {
  const vtSymbol = store.selected;
  const tick = vtSymbol === undefined ? undefined : store.ticks.get(vtSymbol);
  const contract = vtSymbol === undefined ? undefined : store.contracts.get(vtSymbol);
  const d = decimalsOf(contract?.pricetick);
  byId("depth-symbol").textContent =
    vtSymbol === undefined ? "" : `${vtSymbol} ${tick?.name ?? contract?.name ?? ""}`;
  const all = LEVELS.flatMap((n) => [level(tick, "bid", n).volume, level(tick, "ask", n).volume]);
  const max = Math.max(1, ...all);
  const row = (side: "bid" | "ask", n: Level) => {
    const { price: p, volume: v } = level(tick, side, n);
    const priceCell = el("td", { class: `price ${trendClass(p, tick?.preClose ?? 0)}` }, price(p, d));
    if (p > 0) priceCell.addEventListener("click", () => onPrice(p));
    // Set through CSSOM: the page's CSP allows no inline style attributes.
    const bar = el("div", { class: "bar" });
    bar.style.width = `${((v / max) * 100).toFixed(1)}%`;
    return el(
      "tr",
      { class: side, "data-level": `${side}${n}` },
      el("td", { class: "label" }, t(side === "ask" ? "depth.ask" : "depth.bid", { n })),
      priceCell,
      el("td", { class: "vol" }, bar, el("span", {}, v > 0 ? volume(v) : "")),
    );
  };
  tbodyOf("depth").replaceChildren(
    ...[5, 4, 3, 2, 1].map((n) => row("ask", n as Level)),
    el("tr", { class: "mid" }, el("td", { colspan: 3 })),
    ...LEVELS.map((n) => row("bid", n)),
  );
}

/**
 * The table monitors: ticks, active and all orders, trades, positions, account and log
 * (VeighNa Trader's monitors, one render function each).
 */
import { costPriceDetail, costPriceText } from "../../src/shared/cost-price.js";
import { decimalsOf } from "../../src/shared/price-format.js";
import type { WireContract, WireOrder } from "../../src/shared/protocol.js";
import { ageText, staleReason } from "./connection-health.js";
import { byId, el, fillRows, tbodyOf } from "./dom.js";
import { amount, changePct, price, sideLabel, timeOf, trendClass, volume } from "./format.js";
import { t as label, pageLanguage, t, valueLabel } from "./page-labels.js";
import { isActive, type Store } from "./store.js";

function decimalsFor(store: Store, vtSymbol: string): number {
  const contract: WireContract | undefined = store.contracts.get(vtSymbol);
  return decimalsOf(contract?.pricetick);
}

/** Ticks of every subscribed instrument; a click selects the instrument. */
export function renderTicks(store: Store, onSelect: (vtSymbol: string) => void): void {
  const body = tbodyOf("ticks");
  const symbols = [...new Set([...store.subscriptions, ...store.ticks.keys()])];
  const stale = staleReason(store);
  const now = Date.now();
  const rows = symbols.map((vtSymbol) => {
    const t = store.ticks.get(vtSymbol);
    const d = decimalsFor(store, vtSymbol);
    const name = t?.name || store.contracts.get(vtSymbol)?.name || "";
    const failure = store.subscriptionFailures[vtSymbol];
    if (failure !== undefined) {
      return el(
        "tr",
        { "data-vt": vtSymbol, "data-failed": true },
        el("td", {}, vtSymbol),
        el("td", {}, name),
        el("td", { colspan: 13, class: "failed" }, label("ticks.subscriptionFailed", { reason: failure })),
      );
    }
    if (t === undefined) {
      return el(
        "tr",
        { "data-vt": vtSymbol },
        el("td", {}, vtSymbol),
        el("td", {}, name),
        el("td", { colspan: 13, class: "muted" }, label("ticks.waiting")),
      );
    }
    const trend = trendClass(t.lastPrice, t.preClose);
    const previous = store.previousLast.get(vtSymbol);
    const flash =
      previous !== undefined && previous !== t.lastPrice
        ? t.lastPrice > previous
          ? "flash-up"
          : "flash-down"
        : "";
    const received = store.receivedAt.get(vtSymbol);
    const rowClass = [vtSymbol === store.selected ? "selected" : "", stale !== undefined ? "stale" : ""]
      .join(" ")
      .trim();
    const timeCell =
      stale !== undefined
        ? el(
            "td",
            { class: "age", title: stale },
            received !== undefined
              ? label("ticks.aged", { time: timeOf(t.datetime), age: ageText(received, now) })
              : label("ticks.old", { time: timeOf(t.datetime) }),
          )
        : el("td", {}, timeOf(t.datetime));
    const row = el(
      "tr",
      { "data-vt": vtSymbol, class: rowClass === "" ? undefined : rowClass, title: stale },
      el("td", {}, vtSymbol),
      el("td", {}, name),
      el("td", { class: `num last ${trend} ${flash}` }, price(t.lastPrice, d)),
      el("td", { class: `num ${trend}` }, changePct(t.lastPrice, t.preClose)),
      el("td", { class: "num" }, price(t.bidPrice1, d)),
      el("td", { class: "num" }, volume(t.bidVolume1)),
      el("td", { class: "num" }, price(t.askPrice1, d)),
      el("td", { class: "num" }, volume(t.askVolume1)),
      el("td", { class: "num" }, volume(t.volume)),
      el("td", { class: `num ${trendClass(t.highPrice, t.preClose)}` }, price(t.highPrice, d)),
      el("td", { class: `num ${trendClass(t.lowPrice, t.preClose)}` }, price(t.lowPrice, d)),
      el("td", { class: "num" }, price(t.preClose, d)),
      el("td", { class: "num up" }, price(t.limitUp, d)),
      el("td", { class: "num down" }, price(t.limitDown, d)),
      timeCell,
    );
    row.addEventListener("click", () => onSelect(vtSymbol));
    return row;
  });
  fillRows(body, rows, 15, label("ticks.none"));
  // A flash plays once per change; forget the previous price so a redraw does not replay it.
  store.previousLast.clear();
}

function orderCells(store: Store, o: WireOrder): HTMLTableCellElement[] {
  const d = decimalsFor(store, o.vtSymbol);
  return [
    el("td", { class: "id", title: o.vtOrderid }, store.orderLabel(o.vtOrderid)),
    el("td", {}, o.vtSymbol),
    el("td", { class: o.direction === "LONG" ? "up" : "down" }, sideLabel(o.direction)),
    el("td", {}, t(o.type === "MARKET" ? "type.MARKET" : "type.LIMIT")),
    el("td", { class: "num" }, o.type === "MARKET" ? "—" : price(o.price, d)),
    el("td", { class: "num" }, volume(o.volume)),
    el("td", { class: "num" }, volume(o.traded)),
    el(
      "td",
      { class: `status status-${o.status}`, "data-status": o.status },
      valueLabel("orderStatus", o.status),
    ),
  ];
}

/** Active orders (with a cancel button) and every order (with the broker's message). */
export function renderOrders(
  store: Store,
  onCancel: (vtOrderid: string, button: HTMLButtonElement) => void,
): void {
  const all = [...store.orders.values()].reverse();
  const active = all.filter(isActive);
  byId("active-count").textContent = String(active.length);
  byId("all-count").textContent = String(all.length);
  fillRows(
    tbodyOf("active-orders"),
    active.map((o) => {
      const button = el(
        "button",
        { type: "button", class: "cancel", "data-vtorderid": o.vtOrderid },
        t("orders.cancel"),
      );
      button.addEventListener("click", () => onCancel(o.vtOrderid, button));
      return el(
        "tr",
        { "data-vtorderid": o.vtOrderid },
        ...orderCells(store, o),
        el("td", {}, timeOf(o.datetime)),
        el("td", {}, button),
      );
    }),
    10,
    t("orders.noneWorking"),
  );
  fillRows(
    tbodyOf("all-orders"),
    all.map((o) =>
      el(
        "tr",
        { "data-vtorderid": o.vtOrderid },
        ...orderCells(store, o),
        el("td", { class: "reason", title: o.statusMsg }, o.statusMsg),
        el("td", {}, timeOf(o.datetime)),
      ),
    ),
    10,
    t("orders.none"),
  );
}

/** Every trade, newest first. */
export function renderTrades(store: Store): void {
  const trades = [...store.trades.values()].reverse();
  fillRows(
    tbodyOf("trades"),
    trades.map((t) =>
      el(
        "tr",
        {
          "data-vttradeid": t.vtTradeid,
          "data-vtorderid": t.vtOrderid,
          title: label("trades.rowTitle", {
            trade: t.vtTradeid,
            order: t.vtOrderid,
            label: store.orderLabel(t.vtOrderid),
          }),
        },
        el("td", {}, timeOf(t.datetime)),
        el("td", {}, t.vtSymbol),
        el("td", { class: t.direction === "LONG" ? "up" : "down" }, sideLabel(t.direction)),
        el("td", { class: "num" }, price(t.price, decimalsFor(store, t.vtSymbol))),
        el("td", { class: "num" }, volume(t.volume)),
      ),
    ),
    5,
    label("trades.none"),
  );
}

/** Positions with a non-zero volume (or frozen part). */
export function renderPositions(store: Store): void {
  const positions = [...store.positions.values()]
    .filter((p) => p.volume !== 0 || p.frozen !== 0)
    .sort((a, b) => a.vtSymbol.localeCompare(b.vtSymbol));
  fillRows(
    tbodyOf("positions"),
    positions.map((p) =>
      el(
        "tr",
        { "data-vt": p.vtSymbol },
        el("td", {}, p.vtSymbol),
        el("td", { class: "num volume" }, volume(p.volume)),
        el("td", { class: "num" }, volume(p.ydVolume)),
        el("td", { class: "num" }, volume(p.frozen)),
        el(
          "td",
          {
            class: "num cost",
            title: costPriceDetail(p, store.contracts.get(p.vtSymbol)?.pricetick, pageLanguage),
          },
          costPriceText(p, store.contracts.get(p.vtSymbol)?.pricetick, pageLanguage),
        ),
        el("td", { class: `num ${p.pnl > 0 ? "up" : p.pnl < 0 ? "down" : ""}` }, amount(p.pnl)),
      ),
    ),
    6,
    t("positions.none"),
  );
}

/** The account(s): balance, frozen, available; and the summary in the top bar. */
export function renderAccount(store: Store): void {
  const accounts = [...store.accounts.values()];
  const body = tbodyOf("account");
  const summary = byId("account-summary");
  const first = accounts[0];
  if (first === undefined) {
    body.replaceChildren(el("tr", {}, el("td", { class: "muted" }, t("account.waiting"))));
    summary.replaceChildren();
    return;
  }
  const rows: HTMLTableRowElement[] = [];
  for (const a of accounts) {
    rows.push(
      el("tr", {}, el("th", {}, t("account.account")), el("td", {}, a.accountid)),
      el(
        "tr",
        {},
        el("th", {}, t("account.balance")),
        el("td", { "data-field": "balance" }, amount(a.balance)),
      ),
      el("tr", {}, el("th", {}, t("account.frozen")), el("td", { "data-field": "frozen" }, amount(a.frozen))),
      el(
        "tr",
        {},
        el("th", {}, t("account.available")),
        el("td", { "data-field": "available" }, amount(a.available)),
      ),
    );
  }
  const marketValue = [...store.positions.values()].reduce((sum, p) => {
    const last = store.ticks.get(p.vtSymbol)?.lastPrice ?? p.price;
    return sum + p.volume * last;
  }, 0);
  rows.push(el("tr", {}, el("th", {}, t("account.marketValue")), el("td", {}, amount(marketValue))));
  body.replaceChildren(...rows);
  summary.replaceChildren(
    el("div", {}, el("span", {}, t("top.balance")), amount(first.balance)),
    el("div", {}, el("span", {}, t("top.available")), amount(first.available)),
  );
}

/** The log, newest first. */
export function renderLog(store: Store): void {
  const items = store.logs
    .slice(-200)
    .reverse()
    .map((log) =>
      el(
        "li",
        { class: log.level, title: log.msg },
        el("time", {}, timeOf(log.time)),
        `${log.gatewayName}: ${store.shortenIds(log.msg)}`,
      ),
    );
  byId("log").replaceChildren(...items);
}

/**
 * The order entry: symbol, exchange, direction, type, price, volume. Checks lot, tick and price
 * limits from the contract before sending, then follows the sent order and shows the broker's
 * answer (the REJECTED order's reason, or that it rests or filled).
 */

import { checkOrder, type OrderDraft } from "../../src/shared/order-checks.js";
import { formatPrice } from "../../src/shared/price-format.js";
import type { OrderAnswer, OrderBody, WireContract } from "../../src/shared/protocol.js";
import { type ApiClient, ApiError } from "./api-client.js";
import { orderBlockReason } from "./connection-health.js";
import { byId, el } from "./dom.js";
import { pageLanguage, t, valueLabel } from "./page-labels.js";
import type { Store } from "./store.js";

type Tone = "error" | "ok" | "info";

export class OrderEntry {
  private readonly store: Store;
  private readonly api: ApiClient;
  private readonly form = byId<HTMLFormElement>("order-form");
  private readonly symbol = byId<HTMLInputElement>("order-symbol");
  private readonly exchange = byId<HTMLSelectElement>("order-exchange");
  private readonly type = byId<HTMLSelectElement>("order-type");
  private readonly price = byId<HTMLInputElement>("order-price");
  private readonly volume = byId<HTMLInputElement>("order-volume");
  private readonly submit = byId<HTMLButtonElement>("order-submit");
  private readonly message = byId("order-message");
  private readonly info = byId("order-contract");
  private readonly blocked = byId("order-blocked");
  /** Why orders cannot be sent now (no trader, no trade server), shown above the button. */
  private blockReason: string | undefined;
  private sending = false;
  /** The order sent last, whose fate the message shows. */
  private tracked: string | undefined;
  private trackedStatus = "";

  constructor(store: Store, api: ApiClient) {
    this.store = store;
    this.api = api;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.send();
    });
    this.form.addEventListener("input", () => this.refresh());
    this.form.addEventListener("change", () => this.refresh());
  }

  /** Fills the instrument (and the price, when the field is empty or another instrument was shown). */
  setInstrument(vtSymbol: string, lastPrice: number | undefined): void {
    const dot = vtSymbol.lastIndexOf(".");
    const changed = this.vtSymbol() !== vtSymbol;
    this.symbol.value = vtSymbol.slice(0, dot);
    this.exchange.value = vtSymbol.slice(dot + 1);
    if ((changed || this.price.value === "") && lastPrice !== undefined && lastPrice > 0) {
      this.setPrice(lastPrice);
    }
    this.refresh();
  }

  /** Fills the price (a click in the depth view). */
  setPrice(value: number): void {
    this.price.value = formatPrice(value, this.contract()?.pricetick);
    this.refresh();
  }

  /** Disables the entry, with the reason, while orders cannot reach the broker. */
  updateConnection(): void {
    this.blockReason = orderBlockReason(this.store);
    this.blocked.hidden = this.blockReason === undefined;
    this.blocked.textContent = this.blockReason ?? "";
    this.submit.disabled = this.blockReason !== undefined || this.sending;
    this.submit.title = this.blockReason ?? "";
  }

  /** Updates the contract line and the datalist, and follows the tracked order. */
  update(): void {
    const list = byId<HTMLDataListElement>("contract-list");
    if (list.childElementCount !== this.store.contracts.size) {
      list.replaceChildren(
        ...[...this.store.contracts.values()].map((c) =>
          el("option", { value: c.symbol }, `${c.name} ${c.exchange}`),
        ),
      );
    }
    this.refresh();
    this.followTracked();
  }

  private vtSymbol(): string {
    return `${this.symbol.value.trim()}.${this.exchange.value}`;
  }

  private contract(): WireContract | undefined {
    return this.store.contracts.get(this.vtSymbol());
  }

  private direction(): "LONG" | "SHORT" {
    const checked = this.form.querySelector<HTMLInputElement>('input[name="direction"]:checked');
    return checked?.value === "SHORT" ? "SHORT" : "LONG";
  }

  private refresh(): void {
    const contract = this.contract();
    const direction = this.direction();
    const market = this.type.value === "MARKET";
    this.price.disabled = market;
    this.submit.className = `submit ${direction === "LONG" ? "buy" : "sell"}`;
    const symbol = this.symbol.value.trim();
    const buy = direction === "LONG";
    this.submit.textContent =
      symbol === ""
        ? t(buy ? "side.LONG" : "side.SHORT")
        : t(buy ? "entry.buySymbol" : "entry.sellSymbol", { symbol });
    if (contract === undefined) {
      this.info.textContent = t(symbol === "" ? "entry.pickInstrument" : "entry.unknownInstrument");
      return;
    }
    this.price.step = String(contract.pricetick);
    this.volume.step = String(direction === "LONG" ? contract.volumeStep : 1);
    const limits =
      contract.limitDown !== undefined && contract.limitUp !== undefined
        ? ` · ${t("entry.limits", {
            down: formatPrice(contract.limitDown, contract.pricetick),
            up: formatPrice(contract.limitUp, contract.pricetick),
          })}`
        : "";
    const lot =
      contract.volumeStep === contract.minVolume
        ? t("entry.lot", { lot: contract.minVolume })
        : t("entry.minStep", { min: contract.minVolume, step: contract.volumeStep });
    const tick = t("entry.tick", { tick: formatPrice(contract.pricetick, contract.pricetick) });
    this.info.replaceChildren(el("b", {}, contract.name), ` · ${lot} · ${tick}${limits}`);
  }

  private show(tone: Tone, text: string): void {
    this.message.className = `message ${tone}`;
    this.message.textContent = text;
  }

  private async send(): Promise<void> {
    if (this.blockReason !== undefined) {
      this.show("error", t("entry.notSent", { reason: this.blockReason }));
      return;
    }
    const draft: OrderDraft = {
      direction: this.direction(),
      type: this.type.value === "MARKET" ? "MARKET" : "LIMIT",
      price: this.price.value === "" ? Number.NaN : Number(this.price.value),
      volume: this.volume.value === "" ? Number.NaN : Number(this.volume.value),
    };
    const problems = checkOrder(draft, this.contract(), pageLanguage);
    this.volume.setAttribute("aria-invalid", String(problems.some((p) => p.field === "volume")));
    this.price.setAttribute("aria-invalid", String(problems.some((p) => p.field === "price")));
    if (problems.length > 0) {
      const reason = problems.map((p) => p.text).join(t("entry.reasonSeparator"));
      this.show("error", t("entry.notSent", { reason }));
      return;
    }
    const body: OrderBody = {
      symbol: this.symbol.value.trim(),
      exchange: this.exchange.value,
      direction: draft.direction,
      type: draft.type,
      price: draft.type === "MARKET" ? 0 : draft.price,
      volume: draft.volume,
    };
    this.sending = true;
    this.updateConnection();
    try {
      const answer = await this.api.post<OrderAnswer>("/api/order", body);
      this.tracked = answer.vtOrderid;
      this.trackedStatus = "";
      this.show("info", t("entry.sent", { id: this.store.orderLabel(answer.vtOrderid) }));
      this.followTracked();
    } catch (err) {
      this.show("error", t("entry.notSent", { reason: err instanceof ApiError ? err.message : String(err) }));
    } finally {
      this.sending = false;
      this.updateConnection();
    }
  }

  private followTracked(): void {
    if (this.tracked === undefined) return;
    const order = this.store.orders.get(this.tracked);
    if (order === undefined || order.status === this.trackedStatus) return;
    this.trackedStatus = order.status;
    const id = this.store.orderLabel(order.vtOrderid);
    switch (order.status) {
      case "REJECTED":
        this.show("error", t("entry.rejected", { id, reason: order.statusMsg || t("entry.noReason") }));
        return;
      case "NOTTRADED":
        this.show("info", t("entry.working", { id }));
        return;
      case "PARTTRADED":
        this.show("ok", t("entry.partlyFilled", { id, traded: order.traded, volume: order.volume }));
        return;
      case "ALLTRADED":
        this.show("ok", t("entry.filled", { id, traded: order.traded }));
        return;
      case "CANCELLED":
        this.show(
          "info",
          order.traded > 0
            ? t("entry.cancelledAfter", { id, traded: order.traded })
            : t("entry.cancelled", { id }),
        );
        return;
      default:
        this.show("info", t("entry.otherStatus", { id, status: valueLabel("orderStatus", order.status) }));
    }
  }
}

/**
 * The risk engine on the dashboard: the state badge in the top bar, and a dialog with every
 * limit's value and current figure, the kill switch (with a confirmation step) and "resume".
 * Both actions go through the token-guarded API like every other action.
 */
import type { HaltAnswer, WireRisk } from "../../src/shared/protocol.js";
import type { ApiClient } from "./api-client.js";
import { byId, el, fillRows, tbodyOf } from "./dom.js";
import type { Store } from "./store.js";

function figure(value: number): string {
  return Number.isInteger(value)
    ? value.toLocaleString("en-US")
    : value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

export class RiskPanel {
  private readonly dialog = byId<HTMLDialogElement>("risk-dialog");
  private readonly confirm = byId("halt-confirm");
  private readonly message = byId("risk-message");

  constructor(
    private readonly store: Store,
    private readonly api: ApiClient,
  ) {
    byId("open-risk").addEventListener("click", () => {
      this.confirm.hidden = true;
      this.say("", "");
      this.render();
      this.dialog.showModal();
    });
    byId("risk-close").addEventListener("click", () => this.dialog.close());
    byId("kill-switch").addEventListener("click", () => {
      this.confirm.hidden = false;
      byId("halt-no").focus();
    });
    byId("halt-no").addEventListener("click", () => {
      this.confirm.hidden = true;
    });
    byId("halt-yes").addEventListener("click", () => void this.halt());
    byId("risk-resume").addEventListener("click", () => void this.resume());
  }

  /** Redraws the badge and, when open, the dialog. */
  render(): void {
    const risk = this.store.risk;
    const badge = byId("risk-state");
    const state = risk?.state ?? "—";
    badge.dataset.state = state;
    badge.title = risk?.stateReason ? `${state}: ${risk.stateReason}` : `Trading state ${state}`;
    const label = badge.querySelector("b");
    if (label !== null) label.textContent = state;
    if (risk === undefined) return;
    this.renderDialog(risk);
  }

  private renderDialog(risk: WireRisk): void {
    byId("risk-dialog-state").textContent = risk.state;
    byId("risk-dialog-reason").textContent = risk.stateReason === "" ? "" : `(${risk.stateReason})`;
    const rows = risk.limits.map((row) =>
      el(
        "tr",
        { "data-limit": row.limit, class: row.current >= row.value ? "at-limit" : undefined },
        el("td", {}, row.limit),
        el("td", { class: "num" }, figure(row.value)),
        el("td", { class: "num" }, figure(row.current)),
      ),
    );
    fillRows(tbodyOf("risk-limits"), rows, 3, "no limit configured");
    byId("risk-summary").textContent =
      `Today: ${risk.ordersToday} orders, ${risk.cancelsToday} cancels · day P&L ${figure(risk.dailyPnl)} · ` +
      `${risk.refusals.total} refused · self-trade prevention ${risk.selfTradePrevention ? "on" : "off"}`;
    byId("risk-resume").hidden = risk.state === "ACTIVE";
    byId<HTMLButtonElement>("kill-switch").disabled = risk.state === "HALTED";
  }

  private async halt(): Promise<void> {
    this.say("info", "Halting…");
    try {
      const answer = await this.api.post<HaltAnswer>("/api/halt", { reason: "kill switch on the dashboard" });
      this.confirm.hidden = true;
      this.say(
        "info",
        `Trading ${answer.state}; ${answer.cancelsSent} cancel(s) sent${answer.cancelsFailed > 0 ? `, ${answer.cancelsFailed} failed` : ""}.`,
      );
    } catch (err) {
      this.say("error", `Halt failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async resume(): Promise<void> {
    try {
      await this.api.post("/api/risk-state", { state: "ACTIVE" });
      this.say("info", "Trading ACTIVE again.");
    } catch (err) {
      this.say("error", `Resume failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private say(kind: "" | "info" | "error", text: string): void {
    this.message.className = kind === "" ? "message" : `message ${kind}`;
    this.message.textContent = text;
  }
}

/**
 * The risk engine on the dashboard: the state badge in the top bar, and a dialog with every
 * limit's value and current figure, the kill switch (with a confirmation step) and "resume".
 * Both actions go through the token-guarded API like every other action.
 */
import type { HaltAnswer, WireRisk } from "../../src/shared/protocol.js";
import type { ApiClient } from "./api-client.js";
import { byId, el, fillRows, tbodyOf } from "./dom.js";
import { t, valueLabel } from "./page-labels.js";
import type { Store } from "./store.js";

function figure(value: number): string {
  return Number.isInteger(value)
    ? value.toLocaleString("en-US")
    : value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

function riskStateLabel(state: string): string {
  return valueLabel("riskState", state);
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
    const shown = riskStateLabel(state);
    badge.title = risk?.stateReason
      ? t("risk.badgeTitleReason", { state: shown, reason: risk.stateReason })
      : t("risk.badgeTitle", { state: shown });
    const label = badge.querySelector("b");
    if (label !== null) label.textContent = shown;
    if (risk === undefined) return;
    this.renderDialog(risk);
  }

  private renderDialog(risk: WireRisk): void {
    byId("risk-dialog-state").textContent = riskStateLabel(risk.state);
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
    fillRows(tbodyOf("risk-limits"), rows, 3, t("risk.noLimit"));
    byId("risk-summary").textContent = t("risk.summary", {
      orders: risk.ordersToday,
      cancels: risk.cancelsToday,
      pnl: figure(risk.dailyPnl),
      refused: risk.refusals.total,
      stp: t(risk.selfTradePrevention ? "risk.on" : "risk.off"),
    });
    byId("risk-resume").hidden = risk.state === "ACTIVE";
    byId<HTMLButtonElement>("kill-switch").disabled = risk.state === "HALTED";
  }

  private async halt(): Promise<void> {
    this.say("info", t("risk.halting"));
    try {
      const answer = await this.api.post<HaltAnswer>("/api/halt", { reason: t("risk.haltReason") });
      this.confirm.hidden = true;
      const figures = {
        state: riskStateLabel(answer.state),
        sent: answer.cancelsSent,
        failed: answer.cancelsFailed,
      };
      this.say("info", t(answer.cancelsFailed > 0 ? "risk.haltedWithFailures" : "risk.halted", figures));
    } catch (err) {
      this.say("error", t("risk.haltFailed", { detail: err instanceof Error ? err.message : String(err) }));
    }
  }

  private async resume(): Promise<void> {
    try {
      await this.api.post("/api/risk-state", { state: "ACTIVE" });
      this.say("info", t("risk.resumed"));
    } catch (err) {
      this.say("error", t("risk.resumeFailed", { detail: err instanceof Error ? err.message : String(err) }));
    }
  }

  private say(kind: "" | "info" | "error", text: string): void {
    this.message.className = kind === "" ? "message" : `message ${kind}`;
    this.message.textContent = text;
  }
}

/**
 * The connect form: the gateway's setting keys exactly as vnpy_hft names them (交易用户名 …
 * 行情端口), current values pre-filled except the passwords, which the server never sends. An
 * empty password keeps the stored one.
 */
import type { MaskedSettings } from "../../src/shared/protocol.js";
import { type ApiClient, ApiError } from "./api-client.js";
import { byId, el } from "./dom.js";
import { t } from "./page-labels.js";
import type { Store } from "./store.js";

const NUMERIC = /端口/;

export class ConnectDialog {
  private readonly dialog = byId<HTMLDialogElement>("connect-dialog");
  private readonly form = byId<HTMLFormElement>("connect-form");
  private readonly fields = byId("connect-fields");
  private readonly message = byId("connect-message");
  private readonly store: Store;
  private readonly api: ApiClient;

  constructor(store: Store, api: ApiClient) {
    this.store = store;
    this.api = api;
    byId("open-connect").addEventListener("click", () => this.open());
    byId("connect-cancel").addEventListener("click", () => this.dialog.close());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
  }

  private open(): void {
    const settings = this.store.settings;
    if (settings === undefined) return;
    this.build(settings);
    this.message.textContent = "";
    this.message.className = "message";
    this.dialog.showModal();
  }

  private build(settings: MaskedSettings): void {
    const inputs = settings.keys.map((key) => {
      const secret = settings.secretKeys.includes(key);
      const input = el("input", {
        name: key,
        type: secret ? "password" : NUMERIC.test(key) ? "number" : "text",
        autocomplete: secret ? "new-password" : "off",
        placeholder: secret && settings.secretsSet.includes(key) ? t("connect.savedPassword") : "",
        "data-key": key,
      });
      input.value = secret ? "" : String(settings.values[key] ?? "");
      return el("label", {}, key, input, el("span", { class: "field-error", "data-error-for": key }));
    });
    this.fields.replaceChildren(...inputs);
  }

  private async submit(): Promise<void> {
    const setting: Record<string, string | number> = {};
    for (const input of this.fields.querySelectorAll<HTMLInputElement>("input[data-key]")) {
      const key = input.dataset.key ?? "";
      setting[key] = input.type === "number" && input.value !== "" ? Number(input.value) : input.value;
    }
    for (const span of this.fields.querySelectorAll<HTMLElement>("[data-error-for]")) span.textContent = "";
    this.message.className = "message info";
    this.message.textContent = t("connect.connecting");
    try {
      await this.api.post("/api/connect", { setting });
      this.dialog.close();
    } catch (err) {
      this.message.className = "message error";
      this.message.textContent = err instanceof Error ? err.message : String(err);
      if (err instanceof ApiError) {
        for (const issue of err.issues) {
          const span = this.fields.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(issue.key)}"]`);
          if (span !== null) span.textContent = issue.message;
        }
      }
    }
  }
}

/**
 * A `SettingsError` of `@tsgate/core` as the trader shows it: each issue rendered in the reader's
 * language by the gateway's renderer (`settingsIssueMessage` of `@tsgate/hft-gateway`), never
 * core's English `message`, which stays an API error for programs.
 *
 * @module
 */
import type { SettingsError, SettingsIssue } from "@tsgate/core";
import { settingsIssueMessage } from "@tsgate/hft-gateway";
import { type LabelLanguage, label } from "./shared/labels/labels.js";

/** Every issue of `err` in `language`, keyed by the user's own setting key. */
export function settingsIssuesIn(language: LabelLanguage, err: SettingsError): SettingsIssue[] {
  return err.issues.map((issue) => ({ key: issue.key, message: settingsIssueMessage(language, issue) }));
}

/** The whole error in `language`: a title, then one indented `key: message` line per issue. */
export function settingsErrorText(language: LabelLanguage, err: SettingsError): string {
  const lines = settingsIssuesIn(language, err).map((issue) =>
    label(language, "settings.issue", { key: issue.key, message: issue.message }),
  );
  // English counts in the singular and the plural; the catalogues keep both forms.
  const title = lines.length === 1 ? "settings.invalidOne" : "settings.invalid";
  return label(language, title, { count: lines.length, lines: lines.join("\n") });
}

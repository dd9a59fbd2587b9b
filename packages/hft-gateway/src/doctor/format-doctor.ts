/**
 * The doctor's results as text: one line per step, then the summary; and the report as text.
 *
 * @module
 */
import { renderMessage, text } from "../i18n/catalogue.js";
import type { Language } from "../i18n/language.js";
import type { DoctorReport, DoctorStatus, DoctorStepId, DoctorStepResult } from "./doctor-types.js";

const MARK: Record<DoctorStatus, string> = { passed: "✓", failed: "✗", warning: "!", skipped: "-" };

/** The name of a step in `language`. */
export function stepName(language: Language, step: DoctorStepId): string {
  switch (step) {
    case "settings":
      return text(language, "doctor.step.settings");
    case "library":
      return text(language, "doctor.step.library");
    case "tradeNetwork":
      return text(language, "doctor.step.network", { side: "trade" });
    case "marketNetwork":
      return text(language, "doctor.step.network", { side: "market" });
    case "tradeLogin":
      return text(language, "doctor.step.login", { side: "trade" });
    case "marketLogin":
      return text(language, "doctor.step.login", { side: "market" });
    case "tradeData":
      return text(language, "doctor.step.tradeData");
    case "tick":
      return text(language, "doctor.step.tick");
    case "clock":
      return text(language, "doctor.step.clock");
  }
}

/** `✗ 交易服务器登录 [失败] 密码错误 (1002)。请检查「交易密码」 (12 ms)`, then its detail lines indented. */
export function formatStep(language: Language, result: DoctorStepResult): string[] {
  const status = text(language, `doctor.status.${result.status}`);
  const head = `${MARK[result.status]} ${stepName(language, result.step)} [${status}] ${renderMessage(language, result.message)}`;
  return [head, ...result.details.map((line) => `    ${line}`)];
}

/** The summary line of a report. */
export function formatSummary(report: DoctorReport): string {
  const failed = report.steps.filter((s) => s.status === "failed");
  const first = failed[0];
  if (first === undefined) return text(report.language, "doctor.summary.ok", { ms: report.ms });
  return text(report.language, "doctor.summary.failed", {
    failed: failed.length,
    first: stepName(report.language, first.step),
  });
}

/** The whole report as text (what `--report file.txt` writes). */
export function formatReportText(report: DoctorReport): string {
  const lines = [
    `tsgate doctor report (${report.format}) ${report.startedAt}, ${report.ms} ms`,
    `os: ${report.os.platform} ${report.os.release} ${report.os.arch}`,
    ...Object.entries(report.versions).map(([name, version]) => `version ${name}: ${version}`),
    report.library === undefined
      ? "library: not loaded"
      : `library: ${report.library.path} (${report.library.info}, abi ${report.library.abiVersion}, ${report.library.backend})`,
    `settings: ${JSON.stringify(report.settings)}`,
    "",
    ...report.steps.flatMap((step) => [
      ...formatStep(report.language, step),
      `    (${step.ms} ms) ${JSON.stringify(step.facts)}`,
    ]),
    "",
    formatSummary(report),
  ];
  return `${lines.join("\n")}\n`;
}

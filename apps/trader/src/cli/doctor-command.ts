/**
 * `tsgate doctor`: runs the connection checklist (`runDoctor` of `@tsgate/hft-gateway`) against
 * the settings a user would connect with, prints one line per step and writes a redacted report.
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  type DoctorOptions,
  formatReportText,
  formatSummary,
  renderMessage,
  resolveLanguage,
  runDoctor,
  text,
} from "@tsgate/hft-gateway";
import { reasonOf, TraderError } from "../errors.js";
import { readSettingFile } from "../gateway-settings.js";
import { traderLanguage } from "../trader-language.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { intOption, languageOption, usageLanguage } from "./options.js";
import { parseOptions } from "./parse-options.js";
import { printUsageError, usageText } from "./usage.js";

/** The versions the report names: this app and the gateway packages. */
function versions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const out: Record<string, string> = {};
  for (const name of ["@tsgate/hft-gateway", "@tsgate/hft-native", "@tsgate/core"]) {
    try {
      out[name] = (
        JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }
      ).version;
    } catch {
      out[name] = "unknown";
    }
  }
  return out;
}

/** Runs `tsgate doctor`; resolves with the exit code. */
export async function runDoctorCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let settings: unknown;
  let reportPath: string | undefined;
  let options: DoctorOptions;
  const argsLanguage = usageLanguage(argv, io.env);
  try {
    const values = parseOptions(argv, {
      settings: { type: "string" },
      report: { type: "string" },
      language: { type: "string" },
      symbol: { type: "string" },
      "tick-timeout": { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help === true) {
      io.out(usageText(argsLanguage, "doctor"));
      return 0;
    }
    if (values.settings === undefined) throw new UsageError({ label: "usage.settingsRequired" });
    const language = languageOption(values.language) ?? traderLanguage(undefined, io.env);
    const tickTimeoutMs = intOption("--tick-timeout", values["tick-timeout"], 1, 600_000);
    settings = readSettingFile(values.settings);
    reportPath = values.report;
    options = {
      language,
      env: io.env,
      versions: versions(),
      ...(values.symbol !== undefined ? { symbol: values.symbol } : {}),
      ...(tickTimeoutMs !== undefined ? { tickTimeoutMs } : {}),
      onStep: (_result, lines) => {
        for (const line of lines) io.out(line);
      },
    };
  } catch (err) {
    if (err instanceof UsageError) printUsageError(io, argsLanguage, "doctor", err.text);
    else if (err instanceof TraderError) printUsageError(io, argsLanguage, "doctor", reasonOf(err), false);
    else throw err;
    return 2;
  }

  io.out(
    text(resolveLanguage(options.language), "doctor.header", {
      version: options.versions?.["@tsgate/hft-gateway"] ?? "",
    }),
  );
  const report = await runDoctor(settings, options);
  io.out(formatSummary(report));
  if (reportPath !== undefined) {
    const body = reportPath.endsWith(".json")
      ? `${JSON.stringify(report, null, 2)}\n`
      : formatReportText(report);
    writeFileSync(reportPath, body, { mode: 0o600 });
    io.out(renderMessage(report.language, { code: "doctor.report.written", params: { path: reportPath } }));
  }
  return report.ok ? 0 : 1;
}

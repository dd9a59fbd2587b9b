/**
 * `tsgate doctor`: runs the connection checklist (`runDoctor` of `@tsgate/hft-gateway`) against
 * the settings a user would connect with, prints one line per step and writes a redacted report.
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import {
  type DoctorOptions,
  formatReportText,
  formatSummary,
  renderMessage,
  resolveLanguage,
  runDoctor,
  text,
} from "@tsgate/hft-gateway";
import { TraderError } from "../errors.js";
import { readSettingFile } from "../gateway-settings.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { intOption } from "./options.js";

export const DOCTOR_USAGE = `Usage: tsgate doctor --settings <file.json> [options]

Runs the connection checklist against the settings you would connect with and prints one line
per step (passed, failed, warning, skipped) with what was found and what to do next:
settings, HFT library, each server's network and protocol, trade and market login, the queries
after login, a first tick, clock skew. Exit code 0 when no step failed, 1 when one did.

  --settings <file.json>    the settings (keys 交易用户名 … 行情端口, as for tsgate trader)
  --report <file>           also write a report without passwords for the broker's support:
                            JSON when the name ends in .json, else text
  --language <zh-CN|en>     language of the output (default from LC_ALL / LC_MESSAGES / LANG)
  --symbol <code>           code to subscribe for the tick check, e.g. 600000.SSE (default: the
                            first contract)
  --tick-timeout <ms>       how long to wait for a tick (default 10000)
  -h, --help                show this help
`;

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
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        settings: { type: "string" },
        report: { type: "string" },
        language: { type: "string" },
        symbol: { type: "string" },
        "tick-timeout": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help === true) {
      io.out(DOCTOR_USAGE);
      return 0;
    }
    if (values.settings === undefined) throw new UsageError("--settings <file.json> is required");
    const language = resolveLanguage(values.language, io.env);
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
    if (err instanceof TraderError) {
      io.err(`tsgate doctor: ${err.message}`);
      return 2;
    }
    io.err(`tsgate doctor: ${(err as Error).message}\n\n${DOCTOR_USAGE}`);
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

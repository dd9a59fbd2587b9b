/**
 * `tsgate status`: asks a running trader's HTTP API for its connection state.
 *
 * @module
 */
import { DEFAULT_HTTP_HOST } from "../constants.js";
import { labeller } from "../shared/labels/labels.js";
import type { StatusAnswer } from "../shared/protocol.js";
import { traderLanguage } from "../trader-language.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { httpPort } from "./options.js";
import { parseOptions } from "./parse-options.js";
import { requestTrader, type TraderAnswer, unreachableReason } from "./trader-http.js";
import { printUsageError, usageText } from "./usage.js";

function isStatusAnswer(value: unknown): value is StatusAnswer {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { app?: unknown }).app === "tsgate-trader" &&
    Array.isArray((value as { statuses?: unknown }).statuses)
  );
}

/** Runs `tsgate status`; resolves with the exit code. */
export async function runStatus(argv: readonly string[], io: CliIo): Promise<number> {
  const language = traderLanguage(undefined, io.env);
  let port: number;
  let host: string;
  try {
    const values = parseOptions(argv, {
      port: { type: "string" },
      host: { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help === true) {
      io.out(usageText(language, "status"));
      return 0;
    }
    port = httpPort(values.port, io.env);
    host = values.host ?? DEFAULT_HTTP_HOST;
    if (port === 0) throw new UsageError({ label: "usage.portZero" });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    printUsageError(io, language, "status", err.text);
    return 2;
  }
  const t = labeller(language);
  const where = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  const notRunning = (why: string) => {
    io.err(t("cli.noTrader", { where, why }));
    return 1;
  };

  let answer: TraderAnswer;
  try {
    answer = await requestTrader({ host, port, method: "GET", path: "/api/status", language });
  } catch (err) {
    return notRunning(unreachableReason(err, t));
  }
  const body = answer.body;
  if (answer.status !== 200 || !isStatusAnswer(body)) {
    io.err(t("cli.notTrader", { where, status: answer.status }));
    return 1;
  }
  io.out(t("cli.statusTitle", { where, mode: t(`cli.mode.${body.mode}`) }));
  if (body.statuses.length === 0) io.out(t("cli.noState", { gateway: body.gatewayName }));
  // Side and state stay codes in every language, like the terminal mode's STATUS tags: scripts read them.
  for (const status of body.statuses)
    io.out(`  ${body.gatewayName} ${status.side.padEnd(6)} ${status.state}`);
  io.out(t("cli.subscriptions", { count: body.subscriptions }));
  return 0;
}

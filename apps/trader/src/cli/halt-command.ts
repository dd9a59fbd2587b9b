/**
 * `tsgate halt`: the kill switch of a running trader, through its API (`POST /api/halt`).
 *
 * @module
 */
import { DEFAULT_HTTP_HOST, TOKEN_ENV } from "../constants.js";
import { labeller } from "../shared/labels/labels.js";
import type { ErrorAnswer, HaltAnswer } from "../shared/protocol.js";
import { traderLanguage } from "../trader-language.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { httpPort } from "./options.js";
import { parseOptions } from "./parse-options.js";
import { requestTrader, type TraderAnswer, unreachableReason } from "./trader-http.js";
import { DEFAULT_HALT_REASON, printUsageError, usageText } from "./usage.js";

function isHaltAnswer(value: unknown): value is HaltAnswer {
  return typeof value === "object" && value !== null && typeof (value as HaltAnswer).cancelsSent === "number";
}

/** Runs `tsgate halt`; resolves with the exit code. */
export async function runHalt(argv: readonly string[], io: CliIo): Promise<number> {
  const language = traderLanguage(undefined, io.env);
  let port: number;
  let host: string;
  let token: string;
  let reason: string;
  try {
    const values = parseOptions(argv, {
      port: { type: "string" },
      host: { type: "string" },
      token: { type: "string" },
      reason: { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help === true) {
      io.out(usageText(language, "halt"));
      return 0;
    }
    port = httpPort(values.port, io.env);
    host = values.host ?? DEFAULT_HTTP_HOST;
    if (port === 0) throw new UsageError({ label: "usage.portZero" });
    token = values.token ?? io.env[TOKEN_ENV] ?? "";
    if (token === "") throw new UsageError({ label: "usage.noToken", params: { env: TOKEN_ENV } });
    reason = values.reason ?? DEFAULT_HALT_REASON;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    printUsageError(io, language, "halt", err.text);
    return 2;
  }
  const t = labeller(language);
  const where = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  let answer: TraderAnswer;
  try {
    answer = await requestTrader({
      host,
      port,
      method: "POST",
      path: "/api/halt",
      token,
      body: { reason },
      language,
    });
  } catch (err) {
    io.err(t("cli.haltNoTrader", { where, why: unreachableReason(err, t) }));
    return 1;
  }
  if (answer.status !== 200 || !isHaltAnswer(answer.body)) {
    // The trader writes its refusal in the language this command asked for.
    const why = (answer.body as Partial<ErrorAnswer> | undefined)?.error ?? `HTTP ${answer.status}`;
    const hint =
      answer.status === 401 || answer.status === 403 ? t("cli.haltTokenHint", { env: TOKEN_ENV }) : "";
    io.err(t("cli.haltRefused", { where, why, hint }));
    return 1;
  }
  const { cancelsSent, cancelsFailed } = answer.body;
  io.out(
    t("cli.halted", { where, state: answer.body.state, sent: cancelsSent }) +
      (cancelsFailed > 0 ? t("cli.haltFailures", { failed: cancelsFailed }) : ""),
  );
  return 0;
}

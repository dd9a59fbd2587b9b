/**
 * `tsgate halt`: the kill switch of a running trader, through its API (`POST /api/halt`).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { DEFAULT_HTTP_HOST, DEFAULT_HTTP_PORT, PORT_ENV, TOKEN_ENV } from "../constants.js";
import { labeller } from "../shared/labels/labels.js";
import type { ErrorAnswer, HaltAnswer } from "../shared/protocol.js";
import { traderLanguage } from "../trader-language.js";
import { type CliIo, UsageError } from "./cli-io.js";
import { httpPort } from "./options.js";
import { requestTrader, type TraderAnswer, unreachableReason } from "./trader-http.js";

export const HALT_USAGE = `Usage: tsgate halt [--port <n>] [--host <address>] [--reason <text>]

The kill switch of the tsgate trader running on this machine: trading becomes HALTED (no new
order; cancels only) and every working order of every gateway is cancelled.

The access token printed when the trader started is read from $${TOKEN_ENV}
(or --token <t>, which other users of the machine can see in the process list).
Exit code 0 when the trader halted, 1 when none answers or it refused, 2 on bad usage.

  --port <n>          its dashboard port (default ${DEFAULT_HTTP_PORT}, or $${PORT_ENV})
  --host <address>    its interface (default ${DEFAULT_HTTP_HOST})
  --reason <text>     why, for the trader's log (default "tsgate halt")
`;

function isHaltAnswer(value: unknown): value is HaltAnswer {
  return typeof value === "object" && value !== null && typeof (value as HaltAnswer).cancelsSent === "number";
}

/** Runs `tsgate halt`; resolves with the exit code. */
export async function runHalt(argv: readonly string[], io: CliIo): Promise<number> {
  let port: number;
  let host: string;
  let token: string;
  let reason: string;
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        token: { type: "string" },
        reason: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help === true) {
      io.out(HALT_USAGE);
      return 0;
    }
    port = httpPort(values.port, io.env);
    host = values.host ?? DEFAULT_HTTP_HOST;
    if (port === 0) throw new UsageError("--port 0 names no trader; give the port it listens on");
    token = values.token ?? io.env[TOKEN_ENV] ?? "";
    if (token === "")
      throw new UsageError(`no access token: set ${TOKEN_ENV} to the token the trader printed at its start`);
    reason = values.reason ?? "tsgate halt";
  } catch (err) {
    io.err(`tsgate halt: ${(err as Error).message}\n\n${HALT_USAGE}`);
    return 2;
  }
  const language = traderLanguage(undefined, io.env);
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

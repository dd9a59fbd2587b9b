/**
 * What each outcome of a check says to the user: the outcome → message code mapping, one place.
 *
 * @module
 */
import { type Message, message, renderMessage } from "../i18n/catalogue.js";
import type { Language } from "../i18n/language.js";
import type { SideLabels } from "../messages.js";
import { vendorLoginError } from "../vendor-errors.js";
import type { DoctorStatus } from "./doctor-types.js";
import { type LoginCause, loginCause } from "./login-causes.js";
import type { ProbeOutcome } from "./network-probe.js";
import type { LoginOutcome } from "./session-checks.js";

/** A status with its message and machine-readable facts. */
export interface Verdict {
  readonly status: DoctorStatus;
  readonly message: Message;
  readonly facts: Record<string, string | number | boolean>;
}

/** Step 3: one server's probe. */
export function networkVerdict(
  outcome: ProbeOutcome,
  host: string,
  port: number,
  labels: SideLabels,
  language: Language,
): Verdict {
  const peer = `${host}:${port}`;
  const keys = { hostKey: labels.hostKey, portKey: labels.portKey };
  const facts = { outcome: outcome.kind, host, port };
  switch (outcome.kind) {
    case "ok":
      return {
        status: "passed",
        message: message("doctor.net.ok", { peer, ...outcome }),
        facts: {
          ...facts,
          dnsMs: outcome.dnsMs,
          connectMs: outcome.connectMs,
          protocolMs: outcome.protocolMs,
        },
      };
    case "okVendor":
      return {
        status: "passed",
        message: message("doctor.net.okVendor", { peer, ...outcome }),
        facts: { ...facts, dnsMs: outcome.dnsMs, connectMs: outcome.connectMs },
      };
    case "dnsFailed":
      return {
        status: "failed",
        message: message("doctor.net.dnsFailed", {
          host,
          hostKey: labels.hostKey,
          error: outcome.error,
          ms: outcome.ms,
        }),
        facts: { ...facts, error: outcome.error, ms: outcome.ms },
      };
    case "refused":
      return {
        status: "failed",
        message: message("doctor.net.refused", { peer, ms: outcome.ms, ...keys }),
        facts,
      };
    case "timeout":
      return {
        status: "failed",
        message: message("doctor.net.timeout", { peer, ms: outcome.ms, ...keys }),
        facts,
      };
    case "unreachable":
      return {
        status: "failed",
        message: message("doctor.net.unreachable", {
          peer,
          errno: outcome.errno,
          ms: outcome.ms,
          hostKey: labels.hostKey,
        }),
        facts: { ...facts, errno: outcome.errno },
      };
    case "failed":
      return {
        status: "failed",
        message: message("doctor.net.failed", { peer, error: outcome.error, ms: outcome.ms, ...keys }),
        facts: { ...facts, error: outcome.error },
      };
    case "silent":
      return {
        status: "failed",
        message: message("doctor.net.silent", { peer, waitMs: outcome.waitMs, portKey: labels.portKey }),
        facts,
      };
    case "otherProtocol":
      return {
        status: "failed",
        message: message("doctor.net.otherProtocol", {
          peer,
          looksLike: renderMessage(language, outcome.looksLike),
          portKey: labels.portKey,
        }),
        facts: { ...facts, looksLike: outcome.looksLike.code, received: outcome.received },
      };
    case "closedEarly":
      return {
        status: "failed",
        message: message("doctor.net.closedEarly", { peer, ms: outcome.ms, portKey: labels.portKey }),
        facts,
      };
  }
}

/** Non-secret values a login message may quote. */
export interface LoginValues {
  readonly user: string;
  readonly org: string;
  readonly branch: string;
}

/** Step 4: one login. */
export function loginVerdict(
  side: "trade" | "market",
  outcome: LoginOutcome,
  labels: SideLabels,
  values: LoginValues,
): Verdict {
  const facts = { outcome: outcome.kind, ms: outcome.ms };
  switch (outcome.kind) {
    case "ok": {
      const day = outcome.tradingDay > 0 ? String(outcome.tradingDay) : "";
      return {
        status: "passed",
        message: message("doctor.login.ok", { side, ms: outcome.ms, tradingDay: day }),
        facts,
      };
    }
    case "noAnswer":
      return { status: "failed", message: message("doctor.login.noAnswer", { waitMs: outcome.ms }), facts };
    case "connectFailed":
      return {
        status: "failed",
        message: message("doctor.login.connectFailed", { detail: outcome.detail }),
        facts,
      };
    case "callFailed":
      return {
        status: "failed",
        message: message("doctor.login.callFailed", { detail: outcome.detail }),
        facts,
      };
    case "refused": {
      const known = loginCause(side, outcome.code);
      const codeFacts = {
        ...facts,
        code: outcome.code,
        cause: known?.cause ?? "unknown",
        retryMayHelp: known?.retryMayHelp ?? false,
      };
      const { code, text } = outcome;
      const msg = refusedMessage(side, known?.cause, { code, text }, labels, values);
      return { status: "failed", message: msg, facts: codeFacts };
    }
  }
}

function refusedMessage(
  side: "trade" | "market",
  cause: LoginCause | undefined,
  answer: { code: number; text: string },
  labels: SideLabels,
  values: LoginValues,
): Message {
  const { code, text } = answer;
  switch (cause) {
    case "user":
      return message("doctor.login.user", { code, user: values.user, userKey: labels.userKey });
    case "password":
      return message("doctor.login.password", { code, passwordKey: labels.passwordKey });
    case "userOrPassword":
      return message("doctor.login.userOrPassword", {
        code,
        text,
        userKey: labels.userKey,
        passwordKey: labels.passwordKey,
      });
    case "org":
      return message("doctor.login.org", { code, org: values.org });
    case "branch":
      return message("doctor.login.branch", { code, branch: values.branch });
    case "locked":
    case "notEnabled":
    case "terminalInfo":
    case "missingInfo":
    case "temporary":
    case "accountType":
      return message(`doctor.login.${cause}`, { code, text });
    case undefined:
      // A vendor code no cause covers still has the gateway's own meaning and advice.
      if (vendorLoginError(side, code, "en") !== undefined)
        return message("doctor.login.vendor", { side, code, text });
      return message("doctor.login.other", { code, text });
  }
}

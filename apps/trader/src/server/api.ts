/**
 * The REST API of the dashboard and the CLI.
 *
 * | method | path | token | what |
 * |---|---|---|---|
 * | GET  | /api/status    | no  | app name and connection state (for `tsgate status`) |
 * | GET  | /api/state     | yes | the full {@link Snapshot} |
 * | POST | /api/order     | yes | send an order; answers `{ vtOrderid }` at once |
 * | POST | /api/cancel    | yes | cancel a working order `{ vtOrderid }` |
 * | POST | /api/subscribe | yes | subscribe `{ vtSymbol }` |
 * | POST | /api/connect   | yes | connect to another server `{ setting }` |
 * | GET  | /api/risk      | yes | the risk engine's state and the usage of every limit |
 * | POST | /api/halt      | yes | the kill switch: HALTED + cancel every working order `{ reason? }` |
 * | POST | /api/risk-state | yes | set the trading state by hand `{ state }` |
 * | POST | /api/strategy  | yes | init, start or stop a strategy `{ name, action }`; answers `{ state }` |
 * | GET  | /api/backtest-report | yes | the backtest report given with `--backtest-report` |
 *
 * Errors answer `{ error, issues? }` in the language of the `x-tsgate-language` header (else the
 * trader's) with 400 (bad input), 401 (no token), 403 (wrong token,
 * foreign Origin or Host), 404, 405, 409 (order no longer active) or 500.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { SettingsError } from "@tsgate/core";
import { TraderError } from "../errors.js";
import { parseOrderBody } from "../order-input.js";
import { settingsErrorText, settingsIssuesIn } from "../settings-error-text.js";
import { type LabelLanguage, label, labelText } from "../shared/labels/labels.js";
import type {
  BacktestReportAnswer,
  ErrorAnswer,
  HaltAnswer,
  OrderAnswer,
  StatusAnswer,
} from "../shared/protocol.js";
import type { TraderRuntime } from "../trader-runtime.js";
import type { AccessPolicy } from "./auth.js";
import { readJson, sendJson } from "./json-io.js";
import { requestLanguage } from "./request-language.js";
import { buildSnapshot } from "./snapshot.js";

type Handler = (req: IncomingMessage) => Promise<unknown> | unknown;

interface Route {
  readonly method: "GET" | "POST";
  readonly auth: boolean;
  readonly handle: Handler;
}

const HTTP_STATUS: Record<TraderError["code"], number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PORT_IN_USE: 500,
  NOT_READY: 503,
};

function field(body: unknown, key: string): unknown {
  return typeof body === "object" && body !== null && Object.hasOwn(body, key)
    ? (body as Record<string, unknown>)[key]
    : undefined;
}

function errorAnswer(err: unknown, language: LabelLanguage): { status: number; body: ErrorAnswer } {
  if (err instanceof SettingsError) {
    return {
      status: 400,
      body: { error: settingsErrorText(language, err), issues: settingsIssuesIn(language, err) },
    };
  }
  if (err instanceof TraderError)
    return { status: HTTP_STATUS[err.code], body: { error: err.messageIn(language) } };
  return { status: 500, body: { error: label(language, "api.internalError") } };
}

/** Builds the `/api/*` request handler. */
export function createApi(
  runtime: TraderRuntime,
  policy: AccessPolicy,
  onInternalError: (err: unknown) => void,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  const routes: Record<string, Route> = {
    "/api/status": {
      method: "GET",
      auth: false,
      handle: (): StatusAnswer => ({
        app: "tsgate-trader",
        gatewayName: runtime.gatewayName,
        mode: runtime.mode,
        statuses: runtime.mainEngine.oms
          .getAllGatewayStatuses()
          .map((status) => ({ side: status.side, state: status.state })),
        subscriptions: runtime.subscriptionList.length,
      }),
    },
    "/api/state": { method: "GET", auth: true, handle: () => buildSnapshot(runtime) },
    "/api/order": {
      method: "POST",
      auth: true,
      handle: async (req): Promise<OrderAnswer> => ({
        vtOrderid: runtime.sendOrder(parseOrderBody(await readJson(req))),
      }),
    },
    "/api/cancel": {
      method: "POST",
      auth: true,
      handle: async (req) => {
        const vtOrderid = field(await readJson(req), "vtOrderid");
        runtime.cancelOrder(typeof vtOrderid === "string" ? vtOrderid : "");
        return { ok: true };
      },
    },
    "/api/subscribe": {
      method: "POST",
      auth: true,
      handle: async (req) => {
        const vtSymbol = field(await readJson(req), "vtSymbol");
        runtime.subscribe(typeof vtSymbol === "string" ? vtSymbol : "");
        return { subscriptions: runtime.subscriptionList };
      },
    },
    "/api/risk": { method: "GET", auth: true, handle: () => runtime.riskSnapshot() },
    "/api/halt": {
      method: "POST",
      auth: true,
      handle: async (req): Promise<HaltAnswer> => {
        const reason = field(await readJson(req), "reason");
        const result = runtime.halt(
          typeof reason === "string" && reason !== "" ? reason : "kill switch via the API",
        );
        return { state: runtime.risk.state, ...result };
      },
    },
    "/api/risk-state": {
      method: "POST",
      auth: true,
      handle: async (req) => {
        runtime.setTradingState(field(await readJson(req), "state"), "set by hand via the API");
        return { state: runtime.risk.state };
      },
    },
    "/api/strategy": {
      method: "POST",
      auth: true,
      handle: async (req) => {
        const body = await readJson(req);
        return { state: runtime.strategies.act(field(body, "name"), field(body, "action")) };
      },
    },
    "/api/backtest-report": {
      method: "GET",
      auth: true,
      handle: (req): BacktestReportAnswer => {
        const report = runtime.backtestReport;
        if (report.state !== "error") return report;
        return { ...report, error: labelText(requestLanguage(req, runtime.language), report.reason) };
      },
    },
    "/api/connect": {
      method: "POST",
      auth: true,
      handle: async (req) => {
        await runtime.reconnect(field(await readJson(req), "setting"));
        return { settings: runtime.maskedSettings() };
      },
    },
  };

  return async (req, res, url) => {
    const language = requestLanguage(req, runtime.language);
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (route === undefined) {
      const error = label(language, "api.noEndpoint", { path: url.pathname });
      sendJson(res, 404, { error } satisfies ErrorAnswer);
      return;
    }
    if (req.method !== route.method) {
      res.setHeader("Allow", route.method);
      const error = label(language, "api.methodOnly", { path: url.pathname, method: route.method });
      sendJson(res, 405, { error } satisfies ErrorAnswer);
      return;
    }
    if (route.auth) {
      const decision = policy.check(req, url, { originRequired: false });
      if (!decision.ok) {
        sendJson(res, decision.status, { error: label(language, decision.reason) } satisfies ErrorAnswer);
        return;
      }
    } else if (!policy.hostAllowed(req)) {
      sendJson(res, 403, { error: label(language, "api.unexpectedHost") } satisfies ErrorAnswer);
      return;
    }
    try {
      sendJson(res, 200, await route.handle(req));
    } catch (err) {
      const answer = errorAnswer(err, language);
      if (answer.status === 500) onInternalError(err);
      sendJson(res, answer.status, answer.body);
    }
  };
}

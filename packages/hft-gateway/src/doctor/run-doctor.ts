/**
 * `runDoctor`: the vnpy_hft connection checklist as a program. It runs each step against the
 * settings a user would connect with and returns a report free of secrets.
 *
 * @module
 */
import { release } from "node:os";
import { performance } from "node:perf_hooks";
import { SettingsError } from "@tsgate/core";
import type { Market } from "@tsgate/hft-native";
import {
  connectionOptions,
  type HftApiFactory,
  type MdApiPort,
  nativeApiFactory,
  type TraderApiPort,
} from "../api-ports.js";
import { type Message, message, renderMessage } from "../i18n/catalogue.js";
import { resolveLanguage } from "../i18n/language.js";
import { settingsIssueLines } from "../i18n/settings-issues.js";
import { MARKET_VT2HFT, parseVendorSymbol } from "../mappings.js";
import { MARKET_LABELS, TRADE_LABELS } from "../messages.js";
import { type HftSettings, parseHftSettings } from "../settings.js";
import { judgeClock, marketClockSkew } from "./clock-skew.js";
import type { DoctorReport, DoctorStatus, DoctorStepId, DoctorStepResult } from "./doctor-types.js";
import { formatStep, stepName } from "./format-doctor.js";
import { checkLibrary, type LibraryOutcome } from "./library-check.js";
import { probeServer } from "./network-probe.js";
import { reportSettings, scrub, secretValues } from "./redaction.js";
import { firstTicks, loadTradeData, marketLogin, type TickOutcome, tradeLogin } from "./session-checks.js";
import { loginVerdict, networkVerdict, type Verdict } from "./step-messages.js";

/** Defaults of {@link DoctorOptions}' bounds, in ms. */
export const DOCTOR_DEFAULTS = Object.freeze({
  /** A login answer takes a round trip; 10 s is far beyond any healthy server. */
  loginTimeoutMs: 10_000,
  queryTimeoutMs: 10_000,
  tickTimeoutMs: 10_000,
  /** Ticks are collected this long after the first, for the freshest one. */
  clockSampleMs: 1_000,
  /** Tick times have ms resolution and a LAN adds well under 100 ms; 2 s of skew is a wrong clock. */
  maxClockSkewMs: 2_000,
});

/** The code subscribed when neither `symbol` nor a contract names one (浦发银行, always listed). */
const FALLBACK_SYMBOL = "SH.600000";

/** Options of {@link runDoctor}. */
export interface DoctorOptions {
  /** "zh-CN" or "en" (or a locale such as `en_US.UTF-8`); default from `env`'s LC_ALL/LC_MESSAGES/LANG. */
  readonly language?: string;
  /** Environment for the language and `TSGATE_HFT_LIB` (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The native API (tests inject fakes); default {@link nativeApiFactory}. */
  readonly api?: HftApiFactory;
  /** Code to subscribe, `SH.600000` or `600000.SSE`; default: the first contract. */
  readonly symbol?: string;
  readonly loginTimeoutMs?: number;
  readonly queryTimeoutMs?: number;
  readonly tickTimeoutMs?: number;
  readonly clockSampleMs?: number;
  readonly maxClockSkewMs?: number;
  /** Versions to put in the report besides Node's (the app adds its own). */
  readonly versions?: Readonly<Record<string, string>>;
  /** Called with each step's result and its rendered lines as soon as it is known. */
  readonly onStep?: (result: DoctorStepResult, lines: readonly string[]) => void;
}

/**
 * Runs the connection checklist against `settings` (the object a user passes to `connect`):
 *
 * 1. settings valid (every key, the vendor's field sizes), by the gateway's own validation;
 * 2. the HFT library: found, loadable, ABI version, sim library or vendor shim (and the SDK files);
 * 3. each server: DNS, TCP (refused, timed out, unreachable told apart, with the time taken),
 *    and a heartbeat answered in our protocol (not for the vendor shim, whose protocol is the broker's);
 * 4. trade and market login, a refusal mapped to its cause (user, password, 机构代号, 营业部代号,
 *    account locked, terminal information...) for the simulator's and the vendor's codes;
 * 5. contracts, account, positions and orders load; a subscription delivers a tick in time;
 * 6. clock skew between this machine and the market's tick times.
 *
 * A step whose prerequisite failed is `skipped`. It never throws for bad settings or servers,
 * and no password appears in the report or in the lines given to `onStep`.
 */
export async function runDoctor(settings: unknown, options: DoctorOptions = {}): Promise<DoctorReport> {
  const started = new Date();
  const t0 = performance.now();
  const env = options.env ?? process.env;
  const language = resolveLanguage(options.language, env);
  const api = options.api ?? nativeApiFactory;
  const secrets = secretValues(settings);
  const steps: DoctorStepResult[] = [];
  let loaded: LibraryOutcome | undefined;

  const record = (step: DoctorStepId, verdict: Verdict, ms: number, details: readonly string[] = []) => {
    const result: DoctorStepResult = Object.freeze({
      step,
      status: verdict.status,
      message: scrubMessage(verdict.message, secrets),
      details: details.map((d) => scrub(d, secrets)),
      ms,
      facts: verdict.facts,
    });
    steps.push(result);
    options.onStep?.(
      result,
      formatStep(language, result).map((line) => scrub(line, secrets)),
    );
  };
  const skip = (step: DoctorStepId, because: DoctorStepId) =>
    record(
      step,
      {
        status: "skipped",
        message: message("doctor.skipped.because", { step: stepLabel(because) }),
        facts: {},
      },
      0,
    );
  const stepLabel = (step: DoctorStepId) => stepName(language, step);

  // 1. settings
  let parsed: HftSettings | undefined;
  {
    const start = performance.now();
    try {
      parsed = parseHftSettings(withLibraryEnv(settings, env));
      const count = Object.keys(parsed).length;
      record(
        "settings",
        { status: "passed", message: message("doctor.settings.ok", { count }), facts: { count } },
        since(start),
      );
    } catch (err) {
      if (!(err instanceof SettingsError)) throw err;
      const details = settingsIssueLines(language, err.issues);
      record(
        "settings",
        {
          status: "failed",
          message: message("doctor.settings.invalid", { count: err.issues.length }),
          facts: { issues: err.issues.length, keys: err.issues.map((i) => i.key).join(",") },
        },
        since(start),
        details,
      );
    }
  }
  if (parsed === undefined) {
    for (const step of [
      "library",
      "tradeNetwork",
      "marketNetwork",
      "tradeLogin",
      "marketLogin",
      "tradeData",
      "tick",
      "clock",
    ] as const)
      skip(step, "settings");
    return finish();
  }
  const s = parsed;

  // 2. library
  {
    const start = performance.now();
    loaded = checkLibrary(api, s);
    if (loaded.kind === "failed") {
      record(
        "library",
        { status: "failed", message: loaded.message, facts: { code: loaded.code } },
        since(start),
      );
    } else {
      const info = loaded.loaded;
      const kindText = renderMessage(language, message(`doctor.library.kind.${info?.kind ?? "unknown"}`));
      const details: string[] = [];
      if (loaded.sdkFiles.length > 0)
        details.push(
          renderMessage(
            language,
            message("doctor.library.shimFiles", {
              dir: loaded.sdkDir,
              files: loaded.sdkFiles
                .map((f) => `${f.name} ${f.version ?? "?"} (${f.bytes} bytes)`)
                .join(", "),
            }),
          ),
        );
      const missing = loaded.sdkMissing.length > 0;
      const msg = missing
        ? message("doctor.library.shimMissing", { dir: loaded.sdkDir, files: loaded.sdkMissing.join(", ") })
        : message("doctor.library.ok", {
            path: info?.path ?? "",
            info: info?.info ?? "",
            abi: info?.abiVersion ?? 0,
            kind: kindText,
            backend: info?.backend ?? s.ffiBackend,
          });
      record(
        "library",
        {
          status: missing ? "failed" : "passed",
          message: msg,
          facts: { kind: info?.kind ?? "unknown", abiVersion: info?.abiVersion ?? 0 },
        },
        since(start),
        details,
      );
    }
  }
  const libraryOk = loaded.kind === "ok" && loaded.sdkMissing.length === 0;
  // The vendor's servers speak the broker's protocol, not ours; an unknown library proves nothing either way.
  const checkProtocol = loaded.kind === "ok" && loaded.loaded?.kind !== "shim";

  // 3. network, both servers at once
  const probe = async (side: "trade" | "market") => {
    const labels = side === "trade" ? TRADE_LABELS : MARKET_LABELS;
    const host = side === "trade" ? s.交易服务器 : s.行情服务器;
    const port = side === "trade" ? s.交易端口 : s.行情端口;
    const start = performance.now();
    const outcome = await probeServer({
      host,
      port,
      side,
      connectTimeoutMs: s.connectTimeoutMs,
      // The library drops a server silent this long; ours heartbeats well within it.
      answerTimeoutMs: s.heartbeatTimeoutMs,
      checkProtocol,
    });
    return { verdict: networkVerdict(outcome, host, port, labels, language), ms: since(start) };
  };
  const [tradeNet, marketNet] = await Promise.all([probe("trade"), probe("market")]);
  record("tradeNetwork", tradeNet.verdict, tradeNet.ms);
  record("marketNetwork", marketNet.verdict, marketNet.ms);

  // 4.–6. through the library
  const library = loaded.kind === "ok" ? loaded.library : undefined;
  const bounds = { ...DOCTOR_DEFAULTS, ...definedOnly(options) };
  // One attempt: the doctor reports a failure, it does not wait out the reconnect policy.
  const once = { ...s, connectRetries: 1 };
  let trader: TraderApiPort | undefined;
  let md: MdApiPort | undefined;
  try {
    let firstSymbol: string | undefined;
    const values = { user: s.交易用户名, org: s.机构代号, branch: s.营业部代号 };
    const tradeBlocker: DoctorStepId | undefined = !libraryOk
      ? "library"
      : tradeNet.verdict.status !== "passed"
        ? "tradeNetwork"
        : undefined;
    const marketBlocker: DoctorStepId | undefined = !libraryOk
      ? "library"
      : marketNet.verdict.status !== "passed"
        ? "marketNetwork"
        : undefined;

    let tradeLoggedIn = false;
    if (tradeBlocker === undefined && library !== undefined) {
      trader = api.createTrader(connectionOptions(s.交易服务器, s.交易端口, library, once));
      const outcome = await tradeLogin(
        trader,
        {
          accountId: s.交易用户名,
          password: s.交易密码,
          custOrgid: s.机构代号,
          custBranchid: s.营业部代号,
          clSystemId: s.网关,
        },
        bounds.loginTimeoutMs,
      );
      tradeLoggedIn = outcome.kind === "ok";
      record("tradeLogin", loginVerdict("trade", outcome, TRADE_LABELS, values), outcome.ms);
    } else skip("tradeLogin", tradeBlocker ?? "library");

    let marketLoggedIn = false;
    if (marketBlocker === undefined && library !== undefined) {
      md = api.createMd(connectionOptions(s.行情服务器, s.行情端口, library, once));
      const outcome = await marketLogin(
        md,
        { user: s.行情用户名, password: s.行情密码 },
        bounds.loginTimeoutMs,
      );
      marketLoggedIn = outcome.kind === "ok";
      record(
        "marketLogin",
        loginVerdict("market", outcome, MARKET_LABELS, { ...values, user: s.行情用户名 }),
        outcome.ms,
      );
    } else skip("marketLogin", marketBlocker ?? "library");

    if (tradeLoggedIn && trader !== undefined) {
      const data = await loadTradeData(trader, bounds.queryTimeoutMs);
      if (data.kind === "ok") {
        firstSymbol = data.firstSymbol;
        record(
          "tradeData",
          {
            status: "passed",
            message: message("doctor.data.ok", data),
            facts: { contracts: data.contracts, positions: data.positions, orders: data.orders },
          },
          data.ms,
        );
      } else {
        const what = renderMessage(language, message(`doctor.data.what.${data.what}`));
        record(
          "tradeData",
          {
            status: "failed",
            message: message("doctor.data.failed", { what, detail: data.detail }),
            facts: { what: data.what },
          },
          data.ms,
        );
      }
    } else skip("tradeData", "tradeLogin");

    if (marketLoggedIn && md !== undefined) {
      const target = pickSymbol(options.symbol, firstSymbol);
      const vendorSymbol = `${target.market}.${target.code}`;
      const ticks = await firstTicks(
        md,
        target.market,
        target.code,
        bounds.tickTimeoutMs,
        bounds.clockSampleMs,
      );
      record("tick", tickVerdict(ticks, vendorSymbol, bounds.tickTimeoutMs), ticks.ms);
      if (ticks.kind === "ok") {
        const skew =
          marketClockSkew(
            ticks.ticks.map(({ tick, receivedAt }) => ({
              tradingDay: tick.tradingDay,
              time: tick.time,
              receivedAt,
            })),
          ) ?? 0;
        const verdict = judgeClock(Math.round(skew), bounds.maxClockSkewMs);
        const status: DoctorStatus =
          verdict.kind === "ok" ? "passed" : verdict.kind === "behind" ? "failed" : "warning";
        record(
          "clock",
          {
            status,
            message: message(`doctor.clock.${verdict.kind}`, {
              skewMs: verdict.skewMs,
              limitMs: bounds.maxClockSkewMs,
            }),
            facts: { skewMs: Math.round(skew), samples: ticks.ticks.length },
          },
          0,
        );
      } else skip("clock", "tick");
    } else {
      skip("tick", "marketLogin");
      skip("clock", "marketLogin");
    }
  } finally {
    await Promise.allSettled([trader?.close(), md?.close()]);
  }
  return finish();

  function finish(): DoctorReport {
    const lib = loaded?.kind === "ok" ? loaded.loaded : undefined;
    return Object.freeze({
      format: "tsgate-doctor/1" as const,
      startedAt: started.toISOString(),
      ms: since(t0),
      language,
      versions: { node: process.version, ...(options.versions ?? {}) },
      os: { platform: process.platform, release: release(), arch: process.arch },
      ...(lib === undefined
        ? {}
        : { library: { path: lib.path, info: lib.info, abiVersion: lib.abiVersion, backend: lib.backend } }),
      settings: reportSettings(settings),
      steps,
      ok: steps.every((step) => step.status !== "failed"),
    });
  }
}

function since(start: number): number {
  return Math.round(performance.now() - start);
}

/** `libraryPath` empty and TSGATE_HFT_LIB set in the doctor's env: the path the gateway would load. */
function withLibraryEnv(settings: unknown, env: Readonly<Record<string, string | undefined>>): unknown {
  const fromEnv = env.TSGATE_HFT_LIB;
  if (fromEnv === undefined || fromEnv === "" || typeof settings !== "object" || settings === null)
    return settings;
  const given = (settings as { libraryPath?: unknown }).libraryPath;
  return given === undefined || given === "" ? { ...settings, libraryPath: fromEnv } : settings;
}

function definedOnly(options: DoctorOptions): Partial<typeof DOCTOR_DEFAULTS> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(DOCTOR_DEFAULTS) as (keyof typeof DOCTOR_DEFAULTS)[]) {
    const value = options[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** `SH.600000`, `600000.SSE` or the first contract → market and code. */
function pickSymbol(
  option: string | undefined,
  firstContract: string | undefined,
): { market: Market; code: string } {
  const fromVendor = (text: string) => {
    const split = parseVendorSymbol(text);
    const market = split === undefined ? undefined : MARKET_VT2HFT[split.exchange];
    return split === undefined || market === undefined ? undefined : { market, code: split.symbol };
  };
  if (option !== undefined && option !== "") {
    const [code, exchange] = option.split(".");
    const vt =
      code !== undefined && exchange !== undefined
        ? MARKET_VT2HFT[exchange as keyof typeof MARKET_VT2HFT]
        : undefined;
    const parsed = vt !== undefined && code !== undefined ? { market: vt, code } : fromVendor(option);
    if (parsed !== undefined) return parsed;
  }
  return (
    (firstContract === undefined ? undefined : fromVendor(firstContract)) ??
    (fromVendor(FALLBACK_SYMBOL) as { market: Market; code: string })
  );
}

function tickVerdict(outcome: TickOutcome, symbol: string, waitMs: number): Verdict {
  switch (outcome.kind) {
    case "ok":
      return {
        status: "passed",
        message: message("doctor.tick.ok", { symbol, ms: outcome.ms }),
        facts: { ms: outcome.ms, ticks: outcome.ticks.length },
      };
    case "none":
      return {
        status: "failed",
        message: message("doctor.tick.none", { symbol, waitMs }),
        facts: { waitMs },
      };
    case "rejected":
      return {
        status: "failed",
        message: message("doctor.tick.rejected", { symbol, code: outcome.code, text: outcome.text }),
        facts: { code: outcome.code },
      };
  }
}

function scrubMessage(msg: Message, secrets: readonly string[]): Message {
  if (msg.params === undefined || secrets.length === 0) return msg;
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(msg.params))
    params[key] = typeof value === "string" ? scrub(value, secrets) : value;
  return { code: msg.code, params };
}

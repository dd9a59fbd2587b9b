/**
 * The gateway's log lines and status messages, bound to one language: {@link gatewayMessages}.
 *
 * The texts live in the message catalogues as `gateway.*` codes (`i18n/gateway-zh-cn.ts`,
 * `i18n/gateway-en.ts`); this module only decides which code a case gets (which errno, which
 * login code) and hands over the parameters, so both languages tell the same cases apart.
 * No message ever contains a password: callers pass only non-secret values, and the gateway
 * redacts both passwords from every log line and status message as a second guard.
 *
 * @module
 */
import type { SettingsIssue } from "@tsgate/core";
import type { DisconnectedEvent } from "@tsgate/hft-native";
import { type MessageCode, type MessageParams, serverReason, text } from "./i18n/catalogue.js";
import type { ConnectFailure, Side, Subject } from "./i18n/gateway-subjects.js";
import { DEFAULT_LANGUAGE, type Language } from "./i18n/language.js";
import { libraryCause, libraryErrorText } from "./i18n/library-causes.js";
import { settingsIssueLines } from "./i18n/settings-issues.js";
import type { LibraryKind } from "./library-kind.js";
import { vendorLoginError } from "./vendor-errors.js";

/** Which connection a message is about, with the setting keys that configure it. */
export interface SideLabels {
  readonly side: Side;
  readonly hostKey: string;
  readonly portKey: string;
  readonly userKey: string;
  readonly passwordKey: string;
}

export const TRADE_LABELS: SideLabels = Object.freeze({
  side: "trade",
  hostKey: "交易服务器",
  portKey: "交易端口",
  userKey: "交易用户名",
  passwordKey: "交易密码",
});

export const MARKET_LABELS: SideLabels = Object.freeze({
  side: "market",
  hostKey: "行情服务器",
  portKey: "行情端口",
  userKey: "行情用户名",
  passwordKey: "行情密码",
});

/** What a query step or a report is about; each catalogue names it in its language. */
export const WHAT = Object.freeze({
  contracts: "contracts",
  account: "account",
  positions: "positions",
  orders: "orders",
  trades: "trades",
  orderReport: "orderReport",
  tradeReport: "tradeReport",
} as const satisfies Record<string, Subject>);

const UNREACHABLE = new Set(["EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EADDRNOTAVAIL"]);

function connectFailure(ev: DisconnectedEvent): ConnectFailure {
  if (ev.osErrorName === "ECONNREFUSED") return "refused";
  if (UNREACHABLE.has(ev.osErrorName)) return "unreachable";
  if (ev.osErrorName === "ETIMEDOUT") return "timeout";
  if (/cannot resolve host/i.test(ev.message)) return "dns";
  return "other";
}

/**
 * Every log line and status text of the gateway, rendered in `language`.
 *
 * @param language - the gateway's `language` setting, resolved (see `resolveLanguage`)
 * @param library - whose code table rejection reasons are read by: the library the gateway loaded
 *   (the simulation library speaks our protocol's codes, the vendor shim the broker's); before a
 *   library is loaded, the simulation library's
 */
export function gatewayMessages(language: Language, library: LibraryKind = "sim") {
  const t = <K extends MessageCode>(code: K, ...params: MessageParams<K>): string =>
    text(language, code, ...params);
  const rejectionReason = (code: number, serverText: string) =>
    serverReason(language, library, code, serverText);
  return Object.freeze({
    /** The language the lines are in. */
    language,
    /** The library whose code table rejection reasons are read by. */
    library,
    connecting: (l: SideLabels, peer: string) => t("gateway.connecting", { side: l.side, peer }),
    loginOk: (l: SideLabels) => t("gateway.loginOk", { side: l.side }),
    reloginOk: (l: SideLabels) => t("gateway.reloginOk", { side: l.side }),
    accountChanged: (user: string, peer: string) => t("gateway.accountChanged", { user, peer }),
    alreadyConnected: () => t("gateway.alreadyConnected"),
    closed: () => t("gateway.closed"),
    closeFailed: (detail: string) => t("gateway.closeFailed", { detail }),
    handlerFailed: (l: SideLabels, event: string, detail: string) =>
      t("gateway.handlerFailed", { side: l.side, event, detail }),
    /** Each issue of a `SettingsError` on its own line, in this language. */
    settingsInvalid: (issues: readonly SettingsIssue[]) =>
      t("gateway.settingsInvalid", { count: issues.length, lines: settingsIssueLines(language, issues) }),

    /** A TCP connect that failed before the connection was up: refused, unreachable, timeout, DNS. */
    connectFailed: (l: SideLabels, peer: string, ev: DisconnectedEvent) =>
      t("gateway.connectFailed", {
        side: l.side,
        hostKey: l.hostKey,
        portKey: l.portKey,
        failure: connectFailure(ev),
        peer,
        errno: ev.osErrorName,
        detail: libraryCause(language, ev.message),
        willReconnect: ev.willReconnect,
      }),
    /** A connection that was up (or logging in) and was lost. */
    disconnected: (l: SideLabels, ev: DisconnectedEvent) =>
      t("gateway.disconnected", {
        side: l.side,
        detail: libraryCause(language, ev.message),
        willReconnect: ev.willReconnect,
      }),
    /** An error a library call threw, in this language (`HftCallError` by its return code). */
    libraryError: (error: unknown) => libraryErrorText(language, error),
    /** Closed after a refused login; the login message already said why. */
    stoppedAfterLogin: (l: SideLabels) => t("gateway.stoppedAfterLogin", { side: l.side }),

    tradeLoginFailed(code: number, serverMsg: string, user: string, org: string, branch: string): string {
      switch (code) {
        case 1001:
          return t("gateway.tradeLogin.1001", { user });
        case 1002:
          return t("gateway.tradeLogin.1002");
        case 1003:
          return t("gateway.tradeLogin.1003", { org });
        case 1004:
          return t("gateway.tradeLogin.1004", { branch });
        case 1005:
          return t("gateway.tradeLogin.1005", { text: serverMsg });
        case 1006:
          return t("gateway.tradeLogin.1006", { text: serverMsg });
        default: {
          const vendor = vendorLoginError("trade", code, language);
          if (vendor !== undefined)
            return t("gateway.tradeLogin.vendor", { code, ...vendor, text: serverMsg });
          return t("gateway.tradeLogin.other", { code, text: serverMsg });
        }
      }
    },
    mdLoginFailed(code: number, serverMsg: string, user: string): string {
      switch (code) {
        case 5001:
          return t("gateway.mdLogin.5001", { user });
        case 5002:
          return t("gateway.mdLogin.5002");
        case 5005:
          return t("gateway.mdLogin.5005", { text: serverMsg });
        default: {
          const vendor = vendorLoginError("market", code, language);
          if (vendor !== undefined) return t("gateway.mdLogin.vendor", { code, ...vendor });
          return t("gateway.mdLogin.other", { code, text: serverMsg });
        }
      }
    },
    libraryFailed(code: string, detail: string): string {
      switch (code) {
        case "LIBRARY_NOT_FOUND":
          return t("gateway.library.notFound", { detail });
        case "ABI_MISMATCH":
        case "STRUCT_SIZE_MISMATCH":
        case "SYMBOL_MISSING":
          return t("gateway.library.mismatch", { detail });
        case "BACKEND_UNAVAILABLE":
        case "INVALID_OPTION":
          return t("gateway.library.backend", { detail });
        default:
          return t("gateway.library.other", { detail });
      }
    },
    vendorSettingFailed: (detail: string) => t("gateway.vendorSettingFailed", { detail }),
    apiCreateFailed: (l: SideLabels, detail: string) =>
      t("gateway.apiCreateFailed", { side: l.side, detail }),
    loginCallFailed: (l: SideLabels, detail: string) =>
      t("gateway.loginCallFailed", { side: l.side, detail }),

    contractsLoaded: (count: number) => t("gateway.loaded", { subject: "contracts", count }),
    contractsFromMarketData: () => t("gateway.contractsFromMarketData"),
    accountLoaded: () => t("gateway.loaded", { subject: "account", count: 1 }),
    positionsLoaded: (count: number) => t("gateway.loaded", { subject: "positions", count }),
    ordersLoaded: (count: number) => t("gateway.loaded", { subject: "orders", count }),
    tradesLoaded: (count: number) => t("gateway.loaded", { subject: "trades", count }),
    queryFailed: (subject: Subject, detail: string) => t("gateway.queryFailed", { subject, detail }),
    ready: () => t("gateway.ready"),
    readyAgain: () => t("gateway.readyAgain"),
    notReady: (subjects: readonly Subject[]) => t("gateway.notReady", { subjects }),
    refreshFailed: (subject: Subject, detail: string) => t("gateway.refreshFailed", { subject, detail }),
    queryNotConnected: (subject: Subject) => t("gateway.queryNotConnected", { subject }),

    orderRejectedLocally: (orderid: string, reason: string) =>
      t("gateway.orderRejectedLocally", { orderid, reason }),
    orderSendFailed: (orderid: string, reason: string) => t("gateway.orderSendFailed", { orderid, reason }),
    /** The server's reason is translated by its code in the library's table (never its English in a Chinese line). */
    orderRejected: (orderid: string, code: number, serverText: string) =>
      t("gateway.orderRejected", { orderid, code, reason: rejectionReason(code, serverText) }),
    /** A server-rejected order's status text, in this language (the server's own text only for codes the library's table lacks). */
    rejectionStatus: (code: number, serverText: string) =>
      t("gateway.rejectionStatus", { code, reason: rejectionReason(code, serverText) }),
    /** Why an order is refused when the gateway has no connection. */
    notConnectedRefusal: () => t("refusal.notConnected"),
    journalRestored: (orders: number, active: number, trades: number, nextId: string) =>
      t("gateway.journalRestored", { orders, active, trades, nextId }),
    lostBeforeRestart: () => t("gateway.lostBeforeRestart"),
    unknownAfterRestart: () => t("gateway.unknownAfterRestart"),
    journalIdFailed: (detail: string) => t("gateway.journalIdFailed", { detail }),
    journalSaveFailed: (detail: string) => t("gateway.journalSaveFailed", { detail }),
    duplicateClOrderId: (serverId: string, serverText: string) =>
      t("gateway.duplicateClOrderId", { serverId, text: serverText }),
    foreignReportSameId: (orderid: string, serverId: string) =>
      t("gateway.foreignReportSameId", { orderid, serverId }),
    brokerSessionChanged: (why: string, epoch: number) => t("gateway.brokerSessionChanged", { why, epoch }),
    sessionWhyDay: (from: number, to: number) => t("gateway.sessionWhyDay", { from, to }),
    sessionWhySeq: (last: number, highest: number) => t("gateway.sessionWhySeq", { last, highest }),
    orderUnknownToBroker: () => t("gateway.orderUnknownToBroker"),
    orderEndedUnknown: (orderid: string) => t("gateway.orderEndedUnknown", { orderid }),
    tradeIgnored: (tradeid: string, why: string) => t("gateway.tradeIgnored", { tradeid, why }),
    tradeWhyDuplicate: () => t("gateway.tradeWhyDuplicate"),
    tradeWhyForgotten: () => t("gateway.tradeWhyForgotten"),
    tradeWhyNoId: () => t("gateway.tradeWhyNoId"),
    tradesAlreadyKnown: (count: number) => t("gateway.tradesAlreadyKnown", { count }),
    orderAdopted: (orderid: string, symbol: string) => t("gateway.orderAdopted", { orderid, symbol }),
    orderUnknownStatus: (orderid: string, status: string) =>
      t("gateway.orderUnknownStatus", { orderid, status }),
    badSymbol: (subject: Subject, symbol: string) => t("gateway.badSymbol", { subject, symbol }),
    /** A report with a vendor side or order type a cash-account gateway cannot represent. */
    unsupportedReport: (subject: Subject, id: string, field: "side" | "orderType", value: string) =>
      t("gateway.unsupportedReport", { subject, id, field, value }),

    cancelUnknown: (orderid: string) => t("gateway.cancelUnknown", { orderid }),
    cancelFinished: (orderid: string, status: string) => t("gateway.cancelFinished", { orderid, status }),
    cancelNotConnected: (orderid: string) => t("gateway.cancelNotConnected", { orderid }),
    cancelSendFailed: (orderid: string, detail: string) => t("gateway.cancelSendFailed", { orderid, detail }),
    cancelRejected: (orderid: string, code: number, serverText: string) =>
      t("gateway.cancelRejected", { orderid, code, reason: rejectionReason(code, serverText) }),

    tradeLibraryError: (code: number, detail: string) =>
      t("gateway.libraryError", { side: "trade", code, text: detail }),
    mdLibraryError: (code: number, detail: string) =>
      t("gateway.libraryError", { side: "market", code, text: detail }),
    riskNotify: (level: number, code: number, detail: string) =>
      t("gateway.riskNotify", { level, code, text: detail }),

    subscribeQueued: (vtSymbol: string) => t("gateway.subscribeQueued", { vtSymbol }),
    subscribeUnsupported: (vtSymbol: string) => t("gateway.subscribeUnsupported", { vtSymbol }),
    subscribeSendFailed: (vtSymbol: string, detail: string) =>
      t("gateway.subscribeSendFailed", { vtSymbol, detail }),
    subscribeFailed: (code: number, detail: string) => t("gateway.subscribeFailed", { code, text: detail }),
    /**
     * The server names the unknown codes in its own words ("unknown codes on SZ: 000002"): the
     * line lists the codes, and quotes the server's text only when it names none.
     */
    subscribeUnknownCode: (market: string, code: number, detail: string) => {
      const codes = detail.match(/\b\d{6}\b/g);
      const named = codes !== null ? codes.join(", ") : t("reason.unknown", { text: detail });
      return t("gateway.subscribeUnknownCode", { market, code, text: named });
    },
    subscribeBadSymbol: (vtSymbol: string) => t("gateway.subscribeBadSymbol", { vtSymbol }),
    tickWithoutContract: (vtSymbol: string) => t("gateway.tickWithoutContract", { vtSymbol }),
    mdOverflow: (dropped: number, total: number) => t("gateway.mdOverflow", { dropped, total }),
  });
}

/** The gateway's messages bound to one language (what `gatewayMessages` returns). */
export type GatewayMessages = ReturnType<typeof gatewayMessages>;

/** The messages in {@link DEFAULT_LANGUAGE}, for code that runs before a gateway has settings. */
export const DEFAULT_MESSAGES: GatewayMessages = gatewayMessages(DEFAULT_LANGUAGE);

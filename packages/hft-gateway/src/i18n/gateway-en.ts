/**
 * The en texts of the gateway's log lines and status messages: the same `gateway.*` codes and
 * parameters as `gateway-zh-cn.ts`, spread into `catalogue-en.ts`. Setting keys stay as the user
 * types them (「交易密码」); errno names, server codes and the server's own text are verbatim.
 *
 * @module
 */

import type { Side, Subject } from "./gateway-subjects.js";
import type { gatewayZhCN } from "./gateway-zh-cn.js";

const SERVER: Record<Side, string> = { trade: "trade server", market: "market server" };
const SUBJECT: Record<Subject, string> = {
  contracts: "contracts",
  account: "account",
  positions: "positions",
  orders: "orders",
  trades: "trades",
  orderReport: "order report",
  tradeReport: "trade report",
};

/** Capitalises the first letter, for a server name that opens a line. */
function opening(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every code of {@link gatewayZhCN}, with the same parameters. */
export const gatewayEn: { readonly [K in keyof typeof gatewayZhCN]: (typeof gatewayZhCN)[K] } = {
  "gateway.connecting": (p) => `${opening(SERVER[p.side])}: connecting to ${p.peer}`,
  "gateway.loginOk": (p) => `${opening(SERVER[p.side])}: logged in`,
  "gateway.reloginOk": (p) => `${opening(SERVER[p.side])}: reconnected and logged in again`,
  "gateway.accountChanged": (p) =>
    `Connected to another account or server (${p.user}@${p.peer}): the previous account's orders and trades were cleared`,
  "gateway.alreadyConnected": () =>
    "The HFT gateway is already connected; do not connect twice (close() first, then connect with the new settings)",
  "gateway.closed": () => "HFT gateway closed",
  "gateway.closeFailed": (p) => `Closing the gateway failed: ${p.detail}`,
  "gateway.handlerFailed": (p) => `${opening(SERVER[p.side])}: handling event ${p.event} failed: ${p.detail}`,
  "gateway.settingsIssue": (p) => `${p.key}: ${p.message}`,
  "gateway.settingsInvalid": (p) =>
    `HFT settings are wrong (${p.count} problem${p.count === 1 ? "" : "s"}), not connected:\n${p.lines.map((line) => `  ${line}`).join("\n")}`,

  "gateway.connectFailed": (p) => {
    const tail = p.willReconnect ? "; retrying" : "; stopped retrying: fix the settings and connect again";
    const server = opening(SERVER[p.side]);
    switch (p.failure) {
      case "refused":
        return `${server}: connection refused: nothing listens on ${p.peer} (ECONNREFUSED). Check the 「${p.hostKey}」 and 「${p.portKey}」 settings and that the server is running${tail}`;
      case "unreachable":
        return `${server}: cannot connect: ${p.peer} is unreachable (${p.errno}). Check the 「${p.hostKey}」 address, the network and the routes${tail}`;
      case "timeout":
        return `${server}: connect timed out: ${p.peer} does not answer (ETIMEDOUT). Check 「${p.hostKey}」 「${p.portKey}」, the network and the firewall${tail}`;
      case "dns":
        return `${server}: host name does not resolve: ${p.detail}. Check 「${p.hostKey}」 for a typo${tail}`;
      default:
        return `${server}: connect failed: ${p.detail}. Check 「${p.hostKey}」 and 「${p.portKey}」${tail}`;
    }
  },
  "gateway.disconnected": (p) =>
    `${opening(SERVER[p.side])}: disconnected: ${p.detail}${p.willReconnect ? "; reconnecting" : "; not reconnecting"}`,
  "gateway.stoppedAfterLogin": (p) =>
    `${opening(SERVER[p.side])}: connection closed (login refused, no automatic reconnect)`,

  "gateway.tradeLogin.1001": (p) =>
    `Trade server login failed: user "${p.user}" does not exist (1001). Check 「交易用户名」`,
  "gateway.tradeLogin.1002": () => "Trade server login failed: wrong password (1002). Check 「交易密码」",
  "gateway.tradeLogin.1003": (p) =>
    `Trade server login failed: org code "${p.org}" is wrong (1003). Check 「机构代号」 (default 0000; use the one your broker gave you)`,
  "gateway.tradeLogin.1004": (p) =>
    `Trade server login failed: branch code "${p.branch}" is wrong (1004). Check 「营业部代号」 (default 9999; use the one your broker gave you)`,
  "gateway.tradeLogin.1005": (p) =>
    `Trade server refuses logins for now (1005): ${p.text}. Retrying automatically`,
  "gateway.tradeLogin.1006": (p) =>
    `Trade server login failed: account type not supported (1006): ${p.text}. This gateway supports stock cash accounts only`,
  "gateway.tradeLogin.other": (p) => `Trade server login failed (${p.code}): ${p.text}`,
  /** A vendor SDK login code (vendor-errors.ts holds what it means and what to do). */
  "gateway.tradeLogin.vendor": (p) =>
    `Trade server login failed: ${p.meaning} (${p.code}). ${p.action}${p.text !== "" ? ` (server text "${p.text}")` : ""}`,
  "gateway.mdLogin.5001": (p) =>
    `Market server login failed: user "${p.user}" does not exist (5001). Check 「行情用户名」`,
  "gateway.mdLogin.5002": () => "Market server login failed: wrong password (5002). Check 「行情密码」",
  "gateway.mdLogin.5005": (p) =>
    `Market server refuses logins for now (5005): ${p.text}. Retrying automatically`,
  "gateway.mdLogin.other": (p) => `Market server login failed (${p.code}): ${p.text}`,
  "gateway.mdLogin.vendor": (p) => `Market server login failed: ${p.meaning} (SIP ${p.code}). ${p.action}`,
  "gateway.vendorSettingFailed": (p) =>
    `Setting up the vendor SDK failed: ${p.detail}. Check 「terminalInfo」 and 「sdkLogPath」 (the log folder can be set once per process)`,

  "gateway.library.notFound": (p) =>
    `Loading the HFT library failed (file not found): ${p.detail} Check the 「libraryPath」 setting or the TSGATE_HFT_LIB environment variable`,
  "gateway.library.mismatch": (p) => `Loading the HFT library failed (version mismatch): ${p.detail}`,
  "gateway.library.backend": (p) =>
    `Loading the HFT library failed (FFI backend unavailable): ${p.detail} Check the 「ffiBackend」 setting (default koffi)`,
  "gateway.library.other": (p) => `Loading the HFT library failed: ${p.detail}`,
  "gateway.apiCreateFailed": (p) => `${opening(SERVER[p.side])}: creating the API failed: ${p.detail}`,
  "gateway.loginCallFailed": (p) =>
    `${opening(SERVER[p.side])}: sending the login request failed: ${p.detail}`,

  "gateway.loaded": (p) =>
    p.subject === "account" ? "Account loaded" : `${opening(SUBJECT[p.subject])} loaded: ${p.count}`,
  "gateway.contractsFromMarketData": () =>
    "Contracts come from the market server's whole-market base info (the trading API has no whole-market query)",
  "gateway.queryFailed": (p) =>
    `Querying ${SUBJECT[p.subject]} failed: ${p.detail} (the other queries go on)`,
  "gateway.ready": () =>
    "Start-up queries done (contracts, account, positions, orders, trades); the gateway is ready",
  "gateway.readyAgain": () => "The gateway is ready again after the re-login",
  "gateway.notReady": (p) =>
    `Querying ${p.subjects.map((s) => SUBJECT[s]).join(", ")} failed; the gateway is not ready: see the warnings above and connect again`,
  "gateway.refreshFailed": (p) =>
    `Refreshing ${SUBJECT[p.subject]} failed: ${p.detail} (the next timed refresh retries)`,
  "gateway.queryNotConnected": (p) =>
    `Query of ${SUBJECT[p.subject]} ignored: the trade server is not logged in yet (queries run on login and on the timer)`,

  "gateway.orderRejectedLocally": (p) => `Order ${p.orderid} not sent, rejected: ${p.reason}`,
  "gateway.orderSendFailed": (p) => `Order ${p.orderid} could not be sent, rejected: ${p.reason}`,
  "gateway.rejectionStatus": (p) => `${p.reason} (${p.code})`,
  "gateway.orderRejected": (p) => `Order ${p.orderid} rejected (${p.code}): ${p.reason}`,
  "gateway.journalRestored": (p) =>
    `Restored ${p.orders} orders (${p.active} active) and ${p.trades} trades from the order journal; next local order id ${p.nextId}; waiting for the server's queries to reconcile`,
  "gateway.lostBeforeRestart": () =>
    "never reached the server before the restart (not in the server's order query): treated as rejected",
  "gateway.unknownAfterRestart": () =>
    "an order restored from the journal is not in the server's order query (journal from another server or account?): treated as rejected",
  "gateway.journalIdFailed": (p) =>
    `Writing the order journal failed, the local order id cannot be saved, order rejected: ${p.detail}`,
  "gateway.journalSaveFailed": (p) =>
    `Writing the order journal failed (orders and trades are still pushed; a restart may not restore everything): ${p.detail}`,
  "gateway.duplicateClOrderId": (p) =>
    `the server says this local order id is already used today by another order${p.serverId !== "" ? ` ${p.serverId}` : ""} (another process or engine with the same ids?): ${p.text}`,
  "gateway.foreignReportSameId": (p) =>
    `The server reported another order ${p.serverId} under local order id ${p.orderid} (id clash); not applied to this order`,
  "gateway.brokerSessionChanged": (p) =>
    `The trade server started a new session (${p.why}): earlier order and trade ids are no longer valid; re-querying orders and trades to reconcile (session ${p.epoch + 1})`,
  "gateway.sessionWhyDay": (p) => `trading day changed from ${p.from} to ${p.to}`,
  "gateway.sessionWhySeq": (p) =>
    `report sequence went back to ${p.last}, ${p.highest} already processed here: the server restarted and lost its books?`,
  "gateway.orderUnknownToBroker": () =>
    "no longer in the server's order query (server restarted without its books, or the trading day rolled over): treated as cancelled",
  "gateway.orderEndedUnknown": (p) =>
    `Order ${p.orderid} is no longer known to the server: treated as cancelled`,
  "gateway.tradeIgnored": (p) => `Trade report ${p.tradeid || "(no trade id)"} ignored: ${p.why}`,
  "gateway.tradeWhyDuplicate": () => "this trade id was already processed (replay or duplicate report)",
  "gateway.tradeWhyForgotten": () =>
    "report sequence not after the pruned records (a replay processed long ago)",
  "gateway.tradeWhyNoId": () => "the report has no trade id",
  "gateway.tradesAlreadyKnown": (p) =>
    `${p.count} trade(s) of the trade query were already processed (or unusable, see above) and were not pushed again`,
  "gateway.orderAdopted": (p) =>
    `Found order ${p.orderid} (${p.symbol}) not created in this session (another session or an earlier run); now managed`,
  "gateway.orderUnknownStatus": (p) =>
    `Order ${p.orderid} got an unknown status ${p.status}; keeping its current status`,
  "gateway.badSymbol": (p) =>
    `The code "${p.symbol}" in the ${SUBJECT[p.subject]} is not recognised (expected SH.xxxxxx or SZ.xxxxxx); ignored`,
  "gateway.unsupportedReport": (p) =>
    `${opening(SUBJECT[p.subject])} ${p.id} has ${p.field === "side" ? "side" : "order type"} ${p.value}, which is no plain buy or sell (e.g. a margin sale, a repayment sale, an ETF creation/redemption, or an unsupported order type); this gateway does not support it: ignored (never taken as a buy)`,

  "gateway.cancelUnknown": (p) =>
    `Cancel failed: order ${p.orderid} not found (not this gateway's order, or not received yet)`,
  "gateway.cancelFinished": (p) =>
    `Cancel ignored: order ${p.orderid} is already final (${p.status}); nothing to cancel`,
  "gateway.cancelNotConnected": (p) => `Cancel failed: order ${p.orderid}: the trade server is not connected`,
  "gateway.cancelSendFailed": (p) => `Sending the cancel request failed: order ${p.orderid}: ${p.detail}`,
  "gateway.cancelRejected": (p) => `Cancel rejected: order ${p.orderid} (${p.code}): ${p.reason}`,

  "gateway.libraryError": (p) =>
    `${p.side === "trade" ? "Trade" : "Market"} API error (${p.code}): ${p.text}`,
  "gateway.riskNotify": (p) => `Risk notice (level ${p.level}, code ${p.code}): ${p.text}`,

  "gateway.subscribeQueued": (p) =>
    `Subscription to ${p.vtSymbol} recorded; it is sent once the market server is logged in`,
  "gateway.subscribeUnsupported": (p) =>
    `Subscribe failed: the exchange of ${p.vtSymbol} is not supported (SSE and SZSE only)`,
  "gateway.subscribeSendFailed": (p) => `Sending the subscribe request failed: ${p.vtSymbol}: ${p.detail}`,
  "gateway.subscribeFailed": (p) => `Market data subscription failed (${p.code}): ${p.text}`,
  "gateway.subscribeUnknownCode": (p) =>
    `Market data subscription failed: the market server does not know these codes (${p.code}): ${p.text}. Check the codes and the exchange (${p.market === "SZ" ? "SZ is SZSE" : "SH is SSE"}); these codes get no market data`,
  "gateway.subscribeBadSymbol": (p) =>
    `Subscribe failed: ${p.vtSymbol} is not a valid code (expected an exchange code such as 600000.SSE or 000001.SZSE); ignored`,
  "gateway.tickWithoutContract": (p) =>
    `Market data for ${p.vtSymbol} arrived but it has no contract: its ticks are dropped (said once per code)`,
  "gateway.mdOverflow": (p) =>
    `Market data handling cannot keep up: ${p.dropped} ticks dropped (${p.total} in total): subscribe fewer codes or make EVENT_TICK handlers faster`,
};

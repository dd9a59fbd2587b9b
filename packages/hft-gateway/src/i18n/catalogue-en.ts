/**
 * The en message catalogue: the same codes as `catalogue-zh-cn.ts`, in English.
 *
 * @module
 */

import { RULE_REASONS } from "@tsgate/ashare-rules";
import { vendorLoginError } from "../vendor-errors.js";
import type { zhCN } from "./catalogue-zh-cn.js";
import { gatewayEn } from "./gateway-en.js";
import { libraryEn } from "./library-en.js";
import { refusalsEn } from "./refusals-en.js";

type Side = "trade" | "market";
const SERVER: Record<Side, string> = { trade: "trade server", market: "market server" };

/** Every code of {@link zhCN}, with the same parameters. */
export const en: { readonly [K in keyof typeof zhCN]: (typeof zhCN)[K] } = {
  ...gatewayEn,
  ...refusalsEn,
  ...libraryEn,
  ...RULE_REASONS.en,

  "doctor.step.settings": () => "settings",
  "doctor.step.library": () => "HFT library",
  "doctor.step.network": (p) => `${SERVER[p.side]} network`,
  "doctor.step.login": (p) => `${SERVER[p.side]} login`,
  "doctor.step.tradeData": () => "queries after login",
  "doctor.step.tick": () => "market data",
  "doctor.step.clock": () => "clock skew",

  "doctor.status.passed": () => "passed",
  "doctor.status.failed": () => "FAILED",
  "doctor.status.warning": () => "warning",
  "doctor.status.skipped": () => "skipped",

  "doctor.header": (p) => `tsgate doctor ${p.version}: the vnpy_hft connection checklist, step by step`,
  "doctor.summary.ok": (p) => `all steps passed (${p.ms} ms)`,
  "doctor.summary.failed": (p) => `${p.failed} step(s) failed; fix the first one first: ${p.first}`,
  "doctor.report.written": (p) =>
    `report written to ${p.path} (no passwords in it; you can send it to the broker's support)`,
  "doctor.skipped.because": (p) => `not checked because "${p.step}" failed`,

  "doctor.settings.ok": (p) => `${p.count} settings well-formed (passwords not shown)`,
  "doctor.settings.invalid": (p) => `${p.count} setting(s) wrong; fix each:`,
  "doctor.library.ok": (p) =>
    `loaded ${p.path}: ${p.info}, ABI version ${p.abi}, implementation: ${p.kind}, FFI backend ${p.backend}`,
  "doctor.library.kind.sim": () => "simulation library (talks to the tsgate mock servers)",
  "doctor.library.kind.shim": () => "vendor SDK shim (talks to the broker's servers)",
  "doctor.library.kind.unknown": () => "unknown implementation",
  "doctor.library.shimFiles": (p) => `vendor SDK files in ${p.dir}: ${p.files}`,
  "doctor.library.shimMissing": (p) =>
    `vendor SDK files missing from ${p.dir}: ${p.files}. Put the broker's DLLs in the shim's folder`,
  "doctor.library.notFound": (p) =>
    `library file not found: ${p.path}. Check the "libraryPath" setting or the TSGATE_HFT_LIB environment variable, or build the simulation library with npm run build -w @tsgate/hft-native`,
  "doctor.library.loadFailed": (p) =>
    `cannot load ${p.path}: ${p.detail}. Make sure it is built for this platform (OS and CPU architecture)`,
  "doctor.library.mismatch": (p) =>
    `${p.path} does not match this version: ${p.detail}. Rebuild it from the sources of the same @tsgate/hft-native version`,
  "doctor.library.backend": (p) =>
    `FFI backend unavailable: ${p.detail}. Check the "ffiBackend" setting (default koffi)`,
  "doctor.library.other": (p) => `cannot load the library: ${p.detail}`,

  "doctor.net.ok": (p) =>
    `${p.peer} (${p.address}): DNS ${p.dnsMs} ms, TCP connect ${p.connectMs} ms, protocol answer ${p.protocolMs} ms`,
  "doctor.net.okVendor": (p) =>
    `${p.peer} (${p.address}): DNS ${p.dnsMs} ms, TCP connect ${p.connectMs} ms; the vendor protocol is not public, the login step checks it`,
  "doctor.net.dnsFailed": (p) =>
    `host "${p.host}" does not resolve (${p.error}, ${p.ms} ms). Check 「${p.hostKey}」 for a typo, or use an IPv4 address`,
  "doctor.net.refused": (p) =>
    `connection refused: nothing listens on ${p.peer} (ECONNREFUSED, ${p.ms} ms). Check 「${p.hostKey}」 and 「${p.portKey}」 and that the server is running`,
  "doctor.net.timeout": (p) =>
    `connect timed out: no answer from ${p.peer} within ${p.ms} ms. Check 「${p.hostKey}」, 「${p.portKey}」, the network and firewalls (HFT servers are usually reachable only from the broker's co-location or a leased line)`,
  "doctor.net.unreachable": (p) =>
    `${p.peer} is unreachable (${p.errno}, ${p.ms} ms). Check the address in 「${p.hostKey}」, the network and routes`,
  "doctor.net.failed": (p) =>
    `cannot connect to ${p.peer} (${p.error}, ${p.ms} ms). Check 「${p.hostKey}」 and 「${p.portKey}」`,
  "doctor.net.silent": (p) =>
    `${p.peer} accepts connections but sent nothing within ${p.waitMs} ms: what listens there is not an HFT server (or a firewall cuts the connection). Check 「${p.portKey}」`,
  "doctor.net.otherProtocol": (p) =>
    `what answers on ${p.peer} does not speak the tsgate protocol (its answer looks like ${p.looksLike}). Check that 「${p.portKey}」 is not the port of another service`,
  "doctor.net.closedEarly": (p) =>
    `${p.peer} closed the connection at once (${p.ms} ms) without a protocol answer. Check 「${p.portKey}」 and the server's state`,
  "doctor.net.looksLike.http": () => "HTTP",
  "doctor.net.looksLike.tls": () => "TLS",
  "doctor.net.looksLike.text": (p) => `text "${p.text}"`,
  "doctor.net.looksLike.binary": (p) => `unknown binary data ${p.hex}`,

  "doctor.login.ok": (p) =>
    `${SERVER[p.side]} login succeeded (${p.ms} ms${p.tradingDay === "" ? "" : `, trading day ${p.tradingDay}`})`,
  "doctor.login.user": (p) => `user "${p.user}" does not exist (${p.code}). Check 「${p.userKey}」`,
  "doctor.login.password": (p) =>
    `wrong password (${p.code}). Check 「${p.passwordKey}」 (case, leading and trailing spaces)`,
  "doctor.login.userOrPassword": (p) =>
    `wrong user or password (${p.code}, the server says "${p.text}"). Check 「${p.userKey}」 and 「${p.passwordKey}」`,
  "doctor.login.org": (p) =>
    `机构代号 (organisation code) "${p.org}" is wrong (${p.code}). Check 「机构代号」 (default 0000; the broker's value wins)`,
  "doctor.login.branch": (p) =>
    `营业部代号 (branch code) "${p.branch}" is wrong (${p.code}). Check 「营业部代号」 (default 9999; the broker's value wins)`,
  "doctor.login.locked": (p) =>
    `the account is disabled or locked (${p.code}, the server says "${p.text}"). Ask the broker to unlock it; retrying will not help`,
  "doctor.login.notEnabled": (p) =>
    `the account is not enabled for HFT access (${p.code}, the server says "${p.text}"). Ask the broker to enable it (whitelist and counter set-up)`,
  "doctor.login.terminalInfo": (p) =>
    `terminal information does not match or is missing (${p.code}, the server says "${p.text}"): the regulator's look-through rules require this machine's IP and MAC to be registered. Register them with the broker and check the TSGATE_HFT_TERMINAL_INFO environment variable`,
  "doctor.login.missingInfo": (p) =>
    `login information incomplete (${p.code}, the server says "${p.text}"): address, port, user or password is missing. Check 「行情服务器」, 「行情端口」, 「行情用户名」 and 「行情密码」`,
  "doctor.login.temporary": (p) =>
    `the server refuses logins for now (${p.code}, the server says "${p.text}"). Run tsgate doctor again later`,
  "doctor.login.accountType": (p) =>
    `account type not supported (${p.code}, the server says "${p.text}"). This gateway supports stock cash accounts only`,
  "doctor.login.other": (p) =>
    `login refused with code ${p.code}, the server says "${p.text}". Send the report to the broker's support`,
  "doctor.login.vendor": (p) => {
    const vendor = vendorLoginError(p.side, p.code, "en");
    return `${vendor?.meaning ?? "login refused"} (${p.code}, the server says "${p.text}"). ${vendor?.action ?? ""}`;
  },
  "doctor.login.noAnswer": (p) =>
    `no login answer within ${p.waitMs} ms. Check the server's state, or send the report to the broker's support`,
  "doctor.login.connectFailed": (p) => `the library could not connect: ${p.detail}`,
  "doctor.login.callFailed": (p) => `the login request could not be sent: ${p.detail}`,

  "doctor.data.ok": (p) =>
    `${p.contracts} contracts, account loaded, ${p.positions} positions, ${p.orders} orders (${p.ms} ms)`,
  "doctor.data.failed": (p) => `${p.what} query failed: ${p.detail}. Send the report to the broker's support`,
  "doctor.data.what.contracts": () => "contracts",
  "doctor.data.what.account": () => "account",
  "doctor.data.what.positions": () => "positions",
  "doctor.data.what.orders": () => "orders",
  "doctor.tick.ok": (p) => `first tick of ${p.symbol} ${p.ms} ms after subscribing`,
  "doctor.tick.none": (p) =>
    `no tick of ${p.symbol} within ${p.waitMs} ms of subscribing. Outside trading hours there may be none; during trading hours ask the broker to check market-data permissions and the feed`,
  "doctor.tick.rejected": (p) =>
    `subscribing ${p.symbol} was refused (${p.code}, the server says "${p.text}"). Check the code, or pick another with --symbol`,

  "doctor.clock.ok": (p) =>
    `this machine's clock and the market time differ by ${p.skewMs} ms (limit ${p.limitMs} ms)`,
  "doctor.clock.behind": (p) =>
    `the market time is ${p.skewMs} ms ahead of this machine's clock (limit ${p.limitMs} ms): this clock is slow. Turn on NTP time sync (chrony, the Windows Time service)`,
  "doctor.clock.stale": (p) =>
    `the newest tick is ${p.skewMs} ms behind this machine's clock (limit ${p.limitMs} ms): this clock may be fast, or the market is quiet or closed. If it persists during trading hours, turn on NTP time sync`,

  "reason.2001": () => "unknown security code",
  "reason.2002": () => "buy volume is not a multiple of the round lot (100 shares)",
  "reason.2003": () => "STAR board buys need at least 200 shares",
  "reason.2004": () => "an odd lot can only be sold all at once",
  "reason.2005": () => "price is not a multiple of the price tick",
  "reason.2006": () => "price above the limit-up price",
  "reason.2007": () => "price below the limit-down price",
  "reason.2008": () => "not enough cash",
  "reason.2009": () => "not enough shares to sell",
  "reason.2010": () => "shares bought today cannot be sold today (T+1)",
  "reason.2011": () => "outside trading hours",
  "reason.2012": () => "duplicate client order id",
  "reason.2013": () => "invalid order type or side",
  "reason.2014": () => "invalid price or volume",
  "reason.2015": () => "order rejected",
  "reason.2016": () => "volume above the maximum per order",
  "reason.2017": () => "price outside the price cage",
  "reason.3001": () => "no such order",
  "reason.3002": () => "the order is already final",
  "reason.3003": () => "a cancel is already pending",
  "reason.3004": () => "no cancels in this part of the call auction",
  "reason.unknown": (p) => `the server says "${p.text}"`,
  "reason.none": () => "the server gave no reason",
  "reason.vendor": (p) => (p.action === "" ? p.meaning : `${p.meaning}. ${p.action}`),
  "reason.broker": (p) => `the broker's counter says "${p.text}"`,
};

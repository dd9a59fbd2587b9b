// What the tests inside Windows node.exe share: the Linux-side mock servers' ports and control
// endpoint (from the environment the runner passes through Wine), and a bounded wait.
import assert from "node:assert/strict";
import http from "node:http";

function env(name) {
  const value = process.env[name];
  assert.ok(value, `${name} is not set: run these tests through \`npm run test:windows\``);
  return value;
}

export const TRADE_PORT = Number(env("TSGATE_WIN_TRADE_PORT"));
export const MARKET_PORT = Number(env("TSGATE_WIN_MARKET_PORT"));
const CONTROL = env("TSGATE_WIN_CONTROL");

/**
 * The library under test, chosen by the runner (run.mjs): the simulation DLL, loaded by default, or
 * the vendor shim built against the vendor-SDK double (TSGATE_HFT_LIB names it). What differs is
 * what the vendor path documents (native/vendor-shim/README.md): its own library name, the vendor's
 * login error codes, no report sequence numbers, and a terminal-information string at login.
 */
const SIM = {
  name: "sim",
  path: undefined,
  info: /^tsgate-sim /,
  /** The mock's code for a wrong password (docs/protocol.md section 7). */
  wrongPasswordCode: 1002,
  reportSeq: true,
  terminalInfo: undefined,
  /** The gateway's log line for the contracts: a securities query answered in pages. */
  contractsLog: /^合约信息查询成功 \d+/,
};
const VENDOR = {
  name: "vendor",
  path: process.env.TSGATE_HFT_LIB,
  info: /^tsgate-vendor-shim\+double /,
  /** ERR_HFT_TRADER_LOGIN_FAIL (native/vendor-double/include/hft_trader_error.h): the counter refused the account. */
  wrongPasswordCode: 14034,
  /** The shim reports report_seq 0: the SDK has none; the gateway re-queries after a reconnect. */
  reportSeq: false,
  /** The trading SDK has no whole-market query: contracts come from SIP base info, as they arrive. */
  contractsLog: /^合约信息由行情服务器的全市场基础信息提供/,
  /** The exchange-format terminal information a broker requires at login (a test value). */
  terminalInfo:
    "PC;IIP=127.0.0.1;IPORT=50000;LIP=127.0.0.1;MAC=020000000001;HD=TSGATEWIN;CPU=TEST@tsgate;V0.1",
};
const libraryName = process.env.TSGATE_WIN_LIBRARY ?? "sim";
assert.ok(
  libraryName === "sim" || libraryName === "vendor",
  `TSGATE_WIN_LIBRARY must be "sim" or "vendor", not ${JSON.stringify(libraryName)}`,
);
if (libraryName === "vendor")
  assert.ok(VENDOR.path, "TSGATE_HFT_LIB must name the vendor DLL when TSGATE_WIN_LIBRARY=vendor");
export const LIBRARY = libraryName === "vendor" ? VENDOR : SIM;

/** The demo account of the mock servers' built-in config. */
export const DEMO = { user: "demo", password: "demo123", org: "0000", branch: "9999" };

/**
 * Calls the Linux-side control endpoint (step the market, drop connections, read the books). Plain
 * node:http, not fetch: under Wine 8 undici's connect fails with UNKNOWN where node:http works.
 */
export function control(method, path) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${CONTROL}${path}`, { method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => {
        if (res.statusCode === 200) resolve(JSON.parse(body));
        else reject(new Error(`control ${method} ${path}: HTTP ${res.statusCode} ${body}`));
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Polls `probe` until it returns a value other than undefined/false. Wine is 5–10× slower than Linux,
 * so the bound is generous: it only turns a hang into a failure naming what was awaited.
 */
export async function waitFor(what, probe, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

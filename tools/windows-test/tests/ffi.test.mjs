// The FFI path on Windows: koffi loads the MinGW-built DLL, checks its ABI, and the library's own
// Windows threads (Winsock network, writer, notifier) deliver events into Windows node.exe.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { loadHftLibrary, MdApi, TraderApi } from "@tsgate/hft-native";
import { control, DEMO, LIBRARY, MARKET_PORT, TRADE_PORT, waitFor } from "./harness.mjs";

const FAST = {
  heartbeatIntervalMs: 200,
  heartbeatTimeoutMs: 10_000,
  reconnectMinMs: 50,
  reconnectMaxMs: 500,
};
const LOGIN = {
  accountId: DEMO.user,
  password: DEMO.password,
  custOrgid: DEMO.org,
  custBranchid: DEMO.branch,
  clSystemId: "HFT",
};
/** One library for every api: the default load (TSGATE_HFT_LIB when the runner sets it). */
const library = loadHftLibrary();
if (LIBRARY.terminalInfo !== undefined) library.setVendorOption("terminal_info", LIBRARY.terminalInfo);
const apis = [];
after(async () => {
  await Promise.all(apis.map((api) => api.close()));
});

function trader() {
  const api = new TraderApi({ host: "127.0.0.1", port: TRADE_PORT, library, ...FAST });
  apis.push(api);
  return api;
}

describe(`hft-native on Windows [${LIBRARY.name}]`, () => {
  it("loads the library as a DLL with the expected ABI", () => {
    assert.equal(process.platform, "win32");
    assert.match(library.path, /\.dll$/i);
    if (LIBRARY.path !== undefined) assert.equal(library.path, LIBRARY.path);
    assert.equal(library.abiVersion > 0, true);
    assert.match(library.info, LIBRARY.info);
    assert.equal(library.takesVendorOptions, LIBRARY.terminalInfo !== undefined);
  });

  it(`wrong password: login answers ${LIBRARY.wrongPasswordCode} and never echoes the password`, async () => {
    const api = trader();
    const login = api.next("login");
    api.login({ ...LOGIN, password: "Wrong-Secret-42" });
    const ev = await login;
    assert.equal(ev.ok, false);
    assert.equal(ev.errorCode, LIBRARY.wrongPasswordCode);
    assert.doesNotMatch(JSON.stringify(ev), /Wrong-Secret-42/);
  });

  // The vendor double's knob (native/vendor-double/vendor_text.h) fills its error texts to the
  // SDK's 256 bytes, here in GBK: the shim's GBK -> UTF-8 conversion must keep all of them (up to
  // 384 UTF-8 bytes for 128 two-byte characters) and end on a whole character.
  it("a 256-byte GBK vendor error text arrives whole in UTF-8", {
    skip: LIBRARY.name !== "vendor",
  }, async () => {
    process.env.TSGATE_VENDOR_DOUBLE_LONG_ERRORS = "cjk";
    try {
      const api = trader();
      const login = api.next("login");
      api.login({ ...LOGIN, password: "Wrong-Secret-42" });
      const ev = await login;
      assert.equal(ev.ok, false);
      assert.ok(ev.errorMsg.endsWith("[end]"), `uncut: ${ev.errorMsg}`);
      assert.match(ev.errorMsg, /柜台详情/);
      assert.doesNotMatch(ev.errorMsg, /\uFFFD/);
      // 256 GBK bytes: more than 256 bytes once the two-byte characters are 3 bytes each
      assert.ok(
        Buffer.byteLength(ev.errorMsg, "utf8") > 300,
        `${Buffer.byteLength(ev.errorMsg, "utf8")} bytes`,
      );
    } finally {
      delete process.env.TSGATE_VENDOR_DOUBLE_LONG_ERRORS;
    }
  });

  it("logs in, places an order and gets its report from the library's thread", async () => {
    const api = trader();
    const login = api.next("login");
    api.login(LOGIN);
    assert.equal((await login).ok, true);
    const statuses = [];
    api.on("orderStatus", (e) => statuses.push(e));
    api.order({ clOrderId: "W1", symbol: "SH.600000", orderType: "LMT", side: "Bid", volume: 100, price: 1 });
    const report = await waitFor("an order report for W1", () => statuses.find((e) => e.clOrderId === "W1"));
    // the simulation library numbers reports for resume; the vendor SDK has no such number
    if (LIBRARY.reportSeq) assert.ok(report.reportSeq > 0);
    else assert.equal(report.reportSeq, 0);
    assert.equal((await control("GET", "/order?cl=W1")).known, true);
  });

  it("market data: subscribes and receives snapshots with 5 levels", async () => {
    const md = new MdApi({ host: "127.0.0.1", port: MARKET_PORT, library, ...FAST });
    apis.push(md);
    const login = md.next("login");
    md.login({ user: DEMO.user, password: DEMO.password });
    assert.equal((await login).ok, true);
    const ticks = [];
    md.on("marketData", (t) => ticks.push(t));
    md.subscribe("SH", ["600000"]);
    const tick = await waitFor("a snapshot of 600000", async () => {
      await control("POST", "/step");
      return ticks.find((t) => t.code === "600000");
    });
    assert.equal(tick.bidPrice.length, 5);
    assert.ok(tick.last > 0);
  });
});

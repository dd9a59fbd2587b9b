/**
 * The dashboard tells the truth when connections go: the mock servers are stopped mid-session
 * (stale prices with their age, badges, order entry disabled with the reason) and started again
 * on the same ports (the page recovers by itself); then the trader process itself goes (nothing
 * looks connected) and comes back. Also: a refused subscription shows in its row, and invalid
 * subscribe input says why next to the box.
 */
import { demoConfig, type MockServers, startMockServers } from "@tsgate/mock-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulatorSetting } from "../src/gateway-settings.js";
import { startTrader, type TraderApp } from "../src/index.js";
import { launchChromium } from "./helpers/browser.js";

const HOST = "127.0.0.1";
const SEED = 5;
const WAIT = { timeout: 30_000 };

describe("dashboard when connections are lost", () => {
  let servers: MockServers;
  let tradePort: number;
  let marketPort: number;
  let app: TraderApp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const startServers = () =>
    startMockServers({ host: HOST, tradePort, marketPort, seed: SEED, config: demoConfig });
  const startApp = (port = 0, token?: string) =>
    startTrader({
      port,
      ...(token !== undefined ? { token } : {}),
      setting: simulatorSetting(demoConfig, HOST, tradePort, marketPort),
      subscribe: ["600000.SSE", "000001.SZSE"],
      // The English texts below; the Chinese page has its own test (dashboard-language.e2e).
      language: "en",
      onError: () => {},
    });

  beforeAll(async () => {
    tradePort = 0;
    marketPort = 0;
    servers = await startServers();
    tradePort = servers.tradePort;
    marketPort = servers.marketPort;
    app = await startApp();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await page.goto(app.url);
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector('#status-MARKET[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector('#ticks tr[data-vt="600000.SSE"] td.last', WAIT);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await servers?.close();
  });

  it("shows a refused subscription in its row, and invalid input next to the box", async () => {
    await page.fill("#subscribe-input", "000002.SZSE");
    await page.click("#subscribe-form button[type=submit]");
    const row = '#ticks tr[data-vt="000002.SZSE"][data-failed]';
    await page.waitForSelector(row, WAIT);
    expect(await page.textContent(row)).toMatch(/Subscription failed: .*000002/);

    await page.fill("#subscribe-input", "600000.XSHG");
    await page.click("#subscribe-form button[type=submit]");
    await expect
      .poll(() => page.textContent("#subscribe-error"), WAIT)
      .toMatch(/instrument such as 600000\.SSE/);
    expect(await page.getAttribute("#subscribe-input", "aria-invalid")).toBe("true");
  });

  it("marks prices stale and disables orders with the reason when the servers stop", async () => {
    expect(await page.isDisabled("#order-submit")).toBe(false);
    await servers.close();
    await page.waitForSelector('#status-TRADE:not([data-state="CONNECTED"])', WAIT);
    await page.waitForSelector('#status-MARKET:not([data-state="CONNECTED"])', WAIT);
    await page.waitForSelector('#ticks tr.stale[data-vt="600000.SSE"]', WAIT);
    // The age counts up while the market is gone.
    await expect
      .poll(() => page.textContent('#ticks tr[data-vt="600000.SSE"] td.age'), WAIT)
      .toMatch(/· [1-9]\d* s old/);
    expect(await page.isDisabled("#order-submit")).toBe(true);
    expect(await page.textContent("#order-blocked")).toMatch(/^Trade server (reconnecting|disconnected)/);
    expect(await page.isVisible("#order-blocked")).toBe(true);
  });

  it("recovers by itself when the servers return", async () => {
    servers = await startServers();
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector('#status-MARKET[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector('#ticks tr[data-vt="600000.SSE"]:not(.stale) td.last', WAIT);
    await page.waitForSelector("#order-submit:not([disabled])", WAIT);
    expect(await page.isHidden("#order-blocked")).toBe(true);
  });

  it("claims nothing while the trader itself is gone, and reconnects when it returns", async () => {
    const { port, token } = app;
    await app.close();
    await page.waitForSelector('#status-feed[data-state="CLOSED"]', WAIT);
    await page.waitForSelector('#status-TRADE[data-state="UNKNOWN"]', WAIT);
    await page.waitForSelector('#status-MARKET[data-state="UNKNOWN"]', WAIT);
    await page.waitForSelector('#ticks tr.stale[data-vt="600000.SSE"]', WAIT);
    expect(await page.isDisabled("#order-submit")).toBe(true);
    expect(await page.textContent("#order-blocked")).toContain("No connection to the trader");

    app = await startApp(port, token);
    await page.waitForSelector('#status-feed[data-state="OPEN"]', WAIT);
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector('#ticks tr[data-vt="600000.SSE"]:not(.stale) td.last', WAIT);
    await page.waitForSelector("#order-submit:not([disabled])", WAIT);
    expect(await page.isHidden("#banner")).toBe(true);
  });

  it("says so when the trader comes back with a new access token", async () => {
    const { port } = app;
    await app.close();
    await page.waitForSelector('#status-TRADE[data-state="UNKNOWN"]', WAIT);
    app = await startApp(port);
    await page.waitForSelector("#banner:not([hidden])", WAIT);
    expect(await page.textContent("#banner")).toMatch(/restarted and refuses this page's access token/);
    expect(await page.getAttribute("#status-TRADE", "data-state")).toBe("UNKNOWN");
    expect(await page.isDisabled("#order-submit")).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

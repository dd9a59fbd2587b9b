/**
 * The dashboard in headless Chromium against the real stack: embedded mock servers, MainEngine,
 * HftGateway and the native simulation library. One browser and one page for the whole file; the
 * steps run in order and build on each other.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createOrderRequest, Direction, Exchange, OrderType } from "@tsgate/core";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTrader, type TraderApp } from "../src/index.js";
import { costPriceText } from "../src/shared/cost-price.js";
import { shortIds } from "../src/shared/display-id.js";
import { launchChromium } from "./helpers/browser.js";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const ARTIFACTS = join(APP_DIR, "test-artifacts");
const DOCS_IMAGE = join(APP_DIR, "..", "..", "docs", "images", "dashboard.png");
const WAIT = { timeout: 30_000 };

describe("dashboard in Chromium", () => {
  let app: TraderApp;
  let browser: Browser;
  let page: Page;
  const pageProblems: string[] = [];

  beforeAll(async () => {
    app = await startTrader({ port: 0, simulator: { seed: 7 }, language: "en" });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on("pageerror", (err) => pageProblems.push(`page error: ${err.message}`));
    page.on("console", (msg) => {
      // Chromium logs every 4xx answer; the API's 400s for refused input are expected here.
      if (msg.type() === "error" && !/status of 400/.test(msg.text()))
        pageProblems.push(`console error: ${msg.text()}`);
    });
  });

  let otherServer: MockServers | undefined;

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await otherServer?.close();
  });

  const orderForm = async (o: {
    symbol: string;
    exchange: string;
    side: "LONG" | "SHORT";
    price?: string;
    volume: string;
  }) => {
    await page.fill("#order-symbol", o.symbol);
    await page.selectOption("#order-exchange", o.exchange);
    // The radios are styled as a segmented control: click its visible half, as a user does.
    await page.click(o.side === "LONG" ? "label.seg.buy" : "label.seg.sell");
    expect(await page.isChecked(`input[name="direction"][value="${o.side}"]`)).toBe(true);
    await page.selectOption("#order-type", "LIMIT");
    if (o.price !== undefined) await page.fill("#order-price", o.price);
    await page.fill("#order-volume", o.volume);
    await page.click("#order-submit");
  };

  it("loads with the token, hides it from the address bar and shows both sides connected", async () => {
    await page.goto(app.url);
    await expect.poll(() => page.url()).not.toContain("token=");
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector('#status-MARKET[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector('#status-feed[data-state="OPEN"]', WAIT);
    expect(await page.isHidden("#banner")).toBe(true);
  });

  it("shows a row per subscribed instrument and keeps updating the ticks", async () => {
    for (const vtSymbol of app.runtime.subscriptionList) {
      await page.waitForSelector(`#ticks tr[data-vt="${vtSymbol}"] td.last`, WAIT);
    }
    const cell = `#ticks tr[data-vt="600000.SSE"] td:last-child`;
    const first = await page.textContent(cell);
    await expect.poll(() => page.textContent(cell), WAIT).not.toBe(first);
    // The selected instrument's depth has five levels on each side.
    await page.click('#ticks tr[data-vt="600000.SSE"]');
    await page.waitForSelector('#depth tr[data-level="ask5"] td.price', WAIT);
    expect(await page.textContent("#depth-symbol")).toContain("600000.SSE");
    for (const level of ["ask1", "ask5", "bid1", "bid5"]) {
      expect(Number(await page.textContent(`#depth tr[data-level="${level}"] td.price`))).toBeGreaterThan(0);
    }
  });

  it("places a buy that fills and shows it in trades and positions", async () => {
    const before = app.runtime.mainEngine.getPosition("HFT.600000.SSE.NET")?.volume ?? 0;
    const ask = Number(await page.textContent('#depth tr[data-level="ask1"] td.price'));
    // A few ticks above the best ask: marketable, fills at the book's prices.
    await orderForm({
      symbol: "600000",
      exchange: "SSE",
      side: "LONG",
      price: (ask + 0.05).toFixed(2),
      volume: "100",
    });
    await expect.poll(() => page.textContent("#order-message"), WAIT).toMatch(/filled/);
    await page.waitForSelector("#trades tbody tr[data-vttradeid]", WAIT);
    expect(await page.textContent("#trades tbody tr:first-child")).toContain("600000.SSE");
    const expected = (before + 100).toLocaleString("en-US");
    await expect
      .poll(() => page.textContent('#positions tr[data-vt="600000.SSE"] td.volume'), WAIT)
      .toBe(expected);
    // The cost is the broker's diluted cost to the tick, as the terminal's positions table shows it.
    const position = app.runtime.mainEngine.getPosition("HFT.600000.SSE.NET");
    const tick = app.runtime.mainEngine.getContract("600000.SSE")?.pricetick;
    expect(position?.price).toBeGreaterThan(0);
    await expect
      .poll(() => page.textContent('#positions tr[data-vt="600000.SSE"] td.cost'), WAIT)
      .toBe(
        costPriceText(
          app.runtime.mainEngine.getPosition("HFT.600000.SSE.NET") ?? { volume: 0, price: 0 },
          tick,
          "en",
        ),
      );
    expect(await page.textContent('#positions tr[data-vt="600000.SSE"] td.cost')).toMatch(/^\d+\.\d{2}$/);
  });

  it("cancels a resting order", async () => {
    const contract = app.runtime.mainEngine.getContract("600000.SSE");
    expect(contract?.limitDown).toBeGreaterThan(0);
    // At the limit-down price the buy cannot trade: it rests until cancelled.
    await orderForm({
      symbol: "600000",
      exchange: "SSE",
      side: "LONG",
      price: String(contract?.limitDown),
      volume: "200",
    });
    await expect.poll(() => page.textContent("#order-message"), WAIT).toMatch(/working/);
    const row = page.locator("#active-orders tbody tr[data-vtorderid]").first();
    const vtOrderid = await row.getAttribute("data-vtorderid", WAIT);
    expect(vtOrderid).toBeTruthy();
    // The short id, as the terminal prints it (same rule, same orders); the full id on hover.
    const short = shortIds(app.runtime.mainEngine.getAllOrders().map((o) => o.vtOrderid)).get(
      vtOrderid ?? "",
    );
    expect(short).toMatch(/^\d{4,}$/);
    expect(await row.locator("td.id").textContent()).toBe(short);
    expect(await row.locator("td.id").getAttribute("title")).toBe(vtOrderid);
    await page.click(`#active-orders button.cancel[data-vtorderid="${vtOrderid}"]`);
    await page.waitForSelector(`#active-orders tr[data-vtorderid="${vtOrderid}"]`, {
      state: "detached",
      ...WAIT,
    });
    await page.click('button.tab[data-tab="all-orders"]');
    await expect
      .poll(() => page.textContent(`#all-orders tr[data-vtorderid="${vtOrderid}"] td.status`), WAIT)
      .toBe("CANCELLED");
    await page.click('button.tab[data-tab="active-orders"]');
  });

  it("refuses an odd-lot buy before sending it", async () => {
    const orders = app.runtime.mainEngine.getAllOrders().length;
    await orderForm({ symbol: "600000", exchange: "SSE", side: "LONG", price: "11.50", volume: "150" });
    await expect.poll(() => page.textContent("#order-message"), WAIT).toMatch(/Not sent/);
    expect(await page.textContent("#order-message")).toContain("not a multiple of the lot (100 shares)");
    expect(await page.getAttribute("#order-volume", "aria-invalid")).toBe("true");
    expect(app.runtime.mainEngine.getAllOrders()).toHaveLength(orders);
  });

  it("refuses a price above limit-up before sending it", async () => {
    const contract = app.runtime.mainEngine.getContract("600000.SSE");
    const above = ((contract?.limitUp ?? 0) + 0.01).toFixed(2);
    await orderForm({ symbol: "600000", exchange: "SSE", side: "LONG", price: above, volume: "100" });
    await expect.poll(() => page.textContent("#order-message"), WAIT).toMatch(/limit-up/);
  });

  it("shows the broker's reason when it rejects an order", async () => {
    // 100,000 shares of 600519 cost far more than the demo account's cash: only the broker knows.
    const tick = app.runtime.mainEngine.getTick("600519.SSE");
    expect(tick?.askPrice1).toBeGreaterThan(0);
    await orderForm({
      symbol: "600519",
      exchange: "SSE",
      side: "LONG",
      price: String(tick?.askPrice1),
      volume: "100000",
    });
    await expect.poll(() => page.textContent("#order-message"), WAIT).toMatch(/Rejected/);
    const message = await page.textContent("#order-message");
    const rejected = app.runtime.mainEngine
      .getAllOrders()
      .find((o) => o.status === "REJECTED" && o.symbol === "600519");
    expect(rejected?.statusMsg).toMatch(/cash/);
    expect(message).toContain(rejected?.statusMsg);
  });

  it("shows a long refusal whole, never cut off", async () => {
    // Above the main board's per-order cap: the form refuses it with the gateway's own rule
    // (@tsgate/ashare-rules), a long message.
    const tick = app.runtime.mainEngine.getTick("600000.SSE");
    await orderForm({
      symbol: "600000",
      exchange: "SSE",
      side: "LONG",
      price: String(tick?.bidPrice1),
      volume: "1000100",
    });
    // The contract line is read whole too (600519's limits are the longest).
    await page.fill("#order-symbol", "600519");
    await expect
      .poll(() => page.textContent("#order-contract"), WAIT)
      .toMatch(/limits \d+\.\d{2}–\d+\.\d{2}$/);
    const infoCut = await page
      .locator("#order-contract")
      .evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth > el.clientWidth + 1);
    expect(infoCut).toBe(false);
    await page.fill("#order-symbol", "600000");
    // The previous step's message also says "Rejected": wait for this order's.
    await expect.poll(() => page.textContent("#order-message"), WAIT).toMatch(/Not sent: volume 1000100/);
    const text = (await page.textContent("#order-message")) ?? "";
    expect(text).toMatch(/maximum of 1000000 shares per limit order on \S.*$/);
    expect(text).not.toMatch(/…$/);
    // Every line of it is inside the panel and nothing scrolls inside the message box.
    const clipped = await page
      .locator("#order-message")
      .evaluate(
        (el: { scrollHeight: number; clientHeight: number }) => el.scrollHeight > el.clientHeight + 1,
      );
    expect(clipped).toBe(false);
    const message = await page.locator("#order-message").boundingBox();
    const panel = await page.locator("section.panel.entry").boundingBox();
    // An order the gateway itself rejects (sent past the form) has a time although no broker
    // report gave one.
    const vtOrderid = app.runtime.mainEngine.sendOrder(
      createOrderRequest({
        symbol: "600000",
        exchange: Exchange.SSE,
        direction: Direction.LONG,
        type: OrderType.LIMIT,
        volume: 1_000_100,
        price: tick?.bidPrice1 ?? 10,
      }),
      "HFT",
    );
    await expect.poll(() => app.runtime.mainEngine.getOrder(vtOrderid)?.status, WAIT).toBe("REJECTED");
    const rejected = app.runtime.mainEngine.getOrder(vtOrderid);
    expect(rejected?.statusMsg).toMatch(/maximum of 1000000 shares/);
    await page.click('button.tab[data-tab="all-orders"]');
    await expect
      .poll(
        () => page.textContent(`#all-orders tr[data-vtorderid="${rejected?.vtOrderid}"] td:last-child`),
        WAIT,
      )
      .toMatch(/^\d\d:\d\d:\d\d$/);
    await page.click('button.tab[data-tab="active-orders"]');
    expect((message?.y ?? 0) + (message?.height ?? 0)).toBeLessThanOrEqual(
      (panel?.y ?? 0) + (panel?.height ?? 0),
    );
  });

  it("offers a connect form with the setting keys and never shows a password", async () => {
    await page.click("#open-connect");
    await page.waitForSelector("#connect-dialog[open]", WAIT);
    const inputs = page.locator("#connect-fields input");
    const keys: [string | null, string | null, string][] = [];
    for (let i = 0; i < (await inputs.count()); i++) {
      const input = inputs.nth(i);
      keys.push([
        await input.getAttribute("name"),
        await input.getAttribute("type"),
        await input.inputValue(),
      ]);
    }
    expect(keys.map(([name]) => name)).toEqual([
      "交易用户名",
      "交易密码",
      "交易服务器",
      "交易端口",
      "机构代号",
      "营业部代号",
      "网关",
      "行情用户名",
      "行情密码",
      "行情服务器",
      "行情端口",
    ]);
    for (const [name, type, value] of keys) {
      if (name?.includes("密码")) {
        expect(type).toBe("password");
        expect(value).toBe("");
      }
    }
    expect(await page.inputValue('#connect-fields input[name="交易端口"]')).toBe(
      String(app.runtime.simulator?.tradePort),
    );
    expect(await page.content()).not.toContain("demo123");
    await page.click("#connect-cancel");
    await page.waitForSelector("#connect-dialog:not([open])", { state: "attached", ...WAIT });
  });

  it("saves a screenshot of the dashboard at 1280x800", async () => {
    // A resting sell at the limit-up price, so the picture shows a working order with its cancel button.
    const etf = app.runtime.mainEngine.getContract("510300.SSE");
    await orderForm({
      symbol: "510300",
      exchange: "SSE",
      side: "SHORT",
      price: String(etf?.limitUp),
      volume: "1000",
    });
    await page.waitForSelector("#active-orders tbody tr[data-vtorderid]", WAIT);
    await page.click('#ticks tr[data-vt="600000.SSE"]');
    await page.click("label.seg.buy");
    await page.fill("#order-volume", "100");
    await expect.poll(() => page.locator("#ticks tbody tr.selected").count(), WAIT).toBe(1);
    // Let the chart gather some history.
    await expect
      .poll(() => app.runtime.history.all()["600000.SSE"]?.length ?? 0, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(16);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, "dashboard.png");
    await page.screenshot({ path: file });
    // The README's copy is refreshed on request only, so that a test run leaves the tree clean.
    if (process.env.TSGATE_UPDATE_SCREENSHOT === "1" || !existsSync(DOCS_IMAGE)) {
      mkdirSync(dirname(DOCS_IMAGE), { recursive: true });
      copyFileSync(file, DOCS_IMAGE);
    }
    expect(pageProblems).toEqual([]);
  });

  it("connects to another server from the connect form, keeping the stored passwords", async () => {
    otherServer = await startMockServers({ seed: 3 });
    await page.click("#open-connect");
    await page.waitForSelector("#connect-dialog[open]", WAIT);
    // A mistake is reported next to its field, and the current connection stays up.
    await page.fill('#connect-fields input[name="交易服务器"]', "");
    await page.click("#connect-submit");
    await expect.poll(() => page.textContent('[data-error-for="交易服务器"]'), WAIT).not.toBe("");
    expect(app.runtime.mode).toBe("simulator");

    await page.fill('#connect-fields input[name="交易服务器"]', "127.0.0.1");
    await page.fill('#connect-fields input[name="交易端口"]', String(otherServer.tradePort));
    await page.fill('#connect-fields input[name="行情端口"]', String(otherServer.marketPort));
    await page.click("#connect-submit");
    await page.waitForSelector("#connect-dialog:not([open])", { state: "attached", ...WAIT });
    await expect
      .poll(() => page.textContent("#mode"), WAIT)
      .toBe(`Server 127.0.0.1:${otherServer.tradePort}`);
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector('#status-MARKET[data-state="CONNECTED"]', WAIT);
    const other = otherServer;
    await expect
      .poll(() => other.control.connections().filter((c) => c.principal === "demo").length, {
        timeout: 30_000,
      })
      .toBe(2);
    expect(app.runtime.mode).toBe("external");
    expect(pageProblems).toEqual([]);
  });
});

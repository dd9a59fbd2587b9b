/**
 * The strategy pages in headless Chromium against the real stack (embedded mock servers,
 * MainEngine, HftGateway, native library): a strategy given at start is listed, inits, starts,
 * trades against the simulator (its position and P&L appear) and stops; the backtest report page
 * draws the curve with one marker per trade and the metrics of the JSON; strategy files and
 * reports that cannot be used are explained while the trader keeps running.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TickData } from "@tsgate/core";
import { FastBacktestEngine, readTickCsv, resultToJson, StrategyTemplate } from "@tsgate/strategy";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TOKEN_HEADER } from "../src/constants.js";
import { LANGUAGE_HEADER, type WireBacktestResult } from "../src/shared/protocol.js";
import { startTrader, type TraderApp } from "../src/trader-app.js";
import { launchChromium } from "./helpers/browser.js";

const TEST_DIR = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(TEST_DIR, "fixtures", "strategies");
const ARTIFACTS = join(TEST_DIR, "..", "test-artifacts");
const DOCS_IMAGES = join(TEST_DIR, "..", "..", "..", "docs", "images");
const WAIT = { timeout: 30_000 };
const money = (n: number) =>
  n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Buys on one day and sells on the next (T+1), one order a day: a trade on every day of the data. */
class DayFlip extends StrategyTemplate {
  parameters = { volume: 100 };
  variables = { lastDay: "" };
  override onTick(tick: TickData): void {
    const day = tick.datetime.toISOString().slice(0, 10);
    if (day === this.variables.lastDay || this.getActiveOrders().length > 0) return;
    this.variables.lastDay = day;
    if (this.pos === 0) this.buy(tick.askPrice1, this.parameters.volume);
    else this.sell(tick.bidPrice1, this.pos);
  }
}

const CSV = `date,market,code,time,last,volume,bid1,ask1
2026-11-30,SH,600000,09:30:00,7.30,100,7.29,7.31
2026-11-30,SH,600000,09:30:03,7.28,100,7.27,7.29
2026-11-30,SH,600000,14:59:00,7.35,100,7.34,7.36
2026-12-01,SH,600000,09:30:00,7.31,100,7.30,7.32
2026-12-01,SH,600000,09:30:03,7.33,100,7.32,7.34
2026-12-01,SH,600000,14:59:00,7.20,100,7.19,7.21
2026-12-02,SH,600000,09:30:00,7.22,100,7.21,7.23
2026-12-02,SH,600000,09:30:03,7.22,100,7.21,7.22
2026-12-02,SH,600000,14:59:00,7.30,100,7.29,7.30
`;

/**
 * Saves a screenshot in test-artifacts/; the docs' copy is written when missing or on request
 * (TSGATE_UPDATE_SCREENSHOT=1), as dashboard.e2e.test.ts does, so a test run leaves the tree clean.
 */
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, name);
  await page.screenshot({ path: file });
  const docs = join(DOCS_IMAGES, name);
  if (process.env.TSGATE_UPDATE_SCREENSHOT === "1" || !existsSync(docs)) copyFileSync(file, docs);
}

interface Canvas2d {
  readonly width: number;
  readonly height: number;
  getContext(
    kind: "2d",
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** A 1280x800 page whose errors (and console errors other than the expected 409s) go to `problems`. */
async function watchedPage(browser: Browser, problems: string[]): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    // Chromium logs every 4xx answer; the API's 409 for a refused action is expected here.
    if (msg.type() === "error" && !/status of 409/.test(msg.text()))
      problems.push(`console error: ${msg.text()}`);
  });
  return page;
}

describe("strategy pages in Chromium", () => {
  let dir: string;
  let app: TraderApp;
  let browser: Browser;
  let page: Page;
  let report: WireBacktestResult;
  const pageProblems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tsgate-strategies-"));
    const result = await new FastBacktestEngine().run({
      strategyClass: DayFlip,
      strategyName: "flip-600000",
      vtSymbols: ["600000.SSE"],
      ticks: readTickCsv(CSV),
    });
    const reportFile = join(dir, "result.json");
    writeFileSync(reportFile, resultToJson(result));
    report = JSON.parse(resultToJson(result)) as WireBacktestResult;
    app = await startTrader({
      port: 0,
      simulator: { seed: 7 },
      language: "en",
      strategyFiles: [
        join(FIXTURES, "buy-once.mjs"),
        join(FIXTURES, "missing.mjs"),
        join(FIXTURES, "not-a-strategy.mjs"),
      ],
      backtestReportPath: reportFile,
    });
    browser = await launchChromium();
    page = await watchedPage(browser, pageProblems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const row = (name: string) => `#strategies tr[data-strategy="${name}"]`;
  const cell = (name: string, column: string) => page.textContent(`${row(name)} td.${column}`);

  it("lists the strategy given at start, and says which files could not be loaded", async () => {
    await page.goto(app.url);
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);
    await page.click('nav.views button[data-view="strategies"]');
    await page.waitForSelector(`${row("BuyOnce")}[data-state="added"]`, WAIT);
    const cells = await page.$$eval(`${row("BuyOnce")} td`, (tds) => tds.map((td) => td.textContent));
    expect(cells.slice(0, 8)).toEqual([
      "BuyOnce",
      "BuyOnce",
      "600000.SSE",
      "added",
      "volume=100",
      "bought=false",
      "0",
      "0",
    ]);
    const errors = await page.$$eval("#strategy-load-errors li", (lis) => lis.map((li) => li.textContent));
    expect(errors).toHaveLength(3);
    expect(errors[1]).toMatch(/missing\.mjs: no such file/);
    expect(errors[2]).toMatch(
      /not-a-strategy\.mjs: exports no class extending StrategyTemplate .*\(it exports Helper, answer\)/,
    );
    // The reasons are kept as catalogue texts: a Chinese tab of the same trader reads them in Chinese.
    const zhPage = await watchedPage(browser, pageProblems);
    await zhPage.goto(`${app.url}&lang=zh-CN`);
    await zhPage.click('nav.views button[data-view="strategies"]');
    await zhPage.waitForSelector(`${row("BuyOnce")}[data-state="added"]`, WAIT);
    const zhErrors = await zhPage.$$eval("#strategy-load-errors li", (lis) =>
      lis.map((li) => li.textContent),
    );
    expect(zhErrors[1]).toMatch(/^策略文件 .*missing\.mjs：文件不存在$/);
    expect(zhErrors[2]).toMatch(
      /not-a-strategy\.mjs：没有导出继承 @tsgate\/strategy 的 StrategyTemplate 的类/,
    );
    await zhPage.close();
    // The trader runs on: the page is live and the API answers.
    expect((await fetch(new URL("/api/status", app.url))).status).toBe(200);
  });

  it("inits and starts it from the page; it trades on the simulator and its position and P&L appear", async () => {
    expect(await page.isDisabled(`${row("BuyOnce")} button[data-action="start"]`)).toBe(true);
    await page.click(`${row("BuyOnce")} button[data-action="init"]`);
    await page.waitForSelector(`${row("BuyOnce")}[data-state="inited"]`, WAIT);
    await page.click(`${row("BuyOnce")} button[data-action="start"]`);
    await page.waitForSelector(`${row("BuyOnce")}[data-state="started"]`, WAIT);
    await expect.poll(() => cell("BuyOnce", "pos"), WAIT).toBe("100");
    await expect.poll(() => cell("BuyOnce", "trades"), WAIT).toBe("1");
    expect(await cell("BuyOnce", "variables")).toBe("bought=true");
    const strategy = app.runtime.strategies.engine.getStrategy("BuyOnce");
    expect(strategy.pos).toBe(100);
    // The P&L is the fill's cash flow and fee plus the position at the last price…
    const trade = app.runtime.mainEngine
      .getAllTrades()
      .find((t) => app.runtime.strategies.engine.strategyOfOrder(t.vtOrderid) === "BuyOnce");
    expect(trade).toBeDefined();
    const last = app.runtime.mainEngine.getTick("600000.SSE")?.lastPrice ?? 0;
    const expected = Math.round((-trade!.price * 100 - trade!.fee + 100 * last) * 100) / 100;
    expect(app.runtime.strategies.view().strategies[0]?.pnl).toBe(expected);
    // …and the page shows the server's figure (polled: it moves with the price).
    await expect
      .poll(
        async () =>
          (await cell("BuyOnce", "pnl")) === money(app.runtime.strategies.view().strategies[0]!.pnl),
        WAIT,
      )
      .toBe(true);
    await screenshot(page, "strategies.png");
  });

  it("shows a refused action in the strategy's row, and stops it", async () => {
    const answer = await fetch(new URL("/api/strategy", app.url), {
      method: "POST",
      headers: { "content-type": "application/json", [TOKEN_HEADER]: app.token },
      body: JSON.stringify({ name: "BuyOnce", action: "start" }),
    });
    expect(answer.status).toBe(409);
    expect(((await answer.json()) as { error: string }).error).toMatch(/already trading/);
    await expect
      .poll(() => page.textContent('#strategies tr[data-error-for="BuyOnce"]'), WAIT)
      .toMatch(/already trading/);
    // The engine's refusal is worded in the asker's language, not quoted in English.
    const zhAnswer = await fetch(new URL("/api/strategy", app.url), {
      method: "POST",
      headers: { "content-type": "application/json", [TOKEN_HEADER]: app.token, [LANGUAGE_HEADER]: "zh-CN" },
      body: JSON.stringify({ name: "BuyOnce", action: "start" }),
    });
    expect(zhAnswer.status).toBe(409);
    expect(((await zhAnswer.json()) as { error: string }).error).toBe('策略 "BuyOnce" 已在交易');
    await page.click(`${row("BuyOnce")} button[data-action="stop"]`);
    await page.waitForSelector(`${row("BuyOnce")}[data-state="stopped"]`, WAIT);
    expect(await page.locator('#strategies tr[data-error-for="BuyOnce"]').count()).toBe(0);
    expect(app.runtime.strategies.engine.getStrategy("BuyOnce").trading).toBe(false);
  });

  it("refuses strategy actions without the token and names a bad field", async () => {
    const url = new URL("/api/strategy", app.url);
    const body = JSON.stringify({ name: "BuyOnce", action: "start" });
    expect(
      (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body })).status,
    ).toBe(401);
    const bad = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", [TOKEN_HEADER]: app.token },
      body: JSON.stringify({ name: "BuyOnce", action: "launch" }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe(
      'action: expected init, start or stop, got "launch"',
    );
  });

  it("draws the backtest report: the curve, a marker per trade, the metrics and the trades of the JSON", async () => {
    expect(report.trades.length).toBeGreaterThanOrEqual(3);
    await page.click('nav.views button[data-view="report"]');
    await page.waitForSelector("#report-chart canvas", WAIT);
    // The canvas has been drawn on: some pixels are not transparent.
    const painted = await page.$eval("#report-chart canvas", (canvas) => {
      // The test's tsconfig has no DOM types: the little of a canvas this needs.
      const c = canvas as unknown as Canvas2d;
      const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data ?? [];
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) count += 1;
      return count;
    });
    expect(painted).toBeGreaterThan(1000);
    expect(await page.locator("#report-chart .trade-marker").count()).toBe(report.trades.length);
    expect(await page.locator("#report-chart .trade-marker.buy").count()).toBe(
      report.trades.filter((t) => t.direction === "LONG").length,
    );
    const metric = (key: string) => page.textContent(`#report-metrics [data-metric="${key}"] dd`);
    const s = report.summary;
    expect(await metric("metricNetPnl")).toBe(money(s.totalNetPnl));
    expect(await metric("metricMaxDrawdown")).toBe(
      `${money(s.maxDrawdown)} (${(s.maxDrawdownPercent * 100).toFixed(2).replace(/^-0\.00$/, "0.00")}%)`,
    );
    expect(await metric("metricSharpe")).toBe(s.sharpeRatio.toFixed(2));
    expect(await metric("metricTurnover")).toBe(money(s.totalTurnover));
    expect(await metric("metricTrades")).toBe(String(s.tradeCount));
    expect(await page.locator("#report-trades tbody tr[data-vttradeid]").count()).toBe(report.trades.length);
    await screenshot(page, "backtest-report.png");
    expect(pageProblems).toEqual([]);
  });
});

describe("a backtest report that cannot be used", () => {
  let dir: string;
  let app: TraderApp;
  let browser: Browser;
  const pageProblems: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "tsgate-report-"));
    const file = join(dir, "broken.json");
    writeFileSync(file, JSON.stringify({ engine: "fast", strategyName: "x", trades: [{ price: "7.1" }] }));
    app = await startTrader({ port: 0, simulator: { seed: 7 }, language: "en", backtestReportPath: file });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("is explained on the report page, naming the file and the field, and the trader keeps running", async () => {
    const page = await watchedPage(browser, pageProblems);
    await page.goto(app.url);
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);
    await page.click('nav.views button[data-view="report"]');
    const text = await (await page.waitForSelector("#report-error", WAIT)).textContent();
    expect(text).toMatch(/broken\.json: not a backtest result/);
    expect(text).toMatch(/trades\.0\.vtSymbol/);
    expect(await page.locator("#report-chart").count()).toBe(0);
    // The API words the reason in the language the page asks in.
    const zhPage = await watchedPage(browser, pageProblems);
    await zhPage.goto(`${app.url}&lang=zh-CN`);
    await zhPage.click('nav.views button[data-view="report"]');
    const zhText = await (await zhPage.waitForSelector("#report-error", WAIT)).textContent();
    expect(zhText).toMatch(
      /^无法显示回测报告：回测报告 .*broken\.json：不是回测结果（.*trades\.0\.vtSymbol：应为字符串/,
    );
    await zhPage.close();
    await page.click('nav.views button[data-view="trading"]');
    await page.waitForSelector('#ticks tr[data-vt="600000.SSE"] td.last', WAIT);
    expect(pageProblems).toEqual([]);
  });
});

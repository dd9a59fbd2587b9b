/**
 * The kill switch through the dashboard in headless Chromium, against the real stack (embedded
 * mock servers, MainEngine with the risk engine, HftGateway, the native library): the risk dialog
 * shows the limits, the kill switch asks for a confirmation, then leaves no working order at the
 * broker.
 */
import { createOrderRequest, Direction, Exchange, OrderType } from "@tsgate/core";
import { OrderStatus } from "@tsgate/mock-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTrader, type TraderApp } from "../src/index.js";
import { launchChromium } from "./helpers/browser.js";
import { waitFor } from "./helpers/wait.js";

const WAIT = { timeout: 30_000 };

describe("kill switch on the dashboard", () => {
  let app: TraderApp;
  let browser: Browser;
  let page: Page;
  const pageProblems: string[] = [];

  beforeAll(async () => {
    app = await startTrader({ port: 0, simulator: { seed: 7 }, language: "en" });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on("pageerror", (err) => pageProblems.push(`page error: ${err.message}`));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Orders the embedded broker holds that are still working. */
  function workingAtBroker(): number {
    const broker = app.runtime.simulator?.broker;
    if (broker === undefined) throw new Error("no embedded simulator");
    const latest = new Map<string, number>();
    for (const report of broker.reportsAfter("demo", 0))
      if (report.type === "order") latest.set(report.body.orderId, report.body.status);
    const final = new Set<number>([
      OrderStatus.Filled,
      OrderStatus.CancelFilled,
      OrderStatus.PartiallyCanceled,
      OrderStatus.Rejected,
    ]);
    return [...latest.values()].filter((status) => !final.has(status)).length;
  }

  it("shows the trading state and every limit with its figure", async () => {
    await page.goto(app.url);
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector('#risk-state[data-state="ACTIVE"]', WAIT);
    await page.click("#open-risk");
    await page.waitForSelector('#risk-limits tr[data-limit="maxActionsPerSecond"]', WAIT);
    const cells = await page.$$eval('#risk-limits tr[data-limit="maxActionsPerDay"] td', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(cells[0]).toBe("maxActionsPerDay");
    expect(cells[1]).toBe("18,000");
  });

  it("asks for a confirmation, then halts and leaves no working order at the broker within a second", async () => {
    const contract = await waitFor(() => app.runtime.mainEngine.getContract("600000.SSE"), "the contract");
    const ids = Array.from({ length: 6 }, () =>
      app.runtime.sendOrder(
        createOrderRequest({
          symbol: "600000",
          exchange: Exchange.SSE,
          direction: Direction.LONG,
          type: OrderType.LIMIT,
          volume: 100,
          price: contract.limitDown,
        }),
      ),
    );
    await waitFor(
      () => ids.every((id) => app.runtime.mainEngine.getOrder(id)?.status === "NOTTRADED"),
      "working orders",
    );
    expect(workingAtBroker()).toBe(6);

    await page.click("#kill-switch");
    await page.waitForSelector("#halt-confirm:not([hidden])", WAIT);
    await page.click("#halt-no");
    await page.waitForSelector("#halt-confirm[hidden]", { ...WAIT, state: "attached" });
    expect(app.runtime.risk.state).toBe("ACTIVE");

    await page.click("#kill-switch");
    const started = performance.now();
    await page.click("#halt-yes");
    await waitFor(() => workingAtBroker() === 0, "no working order at the broker", 10_000, 5);
    const elapsed = performance.now() - started;
    console.log(
      `dashboard kill switch: 6 working orders cancelled at the broker in ${elapsed.toFixed(0)} ms`,
    );
    expect(elapsed).toBeLessThan(1000);
    await page.waitForSelector('#risk-state[data-state="HALTED"]', WAIT);
    await expect.poll(() => page.textContent("#risk-message"), WAIT).toContain("6 cancel(s) sent");
    expect(await page.isDisabled("#kill-switch")).toBe(true);

    await page.click("#risk-resume");
    await page.waitForSelector('#risk-state[data-state="ACTIVE"]', WAIT);
    expect(pageProblems).toEqual([]);
  });

  it("refuses the halt without the token", async () => {
    const response = await fetch(new URL("/api/halt", app.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(401);
  });
});

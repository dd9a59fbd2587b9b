/**
 * The broker's risk notices on the dashboard, in headless Chromium against the real stack
 * (embedded mock servers, HftGateway, the native library): a RISK_NOTIFY the broker pushes — the
 * way its programmatic-trading counters push 6001/6002 — reaches the gateway, which logs it as a
 * warning (level Warning) or an error (level Critical), and the dashboard's log shows it.
 */
import { RiskCode, RiskLevel } from "@tsgate/mock-server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TraderApp } from "../src/index.js";
import { type DashboardSession, openDashboardSession } from "./helpers/dashboard-session.js";

const WAIT = { timeout: 30_000 };

describe("broker risk notices on the dashboard", () => {
  let session: DashboardSession;
  let app: TraderApp;
  let page: Page;

  beforeAll(async () => {
    session = await openDashboardSession();
    ({ app, page } = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it("shows a warning notice and a critical notice in the log, each at its level", async () => {
    const control = app.runtime.simulator?.control;
    if (control === undefined) throw new Error("no embedded simulator");
    await page.goto(app.url);
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);

    const warning = "orders + cancels reached 240 in one second (80% of 300)";
    expect(control.riskNotify("demo", RiskLevel.Warning, RiskCode.REQUESTS_PER_SECOND, warning)).toBe(1);
    const warned = page.locator("#log li.WARNING", { hasText: warning });
    await warned.waitFor(WAIT);
    expect(await warned.textContent()).toMatch(/6001/);

    const critical = "orders + cancels reached 20000 today: high-frequency account";
    expect(control.riskNotify("demo", RiskLevel.Critical, RiskCode.REQUESTS_PER_DAY, critical)).toBe(1);
    const alarmed = page.locator("#log li.ERROR", { hasText: critical });
    await alarmed.waitFor(WAIT);
    expect(await alarmed.textContent()).toMatch(/6002/);
    // Newest first: the critical notice is above the warning.
    const texts = await page.$$eval("#log li", (items) => items.map((li) => li.textContent ?? ""));
    const at = (s: string) => texts.findIndex((t) => t.includes(s));
    expect(at(critical)).toBeLessThan(at(warning));
    expect(session.pageProblems).toEqual([]);
  });
});

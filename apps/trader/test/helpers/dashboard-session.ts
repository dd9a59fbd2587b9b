/** One trader app (embedded simulator) and one headless Chromium page on it, for dashboard e2e tests. */
import type { Browser, Page } from "playwright-core";
import { startTrader, type TraderApp } from "../../src/index.js";
import { launchChromium } from "./browser.js";

/** A running app, its browser and page, and the page errors seen so far. */
export interface DashboardSession {
  readonly app: TraderApp;
  readonly browser: Browser;
  readonly page: Page;
  /** `page error: …` for every uncaught error in the page. */
  readonly pageProblems: string[];
  /** Closes the browser, then the app. */
  close(): Promise<void>;
}

/** Starts the app on a free port with a seeded simulator and opens a 1280×800 page (not yet navigated). */
export async function openDashboardSession(seed = 7): Promise<DashboardSession> {
  const app = await startTrader({ port: 0, simulator: { seed }, language: "en" });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const pageProblems: string[] = [];
    page.on("pageerror", (err) => pageProblems.push(`page error: ${err.message}`));
    const opened = browser;
    return {
      app,
      browser: opened,
      page,
      pageProblems,
      async close() {
        await opened.close();
        await app.close();
      },
    };
  } catch (err) {
    await browser?.close();
    await app.close();
    throw err;
  }
}

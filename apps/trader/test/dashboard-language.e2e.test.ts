/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The dashboard in zh-CN and en, in headless Chromium against the real stack: the trader's
 * language reaches the page (`<html lang>`), every label comes from that language's catalogue,
 * and in zh-CN no text on the page is an English label (a scan of the DOM's text nodes and
 * titles against the en catalogue's values). `?lang=` switches the page. 127.0.0.1 only.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTrader, type TraderApp } from "../src/index.js";
import { LABEL_CATALOGUES, placeholdersOf } from "../src/shared/labels/labels.js";
import { launchChromium } from "./helpers/browser.js";

const WAIT = { timeout: 30_000 };
const zh = LABEL_CATALOGUES["zh-CN"];
const en = LABEL_CATALOGUES.en;

/**
 * The en labels a zh page must not show: each label's fixed text around its placeholders, split
 * at the placeholders, of three letters or more (shorter ones such as "Yd" or "s" could be part
 * of a symbol or an id). Labels that read the same in both languages are left out, and so are the
 * exchanges' codes, which are data in every symbol (600000.SSE), and fragments the zh-CN labels
 * themselves contain as data (an option name such as `--strategy file.js`, `tsgate`).
 */
const DATA_IN_EN: ReadonlySet<string> = new Set(["exchange.SSE", "exchange.SZSE"]);
const ZH_TEXT = Object.values(zh).join("\n");
const EN_FRAGMENTS: string[] = (() => {
  const out = new Set<string>();
  for (const code of Object.keys(en) as (keyof typeof en)[]) {
    // cli.* and usage.* are the lines of the `tsgate` commands in a terminal, never on the page.
    if (en[code] === zh[code] || DATA_IN_EN.has(code) || code.startsWith("cli.") || code.startsWith("usage."))
      continue;
    for (const part of en[code].split(/\{\w+\}/)) {
      const trimmed = part
        .trim()
        .replace(/^[·:;,()]+|[·:;,()]+$/g, "")
        .trim();
      if (/[A-Za-z]{3,}/.test(trimmed) && !wholeWordIn(trimmed, ZH_TEXT)) out.add(trimmed);
    }
  }
  return [...out];
})();

/** True when `fragment` stands in `text` as whole words ("Last" not inside "LastPrice"). */
function wholeWordIn(fragment: string, text: string): boolean {
  const escaped = fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z])${escaped}([^A-Za-z]|$)`, "m").test(text);
}

/** Every visible text and title of the page: text nodes, `title`, `placeholder`, `aria-label`. */
async function pageTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      if (text !== "" && node.parentElement?.closest("script, style") === null) out.push(text);
    }
    for (const el of document.querySelectorAll("[title], [placeholder], [aria-label]")) {
      for (const name of ["title", "placeholder", "aria-label"]) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push(value);
      }
    }
    out.push(document.title);
    return out;
  });
}

/** The en fragments found in `texts`, with the text each was found in. */
function englishIn(texts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    for (const fragment of EN_FRAGMENTS) {
      // Whole words only: "Last" must not match inside a symbol or a name.
      if (wholeWordIn(fragment, text)) found.push(`${fragment} ⟵ ${text}`);
    }
  }
  return found;
}

describe("dashboard languages in Chromium", () => {
  let app: TraderApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startTrader({ port: 0, simulator: { seed: 7 }, language: "zh-CN" });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("the catalogues give every code in both languages with the same placeholders", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const code of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(placeholdersOf(en[code]), code).toEqual(placeholdersOf(zh[code]));
    }
    expect(EN_FRAGMENTS.length).toBeGreaterThan(100);
  });

  it("opens in the trader's language (zh-CN) with Chinese labels, headers, buttons and states", async () => {
    await page.goto(app.url);
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector('#status-MARKET[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector("#ticks tbody tr[data-vt] td.last", WAIT);
    await page.waitForSelector('#account td[data-field="balance"]', WAIT);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    expect(await page.title()).toBe(zh["page.title"]);
    expect(await page.textContent("section.entry h2")).toBe(zh["entry.title"]);
    expect(await page.textContent("#open-connect")).toBe(zh["top.openConnect"]);
    expect(await page.textContent("#status-TRADE b")).toBe(zh["state.CONNECTED"]);
    expect(await page.textContent("#ticks thead th:nth-child(3)")).toBe(zh["col.last"]);
    expect(await page.textContent('#order-type option[value="MARKET"]')).toBe(zh["type.MARKET"]);
    expect(await page.textContent("#order-submit")).toMatch(new RegExp(`^${zh["side.LONG"]}`));
    expect(await page.textContent("#account")).toContain(zh["account.available"]);
  });

  it("shows no English label anywhere on the zh-CN page, also in the dialogs and after a refused order", async () => {
    // A refusal from the shared rules, said in Chinese next to the form.
    await page.fill("#order-volume", "150");
    await page.click("#order-submit");
    await expect
      .poll(() => page.textContent("#order-message"), WAIT)
      .toMatch(/^未发送：买入数量 150 不是整手/);
    await page.click("#open-risk");
    await page.waitForSelector("#risk-dialog[open]");
    await page.waitForSelector("#risk-limits tbody tr");
    const withRisk = await pageTexts(page);
    await page.click("#risk-close");
    await page.click("#open-connect");
    await page.waitForSelector("#connect-dialog[open] #connect-fields input");
    const withConnect = await pageTexts(page);
    await page.click("#connect-cancel");
    // The Strategies and Backtest report pages (no strategy, no report given: their empty texts).
    await page.click('nav.views button[data-view="strategies"]');
    await expect.poll(() => page.locator("body").innerText(), WAIT).toContain(zh["strategy.noStrategies"]);
    const withStrategies = await pageTexts(page);
    await page.click('nav.views button[data-view="report"]');
    await expect.poll(() => page.locator("body").innerText(), WAIT).toContain(zh["strategy.reportNone"]);
    const withReport = await pageTexts(page);
    await page.click('nav.views button[data-view="trading"]');
    expect(englishIn([...withRisk, ...withConnect, ...withStrategies, ...withReport])).toEqual([]);
  });

  it("shows a refusal of the trader's API in Chinese, with no English label in it", async () => {
    await page.fill("#subscribe-input", "600000.XSHG");
    await page.click("#subscribe-form button[type=submit]");
    await expect
      .poll(() => page.textContent("#subscribe-error"), WAIT)
      .toBe('应为合约，例如 600000.SSE 或 000001.SZSE，收到 "600000.XSHG"');
    expect(englishIn(await pageTexts(page))).toEqual([]);
  });

  it("switches to en with ?lang=en, and the same scan then finds the English labels", async () => {
    await page.click("#switch-language");
    await page.waitForURL(/lang=en/);
    await page.waitForSelector('#status-TRADE[data-state="CONNECTED"]', WAIT);
    await page.waitForSelector("#ticks tbody tr[data-vt] td.last", WAIT);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.textContent("section.entry h2")).toBe(en["entry.title"]);
    // The trader speaks zh-CN, but it answers this page's requests in the page's language.
    await page.fill("#subscribe-input", "600000.XSHG");
    await page.click("#subscribe-form button[type=submit]");
    await expect
      .poll(() => page.textContent("#subscribe-error"), WAIT)
      .toBe('expected an instrument such as 600000.SSE or 000001.SZSE, got "600000.XSHG"');
    expect(await page.textContent("#status-TRADE b")).toBe(en["state.CONNECTED"]);
    expect(await page.textContent("#ticks thead th:nth-child(3)")).toBe(en["col.last"]);
    expect(await page.textContent("#switch-language")).toBe(en["page.switchLanguage"]);
    // The scan is not blind: on the en page it finds the labels it looks for.
    expect(englishIn(await pageTexts(page)).length).toBeGreaterThan(30);
  });
});

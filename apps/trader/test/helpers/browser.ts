/** Headless Chromium for the end-to-end tests (the Debian `chromium` package, driven by playwright-core). */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Where Chromium is: `TSGATE_CHROMIUM`, else the Debian package's path. */
export const CHROMIUM_PATH = process.env.TSGATE_CHROMIUM ?? "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches Chromium. `chromium.launch` gives it a fresh temporary profile of its own and deletes it
 * on `close()`.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install the Debian package (apt-get install -y chromium) or set TSGATE_CHROMIUM`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

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

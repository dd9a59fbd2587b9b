/**
 * Kill -9 mid-session and restart from the order journal: a child process trades with a SQLite
 * journal, is killed with SIGKILL while orders are in flight, and a second process with the same
 * journal reconciles. Its books, built only from the events it received (the journal's replay plus
 * the server's answers), must equal the broker's exactly; no order id may be reused and no trade
 * pushed twice.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EventEngine } from "@tsgate/core";
import { SqliteJournal } from "@tsgate/journal";
import { type MockServers, startMockServers } from "@tsgate/mock-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serverOrders, serverTradeIds } from "./helpers/ledger.js";
import { checkLedger } from "./soak/checks.js";
import { Ledger } from "./soak/ledger.js";
import { soakConfig } from "./soak/run.js";
import { GATEWAY } from "./soak/strategy.js";

const script = fileURLToPath(new URL("./fixtures/journal-trader.ts", import.meta.url));
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const SEED = 20_261_126;
/** Kill once this many trades were received and some orders are still working. */
const TRADES_BEFORE_KILL = 15;

let mock: MockServers;
let dir: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  mock = await startMockServers({ config: soakConfig(), seed: SEED, marketRateHz: 20 });
  dir = mkdtempSync(join(tmpdir(), "tsgate-journal-"));
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
});

function start(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: packageDir,
    env: { ...process.env, ...env },
  });
  children.push(child);
  return child;
}

/** Calls `onLine` with each JSON line of the child's stdout; resolves with the exit, rejects on stderr-only failure. */
function watch(
  child: ChildProcessWithoutNullStreams,
  onLine: (line: Record<string, unknown>) => void,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let buffered = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith("{")) onLine(JSON.parse(line) as Record<string, unknown>);
    }
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, stderr })));
}

it("a trader killed with SIGKILL restarts from its journal: ids continue, no trade twice, books exact", async () => {
  const initial = mock.broker.books("demo");
  const holdings = initial.positions.map((p) => {
    const [market, code] = p.symbol.split(".");
    return [`${code}.${market === "SH" ? "SSE" : "SZSE"}`, p.ydVolume] as const;
  });
  const journalPath = join(dir, "journal.db");
  const ports = [String(mock.tradePort), String(mock.marketPort), journalPath];

  // Run 1: trade until some trades arrived while orders are still working, then SIGKILL.
  const printed: string[] = [];
  let tradesSeen = 0;
  const first = start([...ports, "trade", String(SEED)], { HOLDINGS: JSON.stringify(holdings) });
  const firstExit = watch(first, (line) => {
    if (typeof line.sent === "string") printed.push(line.sent);
    if (typeof line.trades === "number") {
      tradesSeen = line.trades;
      if (line.trades >= TRADES_BEFORE_KILL && Number(line.active) > 0) first.kill("SIGKILL");
    }
  });
  const killed = await firstExit;
  expect(killed.signal, killed.stderr).toBe("SIGKILL");
  expect(tradesSeen).toBeGreaterThanOrEqual(TRADES_BEFORE_KILL);

  // The journal as the killed process left it: every order it sent (and every order the server
  // has) was saved before it was sent; every trade it pushed, before it was pushed.
  const saved = SqliteJournal.open(journalPath);
  const contents = saved.load(GATEWAY);
  saved.close();
  const journalled = new Set(contents.orders.map((o) => o.order.vtOrderid));
  for (const id of printed) expect(journalled, `${id} sent but not journalled`).toContain(id);
  for (const id of serverOrders(mock).keys())
    expect(journalled, `server order ${id}`).toContain(`${GATEWAY}.${id}`);
  expect(contents.trades.length).toBeGreaterThanOrEqual(tradesSeen);
  const serverTrades = new Set(serverTradeIds(mock));
  for (const t of contents.trades) expect(serverTrades).toContain(t.tradeid);
  expect(contents.orderIds?.counter).toBe(contents.orders.length);
  const activeAtKill = contents.orders.filter(
    (o) => !["ALLTRADED", "CANCELLED", "REJECTED"].includes(o.order.status),
  );
  expect(activeAtKill.length).toBeGreaterThan(0);

  // Run 2: same journal; reconcile, cancel what still works, one more order, dump its events.
  const eventsPath = join(dir, "events.jsonl");
  let summary: Record<string, unknown> = {};
  const second = start([...ports, "reconcile", String(SEED), eventsPath]);
  const secondExit = await watch(second, (line) => {
    summary = line;
  });
  expect(secondExit.code, secondExit.stderr).toBe(0);

  // Ids continue the journalled sequence: the new order takes the next counter of the same prefix.
  const ids = contents.orderIds;
  expect(ids).toBeDefined();
  const next = `${GATEWAY}.${ids?.prefix}${String((ids?.counter ?? 0) + 1).padStart(4, "0")}`;
  expect(summary.barrier).toBe(next);
  expect(journalled.has(next)).toBe(false);

  const logs = summary.logs as string[];
  expect(logs.some((l) => l.includes(`恢复 ${contents.orders.length} 笔委托`))).toBe(true);
  expect(summary.duplicateTradeIds).toEqual([]);
  expect(summary.reopened).toEqual([]);

  // The second process's books, from the events it received, against the broker's.
  const engine = new EventEngine();
  const ledger = new Ledger(engine);
  engine.start();
  for (const line of readFileSync(eventsPath, "utf8").split("\n")) {
    if (line !== "") engine.put(JSON.parse(line) as { type: string; data: never });
  }
  await engine.flush();
  engine.stop();
  const sent = [...new Set([...journalled, String(summary.barrier)])];
  const check = checkLedger({ mock, ledger, initial, sent });
  expect(check.mismatches).toEqual([]);
  expect(ledger.tradeIds().size).toBe(serverTradeIds(mock).length);
  // Orders the server never saw (sent in the instant before the kill) ended REJECTED, not SUBMITTING.
  const onServer = serverOrders(mock);
  const lost = activeAtKill.filter((o) => !onServer.has(o.order.orderid));
  for (const o of lost) expect(ledger.orders.get(o.order.vtOrderid)?.status).toBe("REJECTED");
  console.log(
    `journal restart: killed after ${tradesSeen} trades; journal held ${contents.orders.length} orders ` +
      `(${activeAtKill.length} working, ${lost.length} never reached the server) and ${contents.trades.length} trades; ` +
      `after reconcile ${ledger.tradeIds().size} trades, ${onServer.size} server orders, books exact`,
  );
}, 180_000);

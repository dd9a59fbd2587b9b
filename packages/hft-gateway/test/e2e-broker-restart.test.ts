/**
 * A real `tsgate-mock` process SIGKILLed and restarted on the same ports (issue 18.5): the new
 * broker has lost its books, its report sequence, order ids and trade ids start again. The gateway
 * must see a new broker session, push every new fill (none dropped as a "duplicate" of the old
 * session's trade ids), and end the resting orders the new broker does not know.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Direction, MainEngine, type OrderData, Status } from "@tsgate/core";
import { afterEach, expect, it } from "vitest";
import { HftGateway } from "../src/index.js";
import { closedPort, demoSetting, limitOrder } from "./helpers/e2e.js";
import { Recorder } from "./helpers/recorder.js";

const mockBin = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "..",
  "mock-server",
  "bin",
  "tsgate-mock.js",
);
const children: ChildProcess[] = [];
let main: MainEngine | undefined;

afterEach(async () => {
  await main?.close();
  main = undefined;
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
});

/** Starts `tsgate-mock` on the ports (market stopped) and resolves once it says it is ready. */
function startMock(tradePort: number, marketPort: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [mockBin, "--trade-port", String(tradePort), "--market-port", String(marketPort), "--market-rate", "0"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("tsgate-mock ready")) resolve(child);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("exit", (code, signal) =>
      reject(new Error(`tsgate-mock exited (${code ?? signal}) before ready:\n${out}\n${err}`)),
    );
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.on("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

function waitStatus(rec: Recorder, vtOrderid: string, status: Status): Promise<OrderData> {
  return rec.waitFor(`${vtOrderid} ${status}`, () => {
    const order = rec.lastOrder(vtOrderid);
    return order?.status === status ? order : undefined;
  });
}

it("a broker restarted without its books: a new session, every new fill pushed, lost orders ended", async () => {
  const tradePort = await closedPort();
  const marketPort = await closedPort();
  const first = await startMock(tradePort, marketPort);
  main = new MainEngine();
  const rec = new Recorder(main.eventEngine);
  main.addGateway(HftGateway);
  main.connect(demoSetting({ tradePort, marketPort }), "HFT");
  await rec.waitForLog(/成交信息查询成功/);

  // Before: one fill (the broker's first trade id) and one resting order.
  const filled = main.sendOrder(limitOrder("000001", Direction.LONG, 100, 12.67, "SZSE"), "HFT");
  await waitStatus(rec, filled, Status.ALLTRADED);
  const resting = main.sendOrder(limitOrder("600000", Direction.LONG, 100, 10.62), "HFT");
  await waitStatus(rec, resting, Status.NOTTRADED);
  const tradesBefore = rec.trades.length;
  expect(tradesBefore).toBeGreaterThan(0);

  await killed(first);
  await startMock(tradePort, marketPort);
  const session = await rec.waitForLog(/交易服务器开始了新的会话/);
  expect(session.level).toBe("WARNING");
  await rec.waitForLog(/^交易服务器重连成功/);

  // The order the new broker does not know can never trade: it ends, with the reason.
  const lost = await waitStatus(rec, resting, Status.CANCELLED);
  expect(lost.statusMsg).toContain("服务器的委托查询中已没有这笔委托");

  // Three new orders fill; the new broker reuses the old trade ids, yet every fill is pushed.
  const after = [1, 2, 3].map(() =>
    main?.sendOrder(limitOrder("000001", Direction.LONG, 100, 12.67, "SZSE"), "HFT"),
  );
  for (const vtOrderid of after) await waitStatus(rec, vtOrderid ?? "", Status.ALLTRADED);
  const newTrades = await rec.waitFor("the 300 shares of the new fills", () => {
    const trades = rec.trades.slice(tradesBefore);
    return trades.reduce((n, t) => n + t.volume, 0) === 300 ? trades : undefined;
  });
  expect(new Set(newTrades.map((t) => t.vtOrderid))).toEqual(new Set(after));
  // Scoped to the second broker session, distinct from the first session's ids.
  expect(newTrades.every((t) => t.tradeid.endsWith("@2"))).toBe(true);
  const ids = rec.trades.map((t) => t.vtTradeid);
  expect(new Set(ids).size).toBe(ids.length);
  expect(main.getAllTrades()).toHaveLength(rec.trades.length);
}, 90_000);

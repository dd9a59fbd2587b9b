/**
 * `tsgate halt` against a running `tsgate trader` (both child processes): working orders placed
 * through the API are all cancelled at the broker, new orders are refused by name, and a missing
 * or wrong token is refused clearly.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HaltAnswer, OrderAnswer, Snapshot, WireRisk } from "../src/shared/protocol.js";
import { type CliProcess, runTsgate } from "./helpers/cli-process.js";
import { waitFor } from "./helpers/wait.js";

let trader: CliProcess;
let port = 0;
let token = "";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return free;
}

async function api<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      "x-tsgate-token": token,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

function activeOrders(state: Snapshot): number {
  return state.orders.filter((o) => ["SUBMITTING", "NOTTRADED", "PARTTRADED"].includes(o.status)).length;
}

beforeAll(async () => {
  port = await freePort();
  trader = runTsgate(["trader", "--port", String(port), "--no-browser"]);
  const match = await trader.waitForOutput(/(?:dashboard|看板)\s+http:\/\/127\.0\.0\.1:\d+\/\?token=(\S+)/);
  token = match[1] ?? "";
  await trader.waitForOutput(/成交信息查询成功/);
}, 60_000);

afterAll(async () => {
  if (trader.child.exitCode === null && trader.child.signalCode === null) {
    trader.child.kill("SIGTERM");
    await trader.exited;
  }
});

describe("tsgate halt", () => {
  it("refuses without a token (exit 2) and with a wrong one (exit 1), halting nothing", async () => {
    const none = runTsgate(["halt", "--port", String(port)], { TSGATE_TOKEN: "", LANG: "en_US.UTF-8" });
    expect(await none.exited).toBe(2);
    expect(none.stderr()).toContain("no access token: set TSGATE_TOKEN");
    const wrong = runTsgate(["halt", "--port", String(port)], { TSGATE_TOKEN: "not-the-token" });
    expect(await wrong.exited).toBe(1);
    // zh-CN here (LANG=C.UTF-8): the trader answers in the language the command asks for.
    expect(wrong.stderr()).toContain(
      `127.0.0.1:${port} 上的交易程序拒绝暂停交易：访问令牌无效（请检查 TSGATE_TOKEN：每次启动令牌都会变化）。`,
    );
    const wrongEn = runTsgate(["halt", "--port", String(port)], {
      TSGATE_TOKEN: "not-the-token",
      LANG: "en_US.UTF-8",
    });
    expect(await wrongEn.exited).toBe(1);
    expect(wrongEn.stderr()).toContain(
      `The trader on 127.0.0.1:${port} refused to halt: invalid access token (check TSGATE_TOKEN: the token changes at every start).`,
    );
    expect((await api<WireRisk>("GET", "/api/risk")).state).toBe("ACTIVE");
  });

  it("halts the running trader: the broker reports every working order CANCELLED", async () => {
    const contract = await waitFor(
      async () =>
        (await api<Snapshot>("GET", "/api/state")).contracts.find((c) => c.vtSymbol === "600000.SSE"),
      "the contract of 600000.SSE",
    );
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await api<OrderAnswer>("POST", "/api/order", {
        symbol: "600000",
        exchange: "SSE",
        direction: "LONG",
        type: "LIMIT",
        price: contract.limitDown,
        volume: 100,
      });
      ids.push(answer.vtOrderid);
    }
    await waitFor(async () => {
      const state = await api<Snapshot>("GET", "/api/state");
      return ids.every((id) => state.orders.find((o) => o.vtOrderid === id)?.status === "NOTTRADED");
    }, "five working orders");

    const halt = runTsgate(["halt", "--port", String(port), "--reason", "cli test"], { TSGATE_TOKEN: token });
    expect(await halt.exited).toBe(0);
    expect(halt.stdout()).toContain(
      `tsgate 交易程序 http://127.0.0.1:${port}：交易状态 HALTED；已发送撤单 5 笔`,
    );
    expect(halt.stdout()).not.toContain(token);
    // Halting a halted trader again: nothing left to cancel; the same line in English.
    const again = runTsgate(["halt", "--port", String(port), "--reason", "cli test"], {
      TSGATE_TOKEN: token,
      LANG: "en_US.UTF-8",
    });
    expect(await again.exited).toBe(0);
    expect(again.stdout()).toContain(
      `tsgate trader on http://127.0.0.1:${port}: trading HALTED; 0 cancel(s) sent`,
    );

    await waitFor(
      async () => activeOrders(await api<Snapshot>("GET", "/api/state")) === 0,
      "no working order",
      10_000,
    );
    const state = await api<Snapshot>("GET", "/api/state");
    for (const id of ids) expect(state.orders.find((o) => o.vtOrderid === id)?.status).toBe("CANCELLED");
    expect(state.risk.state).toBe("HALTED");
    expect(state.risk.stateReason).toBe("cli test");

    const refused = await api<OrderAnswer>("POST", "/api/order", {
      symbol: "600000",
      exchange: "SSE",
      direction: "LONG",
      type: "LIMIT",
      price: contract.limitDown,
      volume: 100,
    });
    const order = await waitFor(
      async () =>
        (await api<Snapshot>("GET", "/api/state")).orders.find((o) => o.vtOrderid === refused.vtOrderid),
      "the refused order",
    );
    expect(order.status).toBe("REJECTED");
    expect(order.statusMsg).toContain("risk tradingState: limit HALTED");

    await api<HaltAnswer>("POST", "/api/risk-state", { state: "ACTIVE" });
    expect((await api<WireRisk>("GET", "/api/risk")).state).toBe("ACTIVE");
  });

  it("shows the risk state and halts and resumes from the trader's own terminal", async () => {
    let mark = trader.mark();
    trader.send("risk");
    await trader.waitForOutput(/RISK ACTIVE/, "stdout", mark);
    await trader.waitForOutput(/maxActionsPerDay\s+18000\s+\d+/, "stdout", mark);
    mark = trader.mark();
    trader.send("halt lunch");
    // The trader's terminal speaks its language (zh-CN here); the HALTED tag stays.
    await trader.waitForOutput(/HALTED；已发送撤单 \d+ 笔/, "stdout", mark);
    expect((await api<WireRisk>("GET", "/api/risk")).stateReason).toBe("lunch");
    mark = trader.mark();
    trader.send("resume");
    await trader.waitForOutput(/RISK ACTIVE/, "stdout", mark);
  });

  it("says clearly when no trader is running, in either language", async () => {
    const free = await freePort();
    const halt = runTsgate(["halt", "--port", String(free)], { TSGATE_TOKEN: "x", LANG: "en_US.UTF-8" });
    expect(await halt.exited).toBe(1);
    expect(halt.stderr()).toContain(
      `No tsgate trader is running on 127.0.0.1:${free} (connection refused); nothing was halted.`,
    );
    const zh = runTsgate(["halt", "--port", String(free)], { TSGATE_TOKEN: "x" });
    expect(await zh.exited).toBe(1);
    expect(zh.stderr()).toContain(
      `127.0.0.1:${free} 上没有运行中的 tsgate 交易程序（连接被拒绝）；没有暂停任何交易。`,
    );
  });
});

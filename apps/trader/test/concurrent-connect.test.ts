/**
 * Concurrent `POST /api/connect` calls (issue 18, item 3): they are applied one after the other,
 * and afterwards the settings the dashboard shows name the server the gateway is really connected
 * to — the one the next order goes to.
 */
import { request } from "node:http";
import { ConnectionState, GatewaySide } from "@tsgate/core";
import { demoConfigInput, type MockServers, parseMockConfig, startMockServers } from "@tsgate/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTrader, type TraderApp } from "../src/index.js";
import type { Snapshot } from "../src/shared/protocol.js";
import { waitFor } from "./helpers/wait.js";

/** Rounds of two concurrent connects (the race showed in 6 of 8). */
const ROUNDS = 4;

function post(app: TraderApp, path: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request(
      {
        host: "127.0.0.1",
        port: app.port,
        method: "POST",
        path,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(text),
          "X-Tsgate-Token": app.token,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

function state(app: TraderApp): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port: app.port, path: "/api/state", headers: { "X-Tsgate-Token": app.token } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as Snapshot));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** A broker of its own with one account, so a login and an order show which server they reached. */
async function broker(accountId: string): Promise<MockServers> {
  const [account] = demoConfigInput.accounts;
  return startMockServers({
    config: parseMockConfig({ ...demoConfigInput, accounts: [{ ...account, accountId, password: "pw" }] }),
  });
}

function settingFor(accountId: string, servers: MockServers): Record<string, string> {
  return {
    交易用户名: accountId,
    交易密码: "pw",
    交易服务器: "127.0.0.1",
    交易端口: String(servers.tradePort),
    行情服务器: "127.0.0.1",
    行情端口: String(servers.marketPort),
  };
}

describe("concurrent connects", () => {
  let app: TraderApp;
  const brokers = new Map<string, MockServers>();
  /** Reports each broker sent for its account: where orders went. */
  const reports = new Map<string, number>();

  beforeAll(async () => {
    app = await startTrader({ port: 0 });
    for (const id of ["xa", "xb"]) {
      const servers = await broker(id);
      brokers.set(id, servers);
      reports.set(id, 0);
      servers.broker.onReport(() => reports.set(id, (reports.get(id) ?? 0) + 1));
    }
  });

  afterAll(async () => {
    await app?.close();
    for (const servers of brokers.values()) await servers.close();
  });

  it("serialises them, and the page shows the server orders go to", async () => {
    const main = app.runtime.mainEngine;
    for (let round = 0; round < ROUNDS; round++) {
      const ids = round % 2 === 0 ? ["xa", "xb"] : ["xb", "xa"];
      const answers = await Promise.all(
        ids.map((id) =>
          post(app, "/api/connect", { setting: settingFor(id, brokers.get(id) as MockServers) }),
        ),
      );
      for (const answer of answers) expect(answer.status, answer.body).toBe(200);

      const shown = (await state(app)).settings.values;
      const shownId = String(shown.交易用户名);
      const target = brokers.get(shownId);
      expect(target, `the page shows account ${shownId}`).toBeDefined();
      expect(String(shown.交易端口)).toBe(String(target?.tradePort));
      // Applied in order: the connect that came last is the one in force.
      expect(shownId).toBe(ids[1]);

      await waitFor(
        () =>
          main.getGatewayStatus("HFT", GatewaySide.TRADE)?.state === ConnectionState.CONNECTED &&
          main.getAccount(`HFT.${shownId}`) !== undefined,
        `the login to the shown account ${shownId}`,
      );
      const tick = await waitFor(() => main.getTick("600000.SSE"), "a tick of 600000.SSE");
      const before = new Map(reports);
      const order = await post(app, "/api/order", {
        symbol: "600000",
        exchange: "SSE",
        direction: "LONG",
        type: "LIMIT",
        // Rests at the limit-down price: a report, and no fill that could change the books.
        price: tick.limitDown,
        volume: 100,
      });
      expect(order.status, order.body).toBe(200);
      const { vtOrderid } = JSON.parse(order.body) as { vtOrderid: string };
      await waitFor(
        () => [...reports].some(([id, n]) => n > (before.get(id) ?? 0)),
        "a report from the broker the order reached",
      ).catch((err: Error) => {
        throw new Error(`${err.message}; order: ${JSON.stringify(main.getOrder(vtOrderid))}`);
      });
      for (const [id, n] of reports) {
        expect(n > (before.get(id) ?? 0), `reports from ${id} (shown: ${shownId})`).toBe(id === shownId);
      }
    }
  });
});

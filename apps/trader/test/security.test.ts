/**
 * Access control of the web server against a running trader: the token on the API and the
 * WebSocket, the Origin and Host checks, and passwords never leaving the server.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTrader, type TraderApp } from "../src/index.js";
import { DEMO_ORDER } from "./helpers/demo-order.js";
import { waitFor } from "./helpers/wait.js";

interface Answer {
  status: number;
  body: string;
}

/** A raw HTTP request (fetch would not let us set Host or Origin freely). */
function http(
  app: TraderApp,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: "127.0.0.1",
        port: app.port,
        method,
        path,
        headers: {
          ...(text !== undefined
            ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }
            : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

/** Opens the live feed; resolves with the first message, or with the HTTP status of a refused upgrade. */
function openFeed(
  app: TraderApp,
  query: string,
  origin: string | undefined,
): Promise<{ status: number; first?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(
      `ws://127.0.0.1:${app.port}/ws${query}`,
      origin === undefined ? {} : { headers: { Origin: origin } },
    );
    ws.on("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.on("message", (data: Buffer) => {
      resolve({ status: 101, first: data.toString("utf8") });
      ws.close();
    });
    ws.on("error", (err) => reject(err));
  });
}

const ORDER = DEMO_ORDER;

describe("access control", () => {
  let app: TraderApp;
  let origin: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    app = await startTrader({ port: 0 });
    origin = `http://127.0.0.1:${app.port}`;
    auth = { "X-Tsgate-Token": app.token };
    await waitFor(() => app.runtime.mainEngine.getContract("600000.SSE"), "contracts after the trade login");
  });

  afterAll(async () => {
    await app?.close();
  });

  it("prints a URL with a long random token", () => {
    expect(app.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(app.url).toBe(`http://127.0.0.1:${app.port}/?token=${app.token}`);
    expect(app.host).toBe("127.0.0.1");
  });

  it("serves the page itself without a token, with a strict content security policy", async () => {
    const page = await http(app, "GET", "/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("tsgate trader");
    const raw = await new Promise<Record<string, unknown>>((resolve) => {
      request({ host: "127.0.0.1", port: app.port, path: "/" }, (res) => {
        res.resume();
        resolve(res.headers);
      }).end();
    });
    expect(raw["content-security-policy"]).toContain("default-src 'none'");
    expect(raw["referrer-policy"]).toBe("no-referrer");
  });

  it("refuses API calls without the token (401) or with a wrong one (403)", async () => {
    expect((await http(app, "GET", "/api/state")).status).toBe(401);
    expect((await http(app, "GET", "/api/state", { "X-Tsgate-Token": "wrong" })).status).toBe(403);
    expect((await http(app, "GET", `/api/state?token=${app.token}x`)).status).toBe(403);
    expect((await http(app, "GET", "/api/state", auth)).status).toBe(200);
    expect((await http(app, "GET", "/api/state", { Authorization: `Bearer ${app.token}` })).status).toBe(200);
    expect((await http(app, "GET", `/api/state?token=${app.token}`)).status).toBe(200);
  });

  it("refuses every action that trades or connects without the token, and nothing happens", async () => {
    const orders = app.runtime.mainEngine.getAllOrders().length;
    expect((await http(app, "POST", "/api/order", {}, ORDER)).status).toBe(401);
    expect((await http(app, "POST", "/api/order", { "X-Tsgate-Token": "nope" }, ORDER)).status).toBe(403);
    expect((await http(app, "POST", "/api/cancel", {}, { vtOrderid: "HFT.1" })).status).toBe(401);
    expect((await http(app, "POST", "/api/subscribe", {}, { vtSymbol: "601318.SSE" })).status).toBe(401);
    const connect = await http(app, "POST", "/api/connect", {}, { setting: { 交易服务器: "203.0.113.1" } });
    expect(connect.status).toBe(401);
    expect(app.runtime.mainEngine.getAllOrders()).toHaveLength(orders);
    expect(app.runtime.mode).toBe("simulator");
  });

  it("refuses a cross-origin POST even with the token, and a foreign Host header", async () => {
    const foreign = await http(app, "POST", "/api/order", { ...auth, Origin: "http://evil.example" }, ORDER);
    expect(foreign.status).toBe(403);
    const rebinding = await http(app, "GET", "/api/state", { ...auth, Host: `evil.example:${app.port}` });
    expect(rebinding.status).toBe(403);
  });

  it("accepts an order with the token and answers its vtOrderid", async () => {
    const answer = await http(app, "POST", "/api/order", { ...auth, Origin: origin }, ORDER);
    expect(answer.status).toBe(200);
    const { vtOrderid } = JSON.parse(answer.body) as { vtOrderid: string };
    expect(vtOrderid).toMatch(/^HFT\./);
    await waitFor(() => app.runtime.mainEngine.getOrder(vtOrderid), "the order in the OMS");
  });

  it("answers malformed requests with 400 and a reason", async () => {
    const bad = await http(app, "POST", "/api/order", auth, { ...ORDER, direction: "UP" });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toContain("direction");
    const unknown = await http(app, "POST", "/api/cancel", auth, { vtOrderid: "HFT.does-not-exist" });
    expect(unknown.status).toBe(404);
    const settings = await http(app, "POST", "/api/connect", auth, { setting: { 交易端口: "80a" } });
    expect(settings.status).toBe(400);
    expect(JSON.parse(settings.body).issues[0].key).toBe("交易端口");
    expect(app.runtime.mode).toBe("simulator");
  });

  it("refuses the WebSocket without a token, with a wrong one, without an Origin or with a foreign Origin", async () => {
    expect((await openFeed(app, "", origin)).status).toBe(401);
    expect((await openFeed(app, "?token=wrong", origin)).status).toBe(403);
    expect((await openFeed(app, `?token=${app.token}`, "http://evil.example")).status).toBe(403);
    expect((await openFeed(app, `?token=${app.token}`, `http://127.0.0.1:${app.port + 1}`)).status).toBe(403);
    expect((await openFeed(app, `?token=${app.token}`, undefined)).status).toBe(403);
  });

  it("opens the WebSocket for the dashboard's own origin and token, starting with a snapshot", async () => {
    const feed = await openFeed(app, `?token=${app.token}`, origin);
    expect(feed.status).toBe(101);
    const message = JSON.parse(feed.first ?? "{}") as { kind: string; data: { subscriptions: string[] } };
    expect(message.kind).toBe("snapshot");
    expect(message.data.subscriptions).toContain("600000.SSE");
  });

  it("never sends a password back: the state and the settings show them blanked", async () => {
    const state = await http(app, "GET", "/api/state", auth);
    expect(state.body).not.toContain("demo123");
    const { settings } = JSON.parse(state.body) as {
      settings: { values: Record<string, unknown>; secretKeys: string[]; secretsSet: string[] };
    };
    expect(settings.secretKeys).toEqual(["交易密码", "行情密码"]);
    expect(settings.secretsSet).toEqual(["交易密码", "行情密码"]);
    expect(settings.values.交易密码).toBe("");
    expect(settings.values.交易用户名).toBe("demo");
    const feed = await openFeed(app, `?token=${app.token}`, origin);
    expect(feed.first).not.toContain("demo123");
  });

  it("tells `tsgate status` the connection state without the token, and nothing else", async () => {
    const status = await http(app, "GET", "/api/status");
    expect(status.status).toBe(200);
    const body = JSON.parse(status.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["app", "gatewayName", "mode", "statuses", "subscriptions"]);
    expect(status.body).not.toContain("demo");
  });
});

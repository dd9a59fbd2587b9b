/**
 * Where the dashboard listens and who may use it, through the real `tsgate trader` command: it
 * binds loopback unless told otherwise (checked on the listening socket itself and from another
 * interface of this machine), warns when told otherwise, and refuses cross-origin WebSocket
 * connections and cross-origin trading actions even when they carry the token.
 * (security.test.ts covers the token checks of each endpoint in-process.)
 */
import { existsSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type CliProcess, runTsgate } from "./helpers/cli-process.js";

const WARNING =
  /(?:warning: --host \S+ makes the dashboard reachable|警告：--host \S+ 使其他机器也能访问看板)/;
const DASHBOARD_LINE = /(?:dashboard|看板)\s+http:\/\/(\S+):(\d+)\/\?token=(\S+)/;

/** A non-loopback IPv4 address of this machine, if it has one. */
const OTHER_IPV4 = Object.values(networkInterfaces())
  .flat()
  .find((info) => info !== undefined && info.family === "IPv4" && !info.internal)?.address;
if (OTHER_IPV4 === undefined) {
  console.info(
    "access.test: this machine has no non-loopback IPv4 address; the checks from another interface are skipped",
  );
}

const running: CliProcess[] = [];

afterAll(async () => {
  for (const cli of running.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill("SIGKILL");
      await cli.exited;
    }
  }
});

interface Trader {
  readonly cli: CliProcess;
  readonly port: number;
  readonly token: string;
}

/** Starts `tsgate trader --port 0 ...args` and waits for the dashboard URL. */
async function startTrader(args: readonly string[]): Promise<Trader> {
  const cli = runTsgate(["trader", "--port", "0", "--subscribe", "600000.SSE", ...args]);
  running.push(cli);
  const [, , port, token] = (await cli.waitForOutput(DASHBOARD_LINE)) as [string, string, string, string];
  return { cli, port: Number(port), token };
}

/** Stops a trader with SIGTERM; resolves with its exit code once all its output is read. */
async function stop(trader: Trader): Promise<number | string> {
  trader.cli.child.kill("SIGTERM");
  const code = await trader.cli.exited;
  await trader.cli.closed;
  return code;
}

/** `/proc/net/tcp` and `tcp6` address → text (`0100007F` → `127.0.0.1`). */
function procAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  // Each 32-bit word is in the kernel's (little-endian) byte order.
  const bytes = words.flatMap((word) =>
    (word.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)),
  );
  if (bytes.length === 4) return bytes.join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return new URL(`http://[${groups.join(":")}]/`).hostname.replace(/^\[|\]$/g, "");
}

const PROC_TCP = ["/proc/net/tcp", "/proc/net/tcp6"];
const HAS_PROC = existsSync(PROC_TCP[0] ?? "");

/** Addresses of the sockets listening on TCP `port`, from the kernel's tables (Linux). */
function listeningAddresses(port: number): string[] {
  const out: string[] = [];
  for (const file of PROC_TCP) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (local === undefined || state !== "0A") continue; // 0A = LISTEN
      const [address, portHex] = local.split(":");
      if (address !== undefined && Number.parseInt(portHex ?? "", 16) === port)
        out.push(procAddress(address));
    }
  }
  return out;
}

/** Opens a TCP connection; resolves "connected" or the error code. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("timeout");
    });
    socket.once("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** GET/POST to the trader at `host`; resolves the HTTP status. */
function http(
  host: string,
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host,
        port,
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
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

/** Opens the live feed; resolves 101 when it opens, else the HTTP status of the refusal. */
function openFeed(port: number, token: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { headers });
    ws.on("unexpected-response", (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve(101);
      ws.close();
    });
    ws.on("error", (err) => reject(err));
  });
}

describe("tsgate trader without --host", () => {
  let trader: Trader;

  beforeAll(async () => {
    trader = await startTrader([]);
  });

  afterAll(async () => {
    if (trader !== undefined) expect(await stop(trader)).toBe(0);
  });

  it("prints a 127.0.0.1 URL and no warning", () => {
    expect(trader.cli.stdout()).toMatch(/(?:dashboard|看板)\s+http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(trader.cli.stderr()).not.toMatch(WARNING);
  });

  it.skipIf(!HAS_PROC)("listens on 127.0.0.1 only (the kernel's table of listening sockets)", () => {
    expect(listeningAddresses(trader.port)).toEqual(["127.0.0.1"]);
  });

  it("answers on 127.0.0.1", async () => {
    expect(await http("127.0.0.1", trader.port, "GET", "/api/status")).toBe(200);
  });

  it.skipIf(OTHER_IPV4 === undefined)(
    `is not reachable on this machine's other interface (${OTHER_IPV4 ?? "none: skipped"})`,
    async () => {
      expect(await tryConnect(OTHER_IPV4 ?? "", trader.port)).toBe("ECONNREFUSED");
    },
  );

  it("refuses cross-origin WebSocket connections even with the token", async () => {
    const own = `http://127.0.0.1:${trader.port}`;
    expect(await openFeed(trader.port, trader.token, { Origin: own })).toBe(101);
    expect(await openFeed(trader.port, trader.token, { Origin: `http://localhost:${trader.port}` })).toBe(
      101,
    );
    for (const origin of [
      "http://evil.example",
      `http://evil.example:${trader.port}`,
      `http://127.0.0.1.evil.example:${trader.port}`,
      `https://127.0.0.1:${trader.port}`,
      `http://127.0.0.1:${trader.port + 1}`,
      `http://127.0.0.1`,
      "null",
      "file://",
    ]) {
      expect(await openFeed(trader.port, trader.token, { Origin: origin }), origin).toBe(403);
    }
    // A page of another site that resolves its own name to 127.0.0.1 (DNS rebinding): same-origin
    // for the browser, but the Host header names the other site.
    const rebound = `evil.example:${trader.port}`;
    expect(await openFeed(trader.port, trader.token, { Origin: `http://${rebound}`, Host: rebound })).toBe(
      403,
    );
  });

  it("refuses every trading action from another origin even with the token, and without the token", async () => {
    const evil = { "X-Tsgate-Token": trader.token, Origin: "http://evil.example" };
    const actions: Array<[string, unknown]> = [
      [
        "/api/order",
        { symbol: "600000", exchange: "SSE", direction: "LONG", type: "LIMIT", price: 11.5, volume: 100 },
      ],
      ["/api/cancel", { vtOrderid: "HFT.1" }],
      ["/api/subscribe", { vtSymbol: "601318.SSE" }],
      ["/api/connect", { setting: { 交易服务器: "203.0.113.1" } }],
      ["/api/strategy", { name: "BuyOnce", action: "init" }],
    ];
    for (const [path, body] of actions) {
      expect(await http("127.0.0.1", trader.port, "POST", path, evil, body), `${path} cross-origin`).toBe(
        403,
      );
      expect(await http("127.0.0.1", trader.port, "POST", path, {}, body), `${path} without token`).toBe(401);
      const rebound = { "X-Tsgate-Token": trader.token, Host: `evil.example:${trader.port}` };
      expect(await http("127.0.0.1", trader.port, "POST", path, rebound, body), `${path} foreign Host`).toBe(
        403,
      );
    }
    // Nothing happened: no order, no new subscription, still on the simulator.
    const state = await new Promise<string>((resolve, reject) => {
      request(
        {
          host: "127.0.0.1",
          port: trader.port,
          path: "/api/state",
          headers: { "X-Tsgate-Token": trader.token },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        },
      )
        .on("error", reject)
        .end();
    });
    const snapshot = JSON.parse(state) as { orders: unknown[]; subscriptions: string[]; mode: string };
    expect(snapshot.orders).toEqual([]);
    expect(snapshot.subscriptions).toEqual(["600000.SSE"]);
    expect(snapshot.mode).toBe("simulator");
  });
});

describe("tsgate trader --host", () => {
  it("0.0.0.0 prints the warning on stderr, and then answers on other interfaces too", async () => {
    const trader = await startTrader(["--host", "0.0.0.0"]);
    try {
      await trader.cli.waitForOutput(WARNING, "stderr");
      expect(trader.cli.stderr()).toContain("--host 0.0.0.0");
      if (HAS_PROC) expect(listeningAddresses(trader.port)).toEqual(["0.0.0.0"]);
      if (OTHER_IPV4 !== undefined) {
        // The counterpart of the default's refusal: the same check succeeds when it should.
        expect(await http(OTHER_IPV4, trader.port, "GET", "/api/status")).toBe(200);
      }
    } finally {
      expect(await stop(trader)).toBe(0);
    }
  });

  it.each(["127.0.0.1", "localhost", "::1"])(
    "%s prints no warning and listens on loopback only",
    async (host) => {
      const trader = await startTrader(["--host", host]);
      try {
        if (HAS_PROC) {
          const addresses = listeningAddresses(trader.port);
          expect(addresses.length).toBeGreaterThan(0);
          for (const address of addresses) expect(["127.0.0.1", "::1"]).toContain(address);
        }
      } finally {
        expect(await stop(trader)).toBe(0);
      }
      // The warning is printed before the server starts: the whole stderr is in now.
      expect(trader.cli.stderr()).not.toMatch(WARNING);
      expect(trader.cli.stdout()).not.toMatch(WARNING);
    },
  );
});

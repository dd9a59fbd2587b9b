/**
 * Refused WebSocket upgrades and upgrade 404s never kill the trader (issue 18, item 1): through
 * the real `tsgate trader` command and raw TCP sockets, every kind of refused upgrade (foreign
 * Origin, no Origin, no token, wrong token, wrong path) is followed by a TCP reset — at once, after
 * the answer arrived, or by a client that closes before reading it — and the process must stay up,
 * print no unhandled error and keep serving. Plain requests (a 404 page, a refused API call, a
 * malformed request) get the same treatment; Node guards those sockets itself, and this keeps it so.
 */
import { request } from "node:http";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startTrader } from "../src/index.js";
import { type CliProcess, runTsgate } from "./helpers/cli-process.js";

const DASHBOARD_LINE = /(?:dashboard|看板)\s+http:\/\/(\S+):(\d+)\/\?token=(\S+)/;
/** Attempts per kind of refusal and way of hanging up (the crash needed ~20 in all). */
const ROUNDS = 8;

interface Refusal {
  readonly name: string;
  readonly path: (token: string) => string;
  readonly origin: (port: number) => string | undefined;
  /** The status line the trader answers when the client does read it. */
  readonly status: number;
}

const REFUSALS: readonly Refusal[] = [
  { name: "foreign Origin", path: (t) => `/ws?token=${t}`, origin: () => "http://evil.example", status: 403 },
  { name: "no Origin", path: (t) => `/ws?token=${t}`, origin: () => undefined, status: 403 },
  { name: "no token", path: () => "/ws", origin: (p) => `http://127.0.0.1:${p}`, status: 401 },
  { name: "wrong token", path: () => "/ws?token=wrong", origin: (p) => `http://127.0.0.1:${p}`, status: 403 },
  {
    name: "wrong path",
    path: (t) => `/nope?token=${t}`,
    origin: (p) => `http://127.0.0.1:${p}`,
    status: 404,
  },
];

type HangUp = "reset at once" | "reset after the answer" | "close before reading";
const HANG_UPS: readonly HangUp[] = ["reset at once", "reset after the answer", "close before reading"];

function upgradeRequest(port: number, path: string, origin: string | undefined): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
    "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
    (origin === undefined ? "" : `Origin: ${origin}\r\n`) +
    "\r\n"
  );
}

/**
 * Sends one refused upgrade and hangs up as told; resolves with what arrived before the socket
 * closed. Errors of our own client socket (the reset we caused) are expected and ignored.
 */
function attack(port: number, text: string, hangUp: HangUp): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("error", () => {});
    socket.on("close", () => resolve(received));
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      if (hangUp === "reset after the answer") socket.resetAndDestroy();
    });
    socket.on("connect", () => {
      socket.write(text);
      if (hangUp === "reset at once") socket.resetAndDestroy();
      // FIN now, and any answer that comes after is met by the kernel with a reset.
      if (hangUp === "close before reading") socket.destroy();
    });
  });
}

function status(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/status" }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

let cli: CliProcess | undefined;

// A trader of its own for each test, so one crash cannot hide another.
afterEach(async () => {
  if (cli !== undefined && cli.child.exitCode === null && cli.child.signalCode === null) {
    cli.child.kill("SIGKILL");
    await cli.exited;
  }
  cli = undefined;
});

describe("refused upgrades followed by resets", () => {
  for (const refusal of REFUSALS) {
    it(`survives ${refusal.name}, refused then reset or closed early, and keeps serving`, async () => {
      const trader = runTsgate(["trader", "--port", "0"]);
      cli = trader;
      const match = await trader.waitForOutput(DASHBOARD_LINE);
      const port = Number(match[2]);
      const text = upgradeRequest(port, refusal.path(match[3] ?? ""), refusal.origin(port));
      const answers: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const hangUp of HANG_UPS) {
          const received = await attack(port, text, hangUp);
          if (hangUp === "reset after the answer") answers.push(received);
        }
      }
      expect(await status(port).catch((err: Error) => `${err.message}\n${trader.stderr()}`)).toBe(200);
      expect(trader.child.exitCode).toBeNull();
      expect(trader.child.signalCode).toBeNull();
      expect(trader.stderr()).not.toMatch(/Unhandled|ECONNRESET|EPIPE/);
      // The refusal itself is unchanged for a client that reads it.
      for (const answer of answers) expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${refusal.status} `));
    });
  }
});

describe("plain requests followed by resets", () => {
  it("a 404 page, a refused API call and a bad request, each reset or closed early, leave it serving", async () => {
    const trader = runTsgate(["trader", "--port", "0"]);
    cli = trader;
    const port = Number((await trader.waitForOutput(DASHBOARD_LINE))[2]);
    const requests = [
      `GET /nope HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      `GET /api/state HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      "NOT HTTP AT ALL\r\n\r\n",
    ];
    for (let round = 0; round < ROUNDS; round++) {
      for (const text of requests) for (const hangUp of HANG_UPS) await attack(port, text, hangUp);
    }
    expect(await status(port).catch((err: Error) => `${err.message}\n${trader.stderr()}`)).toBe(200);
    expect(trader.child.exitCode).toBeNull();
    expect(trader.stderr()).not.toMatch(/Unhandled|ECONNRESET|EPIPE/);
  });
});

describe("a refused client that keeps its side open", () => {
  it("is cut, so it cannot hold the trader's shutdown", async () => {
    const app = await startTrader({ port: 0 });
    const socket = connect({ port: app.port, host: "127.0.0.1", allowHalfOpen: true });
    socket.on("error", () => {});
    const answered = new Promise<void>((resolve) => socket.once("end", () => resolve()));
    socket.on("data", () => {});
    socket.write(upgradeRequest(app.port, "/ws", `http://127.0.0.1:${app.port}`));
    await answered;
    // The client never closes; without the cut, close() would wait for it for ever.
    await app.close();
    socket.destroy();
  }, 30_000);
});

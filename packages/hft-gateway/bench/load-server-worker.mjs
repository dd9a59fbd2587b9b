// The mock servers of the load benchmark (bench/load.ts), in a child process of their own: they
// share neither the event loop nor the heap/RSS of the process under test (with a real broker they
// are separate machines). 50 instruments (SSE 600xxx/601xxx, SZSE 000xxx/300xxx), an account with
// ample cash and start-of-day holdings of every instrument, the market stepped `rate` times per
// second (one snapshot per instrument per step).
//
// IPC commands from the parent: rate (steps per second, 0 = stopped), stats, close. The stats are
// what the server itself counted: snapshots written to each market connection (sent) and skipped
// because the connection was backed up (dropped), market steps, and the trades and order reports
// the broker made for the account.
import process from "node:process";
import { parseMockConfig, startMockServers } from "@tsgate/mock-server";

const ACCOUNT = "demo";
const PASSWORD = "demo123";
/** Shares of every instrument held at the start of the day (sellable today). */
const HOLDING = 1_000_000;

/** 15 × 600xxx and 10 × 601xxx on SSE, 15 × 000xxx and 10 × 300xxx (ChiNext) on SZSE. */
function instruments() {
  const out = [];
  const add = (market, prefix, count) => {
    for (let i = 0; i < count; i++) {
      const code = `${prefix}${String(i * 7 + 1).padStart(3, "0")}`;
      // Previous closes spread over 3–80 yuan, multiples of 0.01.
      const cents = 300 + ((out.length * 1543) % 7700);
      out.push({ code, market, name: `负载${market}${code}`, securityType: "stock", preClose: cents / 100 });
    }
  };
  add("SH", "600", 15);
  add("SH", "601", 10);
  add("SZ", "000", 15);
  add("SZ", "300", 10);
  return out;
}

const list = instruments();
const config = parseMockConfig({
  sessionMode: "always-open",
  accounts: [
    {
      accountId: ACCOUNT,
      password: PASSWORD,
      cash: 10_000_000_000,
      positions: list.map((i) => ({
        symbol: `${i.market}.${i.code}`,
        volume: HOLDING,
        costPrice: i.preClose,
      })),
    },
  ],
  mdUsers: [{ user: ACCOUNT, password: PASSWORD }],
  instruments: list,
  market: { mode: "random-walk", seed: 7, tickIntervalMs: 1000, volatility: 0.001 },
});

const mock = await startMockServers({
  config,
  seed: 7,
  // Stopped until the parent asks for its rate: the subscriptions come first.
  marketRateHz: 0,
  heartbeatTimeoutMs: 60_000,
});

let trades = 0;
let orderReports = 0;
let rejected = 0;
mock.broker.onReport((accountId, report) => {
  if (accountId !== ACCOUNT) return;
  if (report.type === "trade") trades++;
  else {
    orderReports++;
    if (report.body.status === 9) rejected++; // OrderStatus.Rejected
  }
});

function stats() {
  const { connections: perConnection, ...market } = mock.control.marketStats();
  return {
    ...market,
    // What the server wrote to each open market connection ({ id, snapshotsSent, snapshotsDropped }).
    perConnection,
    marketConnections: mock.control
      .connections()
      .filter((c) => c.side === "market")
      .map((c) => c.id),
    tradeConnections: mock.control
      .connections()
      .filter((c) => c.side === "trade")
      .map((c) => c.id),
    trades,
    orderReports,
    rejected,
    rss: process.memoryUsage().rss,
  };
}

process.on("message", async (msg) => {
  switch (msg.cmd) {
    case "rate":
      mock.control.setMarketRate(msg.hz);
      process.send({ cmd: "rate" });
      break;
    case "stats":
      process.send({ cmd: "stats", stats: stats() });
      break;
    case "close":
      await mock.close();
      process.send({ cmd: "closed" }, () => process.exit(0));
      break;
  }
});
// The parent died: do not linger.
process.on("disconnect", () => process.exit(0));

process.send({
  cmd: "ready",
  tradePort: mock.tradePort,
  marketPort: mock.marketPort,
  account: ACCOUNT,
  password: PASSWORD,
  holding: HOLDING,
  instruments: list.map((i) => ({ symbol: i.code, exchange: i.market === "SH" ? "SSE" : "SZSE" })),
});

// The Linux side of the Windows run: the mock trade and market servers in this process, and a small
// HTTP control endpoint on 127.0.0.1 through which the tests inside Windows node.exe step the market,
// drop connections and read the server's books (they cannot reach this process's objects directly).
import { createServer } from "node:http";
import { startMockServers } from "@tsgate/mock-server";

/** Server order states that are final (wire OrderStatus names, as the broker reports them). */
const FINAL_STATUSES = new Set(["Filled", "CancelFilled", "PartiallyCanceled", "Rejected"]);

function serverOrder(mock, clOrderId) {
  let last;
  for (const report of mock.broker.reportsAfter("demo", 0)) {
    if (report.type === "order" && (report.body.clOrderId || report.body.orderId) === clOrderId)
      last = report.body;
  }
  return last;
}

/** Routes: POST /step?n=, POST /drop?side=trade|market, GET /order?cl=, GET /trades. */
function handle(mock, statusName, req, url) {
  if (req.method === "POST" && url.pathname === "/step") {
    mock.control.stepMarket(Number(url.searchParams.get("n") ?? 1));
    return { ok: true };
  }
  if (req.method === "POST" && url.pathname === "/drop") {
    const side = url.searchParams.get("side") ?? undefined;
    return { dropped: mock.control.dropConnections(side ? { side } : undefined) };
  }
  if (req.method === "GET" && url.pathname === "/order") {
    const body = serverOrder(mock, url.searchParams.get("cl") ?? "");
    if (body === undefined) return { known: false };
    const status = statusName(body.status);
    return { known: true, status, final: FINAL_STATUSES.has(status), filled: body.filledVolume };
  }
  if (req.method === "GET" && url.pathname === "/trades") {
    return {
      tradeIds: mock.broker
        .reportsAfter("demo", 0)
        .flatMap((r) => (r.type === "trade" ? [r.body.tradeId] : [])),
    };
  }
  return undefined;
}

/** Starts the mock servers (stopped market, stepped by the tests) and the control endpoint. */
export async function startMockWithControl() {
  const { OrderStatus } = await import("@tsgate/mock-server");
  const statusName = (code) => Object.keys(OrderStatus).find((k) => OrderStatus[k] === code) ?? String(code);
  const lines = [];
  const mock = await startMockServers({ marketRateHz: 0, log: (line) => lines.push(line) });
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let body;
    try {
      body = handle(mock, statusName, req, url);
    } catch (error) {
      res.writeHead(500).end(String(error));
      return;
    }
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    mock,
    lines,
    env: {
      TSGATE_WIN_TRADE_PORT: String(mock.tradePort),
      TSGATE_WIN_MARKET_PORT: String(mock.marketPort),
      TSGATE_WIN_CONTROL: `http://127.0.0.1:${http.address().port}`,
    },
    async close() {
      await new Promise((resolve) => http.close(resolve));
      await mock.close();
    },
  };
}
